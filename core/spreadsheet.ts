/**
 * What every spreadsheet program agrees on, in one place: A1 addresses (`D10`, `D10:W22`,
 * `'Mẫu 03'!$D$10`), the serial day numbers date cells store, and how SUM adds a column. The
 * writer, the reader, the guard and the add-in all name cells and dates through these.
 */
import type { RawValue } from './submission';

/** A 1-based, inclusive rectangle of cells. */
export interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** Excel's last row and column, for whole-column and whole-row references. */
export const MAX_ROW = 1_048_576;
export const MAX_COLUMN = 16_384;

/** `1 → A`, `27 → AA`. */
export function columnLetter(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** `A → 1`, `aa → 27` (letters only, either case; called for every cell a file holds). */
export function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) & 0xdf) - 64;
  return n;
}

/** `(12, 4) → D12`. */
export function cellAddress(row: number, column: number): string {
  return `${columnLetter(column)}${row}`;
}

/** `D10:W22`, or `D10` for a single cell. */
export function rangeAddress(top: number, left: number, bottom: number, right: number): string {
  const a = cellAddress(top, left);
  const b = cellAddress(bottom, right);
  return a === b ? a : `${a}:${b}`;
}

const PART = /^\$?([A-Za-z]{1,3})?\$?(\d+)?$/;

function parsePart(part: string): { row: number | null; column: number | null } {
  const m = PART.exec(part);
  if (!m || (!m[1] && !m[2])) throw new Error(`Địa chỉ ô không hợp lệ / bad cell reference "${part}"`);
  return { column: m[1] ? columnNumber(m[1]) : null, row: m[2] ? Number(m[2]) : null };
}

/** Drops a sheet prefix (`'Mẫu 03'!` or `Sheet1!`). */
function withoutSheet(address: string): string {
  const bang = address.lastIndexOf('!');
  return bang >= 0 ? address.slice(bang + 1) : address;
}

/** The rectangle of an A1 reference: `D10`, `D10:W22`, whole columns `A:C`, whole rows `7:9`. */
export function parseRange(address: string): Rect {
  const [a, b = a] = withoutSheet(address).split(':');
  const p = parsePart(a);
  const q = parsePart(b);
  return {
    top: p.row ?? 1,
    left: p.column ?? 1,
    bottom: q.row ?? MAX_ROW,
    right: q.column ?? MAX_COLUMN,
  };
}

export const DAY_MS = 86_400_000;
/** Excel's day 0 in the 1900 date system, as used by every file this project meets. */
export const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** The serial day number a date cell stores, of a date held at UTC midnight (how the model carries dates). */
export function serialOfDate(date: Date): number {
  return Math.round((date.getTime() - EXCEL_EPOCH_MS) / DAY_MS);
}

export function dateOfSerial(serial: number): Date {
  return new Date(EXCEL_EPOCH_MS + Math.round(serial * DAY_MS));
}

/** Also true for dates made in another realm (a worker, a test sandbox), where `instanceof` fails. */
export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

/**
 * A column summed as the spreadsheet's SUM does (text and blanks ignored), with how many numbers
 * it added; null when an error value is among them (SUM then shows the error).
 */
export function spreadsheetSum(values: readonly RawValue[]): { sum: number; numbers: number } | null {
  let sum = 0;
  let numbers = 0;
  for (const v of values) {
    if (v !== null && typeof v === 'object' && !isDate(v)) return null;
    if (typeof v === 'number') (sum += v), numbers++;
  }
  return { sum, numbers };
}
