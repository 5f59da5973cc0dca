/**
 * Text from province files on its way into a spreadsheet — cells of CSV outputs, cells the add-in
 * writes through Office.js — where a leading `=`, `+`, `-` or `@` (or a tab or carriage return
 * before one) would make the spreadsheet run it as a formula: `=HYPERLINK(…)` exfiltrating data,
 * `+cmd|' /C calc'!A0` (DDE). A leading apostrophe keeps it text: Excel takes it as "this is text"
 * and does not show it.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

export function neutraliseFormula(text: string): string {
  return looksLikeFormula(text) ? `'${text}` : text;
}

/**
 * Found text as quoted in a message or kept as an identifier, cut to `max` characters: a cell
 * can hold a megabyte, a message should not.
 */
export function shorten(text: string, max = 40): string {
  if (text.length <= max) return text;
  const cut = /[\uD800-\uDBFF]$/.test(text.slice(0, max)) ? max - 1 : max; // never half a character
  return `${text.slice(0, cut)}…`;
}
