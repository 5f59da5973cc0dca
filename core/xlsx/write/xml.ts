/**
 * Text made safe for the XML parts of a written workbook, by construction: every text that
 * reaches a part goes through `cellText` (what cells hold) or `safe` (core/ooxml.ts: names, messages,
 * formulas).
 */
import { escapeMarkup, NOT_XML } from '../../ooxml';

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
