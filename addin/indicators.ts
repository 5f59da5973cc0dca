/**
 * The unit's own indicators N01–N12 for the pane's preview: the open report's totals turned into
 * the shared IndicatorInput and evaluated by core/indicators (one definition of every formula).
 */
import { FORMS, type FormId } from '../core/forms';
import { evaluateIndicators, type IndicatorInput, type IndicatorValue } from '../core/indicators';
import { isOnTime, isPeriodCode, parsePeriod, weeksIn } from '../core/periods';
import { numericValue } from '../core/rules';
import type { FormTable, Submission } from '../core/submission';
import type { TargetTable } from '../core/targets';
import type { UnitRegistry } from '../core/units';

/** N13 and N14 count submissions across units: meaningless for one unit's own report. */
const OWN_REPORT_EXCLUDED = new Set(['N13', 'N14']);

/** Total-row values, or the sum of the unit rows where the sheet has no total row. */
function totals(table: FormTable, columns: number): (number | null)[] {
  return Array.from({ length: columns }, (_, i) => {
    if (table.total) return numericValue(table.total.values[i] ?? null);
    const nums = table.rows.map((r) => numericValue(r.values[i] ?? null)).filter((n): n is number => n !== null);
    return nums.length ? nums.reduce((a, b) => a + b, 0) : null;
  });
}

export function indicatorInputOf(sub: Submission, registry: UnitRegistry): IndicatorInput | null {
  if (!isPeriodCode(sub.period)) return null;
  const period = parsePeriod(sub.period);
  const unit = registry.find(sub.unitCode, period);
  if (!unit) return null;
  const forms: IndicatorInput['forms'] = {};
  for (const id of Object.keys(sub.forms) as FormId[]) forms[id] = totals(sub.forms[id]!, FORMS[id].columns.length);
  const targets: IndicatorInput['targets'] = {};
  for (const t of sub.targets ?? []) targets[t.code] = { total: numericValue(t.total), achieved: numericValue(t.achieved) };
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
