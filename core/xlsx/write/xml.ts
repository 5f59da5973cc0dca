/**
 * Text made safe for the XML parts of a written workbook, by construction: every text that
 * reaches a part goes through `cellText` (what cells hold) or `safe` (names, messages, formulas).
 */

// Characters XML 1.0 cannot hold at all: C0 controls but tab, LF and CR; U+FFFE and U+FFFF;
// halves of surrogate pairs standing alone.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const MARKUP = /[&<>"]/g;
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

const escapeMarkup = (s: string) => s.replace(MARKUP, (c) => ENTITY[c]);

/** Markup escaped, characters XML cannot hold dropped: for names, messages and formulas of our own. */
export function safe(s: string): string {
  return escapeMarkup(s.replace(NOT_XML, ''));
}

/**
 * Cell text as Excel writes it: a character XML cannot hold becomes `_xHHHH_`, and an `_x` that
 * would read as such an escape gets its underscore escaped (`_x005F_`), so that every reader gives
 * back the text as it was (a lone surrogate, which no file can carry, becomes U+FFFD).
 */
export function cellText(s: string): string {
  return escapeMarkup(
    s
      .replace(/_(?=x[0-9A-Fa-f]{4}_)/g, '_x005F_')
      .replace(NOT_XML, (c) => (c.length === 1 && c >= '\uD800' && c <= '\uDFFF' ? '\uFFFD' : `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`)),
  );
}
