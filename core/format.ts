/** How numbers and dates read in Vietnamese messages: `1.234.567`, `28,5`, `25/06/2026`. */

export const pad2 = (n: number): string => String(n).padStart(2, '0');

/** A count or measure in a message (dot thousands, decimal comma). */
export function viNumber(n: number): string {
  return n.toLocaleString('vi-VN');
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
