/**
 * Fills `ReportData` (core/report-data.ts) from the warehouse: what the charts and the
 * leadership report show, and nothing they would have to query themselves.
 */
import { TREND_COLUMNS } from '../../core/charts';
import { FORM_03, FORM_04 } from '../../core/forms';
import type { IndicatorValue } from '../../core/indicators';
import { isOnTime, monthCodes, parsePeriod, periodEnd, previousPeriod, type Period } from '../../core/periods';
import type { MonthlyFlow, ProvinceEffectiveness, ReportData, ReportingCell } from '../../core/report-data';
import type { TargetTable } from '../../core/targets';
import type { RunChanges } from '../../core/revisions';
import type { UnitStatus } from '../../core/unit-status';
import type { UnitRegistry } from '../../core/units';
import { computeIndicators } from '../indicators/compute';
import { groupName, periodUnits, type PeriodUnit } from '../indicators/period-units';
import { currentSubmissions, currentTotals, refusedUnits } from '../warehouse/queries';
import type { Warehouse } from '../warehouse/warehouse';
import type { ValidationEntry } from './validation';

export interface ReportDataInput {
  wh: Warehouse;
  registry: UnitRegistry;
  targets: TargetTable;
  period: Period;
  indicators: IndicatorValue[];
  issues: ValidationEntry[];
  statuses: UnitStatus[];
  changes: RunChanges | null;
  successors: boolean;
  producedAt: string;
}

export async function buildReportData(input: ReportDataInput): Promise<ReportData> {
  const { wh, registry, period } = input;
  // The provinces the indicators are reported under (today's, with `successors`).
  const units = periodUnits(registry, period, input.successors);
  const groups = [...new Set(units.map((u) => u.groupCode))];
  const provinces = groups.map((code) => ({ code, name: groupName(registry, code, period, input.successors) }));
  const previous = previousPeriod(period);
  const hasPrevious = (await currentSubmissions(wh, [previous.code])).length > 0;
  // Across the 2025 merger the previous period is re-expressed under today's provinces, so that
  // a province is compared with what it was made of.
  const sameUnits = sameCodes(registry.provinces(previous).map((p) => p.code), groups);
  const previousIndicators = hasPrevious
    ? await computeIndicators(wh, registry, input.targets, previous, { successors: input.successors || !sameUnits })
    : [];
  return {
    period: period.code,
    previousPeriod: hasPrevious ? previous.code : null,
    producedAt: input.producedAt,
    provinces,
    indicators: input.indicators,
    previousIndicators,
    monthlyFlows: await monthlyFlows(wh, period),
    effectiveness: await effectiveness(wh, period, units),
    reporting: await reportingMatrix(wh, registry, period),
    statuses: input.statuses,
    changes: input.changes,
    issues: input.issues,
  };
}

function sameCodes(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((code) => b.includes(code));
}

/** Months of the period's year up to its end. */
function monthsSoFar(period: Period): string[] {
  const last = Number(periodEnd(period).slice(5, 7));
  return monthCodes(parsePeriod(String(period.year))).slice(0, last);
}

/** National monthly totals of the trend columns: this year so far, and all of the previous year. */
async function monthlyFlows(wh: Warehouse, period: Period): Promise<MonthlyFlow[]> {
  const months = [...monthCodes(parsePeriod(String(period.year - 1))), ...monthsSoFar(period)];
  const totals = (await currentTotals(wh, months, FORM_03.id)).filter((t) => TREND_COLUMNS.includes(t.column));
  const sums = new Map<string, MonthlyFlow>();
  for (const t of totals) {
    const key = `${t.period}|${t.column}`;
    const flow = sums.get(key) ?? { month: t.period, column: t.column, value: 0 };
    flow.value += t.value;
    sums.set(key, flow);
  }
  return [...sums.values()];
}

/** Conferences (F03 col 4) against new participants (F04 cols 7 + 8) by province (or group). */
async function effectiveness(wh: Warehouse, period: Period, units: readonly PeriodUnit[]): Promise<ProvinceEffectiveness[]> {
  const totals = new Map((await currentTotals(wh, [period.code])).map((t) => [`${t.unitCode}|${t.form}|${t.rowCode}|${t.column}`, t.value]));
  const sum = (codes: string[], form: string, columns: number[]) => {
    const found = codes.flatMap((c) => columns.map((col) => totals.get(`${c}|${form}|${c}|${col}`))).filter((v): v is number => v !== undefined);
    return found.length ? found.reduce((a, b) => a + b, 0) : null;
  };
  return [...new Set(units.map((u) => u.groupCode))].map((group) => {
    const members = units.filter((u) => u.groupCode === group).map((u) => u.unitCode);
    return { unitCode: group, conferences: sum(members, FORM_03.id, [4]), newParticipants: sum(members, FORM_04.id, [7, 8]) };
  });
}

/**
 * Each province × each month of the year so far (and the period itself when it is not a month):
 * on time, late or missing. Cells where the province did not exist (before the merger) are left out.
 */
async function reportingMatrix(wh: Warehouse, registry: UnitRegistry, period: Period): Promise<ReportingCell[]> {
  const periods = monthsSoFar(period).map(parsePeriod);
  if (period.kind !== 'month') periods.push(period);
  const submitted = await currentSubmissions(wh, periods.map((p) => p.code));
  const dateOf = new Map(submitted.map((s) => [`${s.unitCode}|${s.period}`, s.firstReportDate]));
  const refused = new Set((await refusedUnits(wh, periods.map((p) => p.code))).map((r) => `${r.unitCode}|${r.period}`));
  const cells: ReportingCell[] = [];
  for (const province of registry.provinces(period)) {
    for (const p of periods) {
      if (registry.find(province.code, p) !== province) continue;
      const reportDate = dateOf.get(`${province.code}|${p.code}`) ?? null;
      const key = `${province.code}|${p.code}`;
      const status = reportDate !== null ? (isOnTime(p, reportDate) ? 'on_time' : 'late') : refused.has(key) ? 'refused' : 'missing';
      cells.push({ unitCode: province.code, period: p.code, status, reportDate });
    }
  }
  return cells;
}
