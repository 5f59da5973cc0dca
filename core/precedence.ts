/**
 * Which of two reports of one unit for one period counts (Q01, docs/FORMS.md): the later report
 * date; on the same date the later arrival (the file's modification time), then the content (the
 * larger sha256 fingerprint). One rule for the national warehouse (pipeline/warehouse/load.ts)
 * and the add-in's import of local offices' files (addin/import-plan.ts): a total order on what
 * the files are, never on the order they were given in, so a rebuild picks the same reports.
 */

/** What orders the reports of a unit for a period. */
export interface Ranked {
  /** ISO `YYYY-MM-DD`, or null when the file carries none (it then ranks below any dated one). */
  reportDate: string | null;
  /** `arrivalText` of the file's modification time; null when unknown. */
  arrivedAt: string | null;
  /** sha256 of the file's bytes, lower-case hex. */
  hash: string;
}

/** Whether report `a` counts rather than `b` (false for the very same file). */
export function ranksAbove(a: Ranked, b: Ranked): boolean {
  const key = (r: Ranked) => [r.reportDate ?? '', r.arrivedAt ?? '', r.hash];
  const [ka, kb] = [key(a), key(b)];
  const i = ka.findIndex((x, j) => x !== kb[j]);
  return i >= 0 && ka[i] > kb[i];
}

/** What decided between two reports, for the message naming the one not used. */
export function rankedBy(kept: Ranked, dropped: Ranked): 'date' | 'arrival' | 'content' {
  if ((kept.reportDate ?? '') !== (dropped.reportDate ?? '')) return 'date';
  return (kept.arrivedAt ?? '') !== (dropped.arrivedAt ?? '') ? 'arrival' : 'content';
}

/**
 * A modification time as `YYYY-MM-DD HH:MM:SS.ffffff` (UTC, microseconds): what DuckDB reads as a
 * TIMESTAMP and what `strftime(…, '%Y-%m-%d %H:%M:%S.%f')` gives back, so arrivals compare as text.
 */
export function arrivalText(modifiedMs: number): string {
  const whole = Math.floor(modifiedMs);
  const micros = Math.min(999, Math.round((modifiedMs - whole) * 1000));
  return `${new Date(whole).toISOString().slice(0, 23).replace('T', ' ')}${String(micros).padStart(3, '0')}`;
}

/**
 * sha256 of a file's bytes as lower-case hex, through Web Crypto (browsers, and Node ≥ 19): the
 * add-in's fingerprint, the same digest the pipeline takes with node:crypto (tested).
 */
export async function fingerprint(bytes: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
