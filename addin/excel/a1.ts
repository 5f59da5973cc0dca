/** A1 references as the add-in meets them: `D10`, `D10:W22`, `A:C`, `7:9`, `'Mẫu 03'!D10`. */
import type { MergeRange } from '../../core/layout';

export type Rect = MergeRange;

/** Excel's last row and column, for whole-column and whole-row references. */
export const MAX_ROW = 1_048_576;
export const MAX_COLUMN = 16_384;

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

const PART = /^\$?([A-Za-z]{1,3})?\$?(\d+)?$/;

function parsePart(part: string): { row: number | null; column: number | null } {
  const m = PART.exec(part);
  if (!m || (!m[1] && !m[2])) throw new Error(`Địa chỉ ô không hợp lệ / bad cell reference "${part}"`);
  return { column: m[1] ? columnNumber(m[1]) : null, row: m[2] ? Number(m[2]) : null };
}

/** Drops a sheet prefix (`'Mẫu 03'!` or `Sheet1!`). */
export function withoutSheet(address: string): string {
  const bang = address.lastIndexOf('!');
  return bang >= 0 ? address.slice(bang + 1) : address;
}

/** 1-based inclusive rectangle of an A1 reference. */
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
