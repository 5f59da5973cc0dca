/**
 * Calendar days as ISO `YYYY-MM-DD` text, the one form dates travel in between the reader, the
 * rules, the warehouse and the outputs (they compare and sort as text, whatever the time zone).
 */
import { pad2 } from './format';

export function isoDate(year: number, month: number, day: number): string {
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/** A real calendar day as `YYYY-MM-DD` (not 2026-02-30, which Date.parse rolls over). */
export function isIsoDate(text: string | null | undefined): text is string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text ?? '');
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

/** `YYYY-MM-DD` → Date at UTC midnight (how report dates travel in cells). */
export function dateOfIso(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}
