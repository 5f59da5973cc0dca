/**
 * The unit's own indicators N01–N12 for the pane's preview: the open report's totals turned into
 * the shared IndicatorInput and evaluated by core/indicators (one definition of every formula).
 */
import { evaluateIndicators, INDICATOR_BY_ID, type IndicatorId, type IndicatorInput, type IndicatorValue, type Term } from '../core/indicators';
import { dataColumn } from '../core/layout';
import { isOnTime, isPeriodCode, parsePeriod, weeksIn } from '../core/periods';
import type { Issue, Submission } from '../core/submission';
import type { TargetTable } from '../core/targets';
import type { UnitRegistry } from '../core/units';
import { unitTotalsOf } from '../core/unit-totals';

/** N13 and N14 count submissions across units: meaningless for one unit's own report. */
const OWN_REPORT_EXCLUDED = new Set(['N13', 'N14']);

export function indicatorInputOf(sub: Submission, registry: UnitRegistry): IndicatorInput | null {
  if (!isPeriodCode(sub.period)) return null;
  const period = parsePeriod(sub.period);
  const unit = registry.find(sub.unitCode, period);
  if (!unit) return null;
  const { forms, targets } = unitTotalsOf(sub);
  const onTime = sub.reportDate !== null && isOnTime(period, sub.reportDate);
  return {
    unitCode: unit.code,
    forms,
    targets,
    localOffices: registry.localOfficeCount(unit.code, period),
    communes: unit.communes,
    weeks: weeksIn(period),
    submissions: { expected: 1, received: 1, on_time: onTime ? 1 : 0 },
  };
}

/** N01–N12 of the open report with their national targets; empty when unit or period is unknown. */
export function unitIndicators(sub: Submission, registry: UnitRegistry, targets: TargetTable): IndicatorValue[] {
  const input = indicatorInputOf(sub, registry);
  if (!input) return [];
  const period = parsePeriod(sub.period);
  return evaluateIndicators(period, input.unitCode, [input], (id) => targets.targetOf(id, period)).filter(
    (v) => !OWN_REPORT_EXCLUDED.has(v.indicator),
  );
}

/** The figures an indicator's term reads: a form column, or a target row. */
function termCells(term: Term, sub: Submission): { sheet: string; row: number | null; column: number | null } | null {
  if (term.source === 'form') {
    const table = sub.forms[term.form];
    return table ? { sheet: table.sheetName, row: null, column: dataColumn(term.column) } : null;
  }
  if (term.source === 'target') {
    const row = sub.targets?.find((t) => t.code === term.code);
    return row && sub.targetsSheetName ? { sheet: sub.targetsSheetName, row: row.sheetRow, column: null } : null;
  }
  return null; // counts of the registry and the calendar: no figure of the clerk's
}

/**
 * The errors standing in the way of each indicator: errors in the cells its terms read (a form
 * column on any row, a target row), or errors of a whole row or sheet there. An indicator with
 * any is not shown (N10 = 500 % while (6) > (4) is flagged is noise, not information).
 */
export function blockingErrors(values: readonly IndicatorValue[], issues: readonly Issue[], sub: Submission): Map<IndicatorId, Issue[]> {
  const errors = issues.filter((i) => i.severity === 'error' && i.sheet !== null);
  const blocked = new Map<IndicatorId, Issue[]>();
  for (const v of values) {
    const def = INDICATOR_BY_ID[v.indicator];
    const areas = [def.numerator, def.denominator].map((t) => termCells(t, sub)).filter((a) => a !== null);
    const found = errors.filter((e) =>
      areas.some((a) => e.sheet === a.sheet && (a.row === null || e.row === null || e.row === a.row) && (a.column === null || e.column === null || e.column === a.column)),
    );
    if (found.length) blocked.set(v.indicator, found);
  }
  return blocked;
}
