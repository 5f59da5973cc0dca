/**
 * CSV output (RFC 4180). Text that came from files is neutralised so that a spreadsheet opening
 * the CSV never reads it as a formula (`=HYPERLINK(…)`, `+cmd`, `-2+3`, `@SUM(…)`).
 */
import { neutraliseFormula } from '../../core/safe-text';

export type CsvValue = string | number | null;

/** A machine-readable number without float noise: at most 6 decimals, no exponent, blank for a non-finite one. */
function csvNumber(n: number): string {
  if (!Number.isFinite(n)) return '';
  if (Number.isInteger(n)) return String(n);
  const fixed = n.toFixed(6).replace(/0+$/, '').replace(/\.$/, '');
  return fixed === '-0' ? '0' : fixed;
}

function field(v: CsvValue): string {
  if (v === null) return '';
  // A number never needs quotes (values.csv is mostly numbers).
  if (typeof v === 'number') return csvNumber(v);
  const s = neutraliseFormula(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** `bom` for files people open in Excel (it then reads UTF-8 Vietnamese correctly). */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[], bom = false): string {
  const lines = [header.map(field).join(','), ...rows.map((r) => r.map(field).join(','))];
  return (bom ? '\uFEFF' : '') + lines.join('\r\n') + '\r\n';
}
