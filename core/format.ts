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
