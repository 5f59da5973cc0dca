/**
 * The problems planted in the samples on purpose, each once, so that every cross-file check
 * (Q01, Q04, Q05) and two validation rules (V02, V05) have something to find. Everything
 * else in the samples is clean: tests/samples asserts exactly this list.
 */
import type { Text } from '../../core/forms';
import type { RuleId, Severity } from '../../core/submission';

export const SAMPLE_YEAR = 2026;
const monthOf = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}`;
/** Monthly samples run January … October; the six-month report covers January … June. */
export const SAMPLE_MONTHS = Array.from({ length: 10 }, (_, i) => monthOf(SAMPLE_YEAR, i + 1));
export const SAMPLE_HALF = `${SAMPLE_YEAR}-H1`;

/**
 * The year before, complete, for comparisons with the same period last year across the 2025
 * merger: the 63 provinces of the time for January … June and the six-month report, the 34 for
 * July … December and the annual report (docs/DECISIONS.md: a period's units are those valid on
 * its last day).
 */
export const HISTORY_YEAR = SAMPLE_YEAR - 1;
export const HISTORY_FIRST_HALF = Array.from({ length: 6 }, (_, i) => monthOf(HISTORY_YEAR, i + 1));
export const HISTORY_SECOND_HALF = Array.from({ length: 6 }, (_, i) => monthOf(HISTORY_YEAR, i + 7));
export const HISTORY_HALF = `${HISTORY_YEAR}-H1`;
export const HISTORY_ANNUAL = String(HISTORY_YEAR);

/** Q04: reported after the deadline (due before 28 March). */
export const LATE = { province: '12', period: '2026-03', reportDate: '2026-03-31' } as const;
/** Q05: no report at all from this province for this month. */
export const MISSING = { province: '44', period: '2026-07' } as const;
/** Q01: sent twice; the first understated the conferences of one local office, the second corrects it. */
export const RESUBMITTED = {
  province: '51',
  period: '2026-05',
  unitCode: '5101',
  firstDate: '2026-05-22',
  secondDate: '2026-05-26',
} as const;
/** V02: customer conferences (col 6) typed larger than conferences (col 4) on one row. */
export const CUSTOMER_OVER_CONFERENCES = { province: '37', period: '2026-08', unitCode: '3704', excess: 2 } as const;
/** V05: fewer people reached (col 8) than small-group sessions (col 7) on one row. */
export const PEOPLE_UNDER_SESSIONS = { province: '86', period: '2026-09', unitCode: '8603' } as const;

export interface DocumentedProblem {
  rule: RuleId;
  severity: Severity;
  /** Path under `data/samples/`; for Q05 the file that is missing. */
  file: string;
  sheet: string | null;
  cell: string | null;
  description: Text;
}

export function sampleFileName(unitCode: string, period: string, version = 1): string {
  return `${period}/${unitCode}_${period}${version > 1 ? `_v${version}` : ''}.xlsx`;
}
