/**
 * What a report says in total: the total-row value of every form column and the target rows,
 * as numbers (blank = null). The indicators (add-in preview) and the Word draft read a report
 * through this one shape, whether it comes from the open sheets or the national sums.
 */
import { FORMS, type FormId, type TargetCode } from './forms';
import { VALUE_MAX } from './layout';
import { numericValue } from './rules';
import type { FormTable, Submission } from './submission';

export interface UnitTotals {
  /** Total-row values by form, index i = column i + 1; null = blank / not reported. */
  forms: Partial<Record<FormId, (number | null)[]>>;
  targets: Partial<Record<TargetCode, { total: number | null; achieved: number | null }>>;
}

/** Total-row values, or the sum of the unit rows where the sheet has no total row. */
function formTotals(table: FormTable, columns: number, max: number): (number | null)[] {
  return Array.from({ length: columns }, (_, i) => {
    if (table.total) return numericValue(table.total.values[i] ?? null, max);
    const nums = table.rows.map((r) => numericValue(r.values[i] ?? null, max)).filter((n): n is number => n !== null);
    return nums.length ? nums.reduce((a, b) => a + b, 0) : null;
  });
}

/**
 * Values V01 accepts count (`max`: its upper bound per unit; the nation's sums, such as the
 * labour force of T4, pass a larger one).
 */
export function unitTotalsOf(sub: Submission, max = VALUE_MAX): UnitTotals {
  const forms: UnitTotals['forms'] = {};
  for (const id of Object.keys(sub.forms) as FormId[]) forms[id] = formTotals(sub.forms[id]!, FORMS[id].columns.length, max);
  const targets: UnitTotals['targets'] = {};
  for (const t of sub.targets ?? []) targets[t.code] = { total: numericValue(t.total, max), achieved: numericValue(t.achieved, max) };
  return { forms, targets };
}
