/**
 * Q02: a six-month (or annual) Form 03 against the unit's monthly reports of the same months:
 * flows against their sum, stocks against the last month. Checked where every month is there
 * and the column is filled in all of them; more than 5 % apart is a warning.
 */
import { FORM_03 } from '../../core/forms';
import { monthCodes, type Period } from '../../core/periods';
import { cellIssue } from '../../core/submission';
import { currentSubmissions, currentTotals, type CurrentSubmission, type TotalValue } from '../warehouse/queries';
import { sheetCell } from '../warehouse/value-cell';
import type { Warehouse } from '../warehouse/warehouse';
import type { UnitRegistry } from '../../core/units';
import { viNumber } from '../../core/format';
import { type Finding, sameUnitIn } from './finding';

const Q02_TOLERANCE = 0.05;

/** Relative gap between two counts, against the larger (0 when both are 0). */
export function relativeGap(a: number, b: number): number {
  const base = Math.max(Math.abs(a), Math.abs(b));
  return base === 0 ? 0 : Math.abs(a - b) / base;
}

export async function checkAgainstMonths(wh: Warehouse, registry: UnitRegistry, period: Period, current: readonly CurrentSubmission[]): Promise<Finding[]> {
  if (period.kind === 'month') return [];
  const months = monthCodes(period);
  const totals = await currentTotals(wh, [period.code, ...months], FORM_03.id);
  const monthsReported = new Map<string, Set<string>>();
  for (const s of await currentSubmissions(wh, months)) {
    monthsReported.set(s.unitCode, (monthsReported.get(s.unitCode) ?? new Set()).add(s.period));
  }
  const byKey = new Map<string, TotalValue>(totals.map((t) => [`${t.unitCode}|${t.period}|${t.column}`, t]));
  const findings: Finding[] = [];
  for (const sub of current) {
    if (monthsReported.get(sub.unitCode)?.size !== months.length) continue;
    // The 2025 annual report of a merged province is not the sum of its predecessor's months.
    if (!months.every((m) => sameUnitIn(registry, sub.unitCode, period, m))) continue;
    for (const col of FORM_03.columns) {
      const own = byKey.get(`${sub.unitCode}|${period.code}|${col.no}`);
      const monthly = months.map((m) => byKey.get(`${sub.unitCode}|${m}|${col.no}`)?.value);
      if (!own || monthly.some((v) => v === undefined)) continue;
      const expected = col.kind === 'flow' ? monthly.reduce((a, b) => a! + b!, 0)! : monthly[monthly.length - 1]!;
      const gap = relativeGap(own.value, expected);
      if (gap <= Q02_TOLERANCE) continue;
      const basis =
        col.kind === 'flow'
          ? { vi: `tổng ${months.length} tháng ${months[0]} … ${months[months.length - 1]}`, en: `the sum of months ${months[0]} … ${months[months.length - 1]}` }
          : { vi: `số cuối kỳ tháng ${months[months.length - 1]}`, en: `the ${months[months.length - 1]} end-of-month figure` };
      const pct = Math.round(gap * 100);
      const at = sheetCell(own.form, own.sheetRow, own.column, own.sheetColumn, own.sheet);
      const issue = cellIssue('Q02', at.sheet, own.sheetRow, at.sheetColumn, {
        vi: `(${col.no}) ${col.label.vi}: báo cáo ${period.code} ghi ${viNumber(own.value)}, ${basis.vi} là ${viNumber(expected)} (lệch ${pct} %)`,
        en: `(${col.no}) ${col.label.en}: the ${period.code} report says ${own.value}, ${basis.en} is ${expected} (${pct} % apart)`,
      });
      issue.file = sub.fileName;
      findings.push({ issue, unitCode: sub.unitCode, submissionId: sub.id, valueFound: String(own.value) });
    }
  }
  return findings;
}

