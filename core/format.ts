/**
 * How numbers and dates read in Vietnamese, everywhere a person reads them (messages, the report,
 * the drafts, the charts' locale): `1.234.567`, `28,5`, `−3`, `25/06/2026`.
 */

export const pad2 = (n: number): string => String(n).padStart(2, '0');

/** Dot thousands, decimal comma, and the typographic minus d3 prints (so text and charts agree). */
export const VI_NUMBER = { decimal: ',', thousands: '.', minus: '−' } as const;

/**
 * A number as Vietnamese text: `1234.5 → "1.234,5"`. With `decimals`, exactly that many; with
 * `{ upTo }`, as many as it needs up to that (three by default). Rounds as `toFixed` and d3 do
 * (on the binary value); a value that rounds to zero carries no sign.
 */
export function viNumber(value: number, decimals: number | { upTo: number } = { upTo: 3 }): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  const fixed = typeof decimals === 'number';
  // toFixed writes an exponent from 1e21 on; whole digits there are exact anyway.
  const digits = abs < 1e21 ? abs.toFixed(fixed ? decimals : decimals.upTo) : BigInt(abs).toString();
  const [whole, fixedFraction = ''] = digits.split('.');
  const fraction = fixed ? fixedFraction : fixedFraction.replace(/0+$/, '');
  const text = whole.replace(/\B(?=(\d{3})+(?!\d))/g, VI_NUMBER.thousands) + (fraction ? VI_NUMBER.decimal + fraction : '');
  return value < 0 && /[1-9]/.test(text) ? VI_NUMBER.minus + text : text;
}

// One formatter for each number of decimals: `toLocaleString` builds one at every call.
const EN_NUMBERS = new Map<number, Intl.NumberFormat>();

/** The English half of a message: `1,234.5`, as many decimals as needed up to `upTo`. */
export function enNumber(value: number, upTo = 3): string {
  let format = EN_NUMBERS.get(upTo);
  if (!format) EN_NUMBERS.set(upTo, (format = new Intl.NumberFormat('en-US', { maximumFractionDigits: upTo })));
  return format.format(value);
}

/** `2026-04-02` → `02/04/2026`; anything else is shown as it is. */
export function viDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** Vietnam keeps UTC+7 all year (no daylight saving): every time we print is Vietnam's. */
const VIETNAM_OFFSET_MS = 7 * 3600 * 1000;

/** The calendar date in Vietnam of an instant, `YYYY-MM-DD`. */
export function vietnamDate(instant: Date | string): string {
  const t = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return new Date(t + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** `2026-06-25T03:15:00Z` → `10:15 ngày 25/06/2026 (giờ Việt Nam)`; anything else as it is. */
export function vietnamTime(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const d = new Date(t + VIETNAM_OFFSET_MS);
  return `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())} ngày ${pad2(d.getUTCDate())}/${pad2(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} (giờ Việt Nam)`;
}

/**
 * `2026-06-15` → `ngày 15 tháng 6 năm 2026`, as dates stand in administrative documents: Nghị định
 * 30/2020 writes days below 10 and the months 1 and 2 with a leading zero (`ngày 05 tháng 02`).
 */
export function viLongDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const month = Number(m[2]);
  return `ngày ${m[3]} tháng ${month <= 2 ? m[2] : month} năm ${m[1]}`;
}
