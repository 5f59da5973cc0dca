/** Report dates as clerks type them, and as spreadsheets store them. */
import { isIsoDate, isoDate } from '../dates';
import { DAY_MS, EXCEL_EPOCH_MS, isDate } from '../spreadsheet';
import type { RawValue } from '../submission';
import { isBlank } from './cells';

/** A real day of this century as ISO, or null. */
function isoOf(y: number, m: number, d: number): string | null {
  const iso = isoDate(y, m, d);
  return y >= 2000 && y <= 2100 && isIsoDate(iso) ? iso : null;
}

function isoOfTime(ms: number): string | null {
  // A second of slack: dates converted from serial numbers can land just before midnight.
  const d = new Date(Math.floor((ms + 1000) / DAY_MS) * DAY_MS);
  return isoOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/**
 * A report date as found in a cell: a date, an Excel serial number, or text `dd/mm/yyyy`
 * (the Vietnamese way), `ngày dd tháng mm năm yyyy` or ISO `yyyy-mm-dd`. Returns ISO, null for blank, or 'invalid'.
 */
export function parseReportDate(value: RawValue): string | null | 'invalid' {
  if (isBlank(value)) return null;
  if (isDate(value)) return isoOfTime(value.getTime()) ?? 'invalid';
  if (typeof value === 'number') return isoOfTime(EXCEL_EPOCH_MS + value * DAY_MS) ?? 'invalid';
  if (typeof value !== 'string') return 'invalid';
  const text = value.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (iso) return isoOf(Number(iso[1]), Number(iso[2]), Number(iso[3])) ?? 'invalid';
  const vn = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (vn) return isoOf(Number(vn[3]), Number(vn[2]), Number(vn[1])) ?? 'invalid';
  // As typed in Vietnamese documents: `ngày 15 tháng 6 năm 2026`.
  const words = /^(?:ngày\s*)?(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})$/i.exec(text.normalize('NFC'));
  if (words) return isoOf(Number(words[3]), Number(words[2]), Number(words[1])) ?? 'invalid';
  return 'invalid';
}
