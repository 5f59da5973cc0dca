/** What a cross-file check finds: an issue, and the unit (and submission) it is about. */
import type { Issue } from '../../core/submission';

export interface Finding {
  issue: Issue;
  unitCode: string;
  /** The current submission it concerns; null when the unit sent none (Q05). */
  submissionId: number | null;
}

/** `2026-03-28` → `28/03/2026`, as dates are written in Vietnamese text. */
export function viDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

export const viNumber = (n: number) => n.toLocaleString('vi-VN');
