/**
 * Q03: a value far outside the unit's own history. For every Form 03/04 total, the robust
 * z-score against the unit's last 6 periods of the same kind (median and median absolute
 * deviation, so one odd month does not hide another): |0.6745 (x − median) / MAD| > 3.5.
 * Needs 4 of those 6 periods. Five or six monthly totals that happen to lie close together give
 * a tiny MAD that would flag ordinary variation (a quiet month, the May campaign month), so the
 * spread is floored at what a 20 % month-to-month variation would give (MAD = 0.6745 × 0.2 ×
 * median) and at 1: what stands out is then about 70 % or more away from the median, the size
 * of a typo, a doubled figure or a cumulative figure typed as a monthly one.
 */
import { FORMS, type FormId } from '../../core/forms';
import { previousPeriod, type Period } from '../../core/periods';
import { cellIssue } from '../../core/submission';
import { currentTotals, type CurrentSubmission, type TotalValue } from '../warehouse/queries';
import { sheetCell } from '../warehouse/value-cell';
import type { Warehouse } from '../warehouse/warehouse';
import type { UnitRegistry } from '../../core/units';
import { viNumber } from '../../core/format';
import { type Finding, sameUnitIn } from './finding';

export const Q03 = { window: 6, minHistory: 4, threshold: 3.5, minSpreadShare: 0.6745 * 0.2, minSpread: 1 } as const;

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Robust z-score of x against a history, with the spread floored as described above. */
export function robustZ(x: number, history: readonly number[]): number {
  const med = median(history);
  const mad = median(history.map((v) => Math.abs(v - med)));
  const spread = Math.max(mad, Q03.minSpreadShare * Math.abs(med), Q03.minSpread);
  return (0.6745 * (x - med)) / spread;
}

/**
 * z with as few decimals (at least one) as show it beyond the threshold: 3.52 reads "3.52",
 * never "3.5", which would look like a value the rule lets through.
 */
export function zText(z: number): string {
  for (let digits = 1; digits < 6; digits++) {
    const text = z.toFixed(digits);
    if (Math.abs(Number(text)) > Q03.threshold) return text;
  }
  return String(z);
}

export function historyPeriods(period: Period, count: number = Q03.window): string[] {
  const out: string[] = [];
  for (let p = previousPeriod(period); out.length < count; p = previousPeriod(p)) out.push(p.code);
  return out;
}

export async function checkOutliers(wh: Warehouse, registry: UnitRegistry, period: Period, current: readonly CurrentSubmission[]): Promise<Finding[]> {
  const history = historyPeriods(period);
  const totals = (await currentTotals(wh, [period.code, ...history])).filter((t) => t.form in FORMS);
  const byUnitCell = new Map<string, TotalValue[]>();
  for (const t of totals) {
    const key = `${t.unitCode}|${t.form}|${t.column}`;
    const series = byUnitCell.get(key);
    if (series) series.push(t);
    else byUnitCell.set(key, [t]);
  }
  const findings: Finding[] = [];
  for (const sub of current) {
    // The past periods in which the unit was the same one (asked once a unit, not once a cell).
    const sameUnit = new Set(history.filter((p) => sameUnitIn(registry, sub.unitCode, period, p)));
    for (const form of Object.keys(FORMS) as FormId[]) {
      for (const col of FORMS[form].columns) {
        const series = byUnitCell.get(`${sub.unitCode}|${form}|${col.no}`) ?? [];
        const now = series.find((t) => t.period === period.code);
        const past = series.filter((t) => sameUnit.has(t.period)).map((t) => t.value);
        if (!now || past.length < Q03.minHistory) continue;
        const z = robustZ(now.value, past);
        if (Math.abs(z) <= Q03.threshold) continue;
        const med = median(past);
        const at = sheetCell(form, now.sheetRow, now.column, now.sheetColumn, now.sheet);
        const issue = cellIssue('Q03', at.sheet, now.sheetRow, at.sheetColumn, {
          vi: `(${col.no}) ${col.label.vi} = ${viNumber(now.value)}, khác xa các kỳ trước của đơn vị (trung vị ${viNumber(med)} qua ${past.length} kỳ; điểm z = ${zText(z).replace('.', ',')}, ngưỡng ${String(Q03.threshold).replace('.', ',')})`,
          en: `(${col.no}) ${col.label.en} = ${now.value}, far from the unit's past periods (median ${med} over ${past.length}; z = ${zText(z)}, threshold ${Q03.threshold})`,
        });
        issue.file = sub.fileName;
        findings.push({ issue, unitCode: sub.unitCode, submissionId: sub.id, valueFound: String(now.value) });
      }
    }
  }
  return findings;
}
