/** Cell addresses and shared formulas, moved from their master as ExcelJS moves them. */
import { columnLetter, columnNumber, MAX_COLUMN } from '../../spreadsheet';
import { unusual } from './xml';

export function lettersOf(column: number): string {
  if (column < 1 || column > MAX_COLUMN) unusual(`column ${column} out of bounds`);
  return columnLetter(column);
}

const ADDRESS = /^([A-Z]{1,3})([1-9][0-9]*)$/;

export function decodeAddress(address: string): { row: number; column: number } {
  const m = ADDRESS.exec(address);
  const column = m ? columnNumber(m[1]) : 0;
  if (!m || column > MAX_COLUMN) unusual(`cell address "${address}"`);
  return { row: Number(m[2]), column };
}

/** Candidate references in a formula (with an optional sheet prefix), and a whole one. */
const FORMULA_TOKEN = /(([a-z_\-0-9]*)!)?([a-z0-9_$]{2,})([(])?/gi;
const REFERENCE = /^([$])?([a-z]+)([$])?([1-9][0-9]*)$/i;

/**
 * The formula of a shared-formula cell: its master's, with the relative references moved by the
 * distance from the master (absolute parts, function names and names beyond column XFD stay).
 */
export function shiftFormula(formula: string, from: string, to: string): string {
  const a = decodeAddress(from);
  const b = decodeAddress(to);
  return formula.replace(FORMULA_TOKEN, (token, sheet: string | undefined, _name, ref: string, paren: string | undefined) => {
    if (paren) return token;
    const m = REFERENCE.exec(ref);
    if (!m) return token;
    const letters = m[2].toUpperCase();
    if (letters.length > 3 || (letters.length === 3 && letters > 'XFD')) return token;
    const column = m[1] ? columnNumber(letters) : columnNumber(letters) + b.column - a.column;
    const row = m[3] ? Number(m[4]) : Number(m[4]) + b.row - a.row;
    return `${sheet ?? ''}${m[1] ?? ''}${lettersOf(column)}${m[3] ?? ''}${row}`;
  });
}
