/** N01–N14 for every province and for `VN`, computed in DuckDB over the current submissions. */
import { indicatorsFor, type IndicatorValue } from '../../core/indicators';
import { isOnTime, weeksIn, type Period } from '../../core/periods';
import type { TargetTable } from '../../core/targets';
import { NATIONAL_CODE, type UnitRegistry } from '../../core/units';
import { currentSubmissions } from '../warehouse/queries';
import type { Warehouse } from '../warehouse/warehouse';
import { loadPeriodUnits, periodUnits } from './period-units';
import { indicatorSql } from './sql';

export interface IndicatorOptions {
  /** Report pre-merger provinces under their successors (for trends across the 2025 merger). */
  successors?: boolean;
}

interface SqlRow extends Record<string, unknown> {
  is_nation: boolean;
  group_code: string | null;
  indicator: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
}

/** Rows in the order of indicators.csv: the nation first, then provinces by code, N01 → N14. */
export async function computeIndicators(
  wh: Warehouse,
  registry: UnitRegistry,
  targets: TargetTable,
  period: Period,
  options: IndicatorOptions = {},
): Promise<IndicatorValue[]> {
  const submitted = await currentSubmissions(wh, [period.code]);
  const onTime = new Set(submitted.filter((s) => isOnTime(period, s.firstReportDate)).map((s) => s.unitCode));
  await loadPeriodUnits(wh, periodUnits(registry, period, options.successors), onTime);
  const defs = indicatorsFor(period);
  const rows = await wh.all<SqlRow>(indicatorSql(defs), { period: period.code, weeks: weeksIn(period) });
  return rows.map((r) => {
    const id = defs.find((d) => d.id === r.indicator)!.id;
    return {
      period: period.code,
      unitCode: r.is_nation ? NATIONAL_CODE : r.group_code!,
      indicator: id,
      numerator: r.numerator,
      denominator: r.denominator,
      value: r.value,
      target: targets.targetOf(id, period),
    };
  });
}
