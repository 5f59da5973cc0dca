/**
 * The grids the reader reads (one per sheet, as ExcelJS or Office.js gave them) and how it looks
 * at one cell: its value, its text for matching captions and codes, a unit code as typed.
 */
import { normalizeSheetName } from '../forms';
import { shorten } from '../safe-text';
import { cellAddress, isDate } from '../spreadsheet';
import { cellIssue, type Issue, type RawValue } from '../submission';

export type GridCell = { value: RawValue; formula?: string } | null;

export interface GridSheet {
  name: string;
  state?: 'visible' | 'hidden' | 'veryHidden';
  /** Row-major from A1; rows may be ragged, missing cells are blank. */
  cells: GridCell[][];
}

export interface WorkbookGrids {
  sheets: GridSheet[];
}

/** How far down and across the reader looks for the table's anchors. */
const SCAN_ROWS = 60;
export const SCAN_COLUMNS = 40;

export function cellAt(sheet: GridSheet, row: number, column: number): GridCell {
  return sheet.cells[row - 1]?.[column - 1] ?? null;
}

/** The value as found; an empty string is a blank cell. */
export function rawAt(sheet: GridSheet, row: number, column: number): RawValue {
  const v = cellAt(sheet, row, column)?.value ?? null;
  return v === '' ? null : v;
}

/** Text of a cell for matching captions and codes (numbers as written, dates not text). */
export function textAt(sheet: GridSheet, row: number, column: number): string {
  const v = rawAt(sheet, row, column);
  if (typeof v === 'string') return v.normalize('NFC').trim();
  if (typeof v === 'number') return String(v);
  return '';
}

/**
 * Captions compare like sheet names (NFC, case-blind, spaces collapsed), trailing colon optional.
 * The reader asks for the keys of the same few texts (captions, labels, unit names) over and over
 * while it scans a sheet, and locale-aware lower-casing is slow: the keys of short texts are
 * remembered, a bounded number of them.
 */
const captionKeys = new Map<string, string>();
const CAPTION_KEYS_KEPT = 4096;
const CAPTION_KEY_MAX_LENGTH = 200;

export function captionKey(text: string): string {
  if (text === '') return '';
  let key = captionKeys.get(text);
  if (key === undefined) {
    key = normalizeSheetName(text).replace(/\s*:$/, '');
    if (text.length > CAPTION_KEY_MAX_LENGTH) return key;
    if (captionKeys.size >= CAPTION_KEYS_KEPT) captionKeys.clear();
    captionKeys.set(text, key);
  }
  return key;
}

export const isBlank = (v: RawValue) => v === null || (typeof v === 'string' && v.trim() === '');

/**
 * Unit codes are text, but a spreadsheet may have turned `0101` into the number 101: restore
 * the leading zero (codes have 2 or 4 digits). Text far longer than a code is kept shortened,
 * so that messages quoting it stay readable.
 */
export function unitCodeOf(v: RawValue): string {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) {
    const s = String(v);
    return s.length % 2 === 1 ? `0${s}` : s;
  }
  return typeof v === 'string' ? shorten(v.normalize('NFC').trim().toUpperCase()) : '';
}

export function unitCodeAt(sheet: GridSheet, row: number, column: number): string {
  return unitCodeOf(rawAt(sheet, row, column));
}

export function rowCount(sheet: GridSheet): number {
  return sheet.cells.length;
}

/** `=SUM($D$10:$D$20)` → `SUM(D10:D20)`, for comparing formulas. */
export function canonicalFormula(formula: string): string {
  return formula.replace(/^=/, '').replace(/[\s$]/g, '').toUpperCase();
}

export function shownValue(value: RawValue): string {
  if (isDate(value)) return value.toISOString().slice(0, 10);
  if (value !== null && typeof value === 'object') return value.error;
  return String(value);
}

export function findCell(sheet: GridSheet, matches: (text: string) => boolean): { row: number; column: number } | null {
  for (let row = 1; row <= Math.min(SCAN_ROWS, rowCount(sheet)); row++) {
    for (let column = 1; column <= SCAN_COLUMNS; column++) {
      if (matches(textAt(sheet, row, column))) return { row, column };
    }
  }
  return null;
}

/**
 * A formula whose file carries no saved result (written by a program that does not calculate):
 * the figure is not in the file, so it is refused rather than read as blank.
 */
export function uncomputedFormula(sheet: GridSheet, row: number, column: number, issues: Issue[]): void {
  const cell = cellAt(sheet, row, column);
  if (!cell?.formula || (cell.value ?? null) !== null) return;
  const formula = shorten(cell.formula);
  issues.push(
    cellIssue('L12', sheet.name, row, column, {
      vi: `Ô ${cellAddress(row, column)} có công thức =${formula} nhưng tệp không lưu kết quả; mở tệp bằng Excel rồi lưu lại để kết quả được lưu trong tệp, sau đó gửi lại`,
      en: `Cell ${cellAddress(row, column)} holds the formula =${formula} but the file stores no result; open and save the file in Excel so that the result is stored, then send it again`,
    }),
  );
}
