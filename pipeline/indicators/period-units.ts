/**
 * The units a period's indicators are computed over: the provinces valid in that period (the 63
 * before the 2025 merger, the 34 after), each with what the indicators need from the registry.
 * With `successors`, pre-merger provinces are grouped under the province that carries them on
 * today, so that a trend compares like with like.
 */
import type { Period } from '../../core/periods';
import type { UnitRegistry } from '../../core/units';
import { nullableAppends, type Warehouse } from '../warehouse/warehouse';

/** The date successors are resolved at: the provinces in force from now on. */
const SUCCESSORS_AT = '9999-12-31';

export interface PeriodUnit {
  unitCode: string;
  /** The unit the row is reported under: itself, or its successor. */
  groupCode: string;
  localOffices: number;
  communes: number | null;
}

export function periodUnits(registry: UnitRegistry, period: Period, successors = false): PeriodUnit[] {
  return registry.provinces(period).map((p) => ({
    unitCode: p.code,
    groupCode: successors ? (registry.successor(p.code, SUCCESSORS_AT)?.code ?? p.code) : p.code,
    localOffices: registry.localOfficeCount(p.code, period),
    communes: p.communes,
  }));
}

/** Name of a reporting group (a successor is named as it is today). */
export function groupName(registry: UnitRegistry, groupCode: string, period: Period, successors = false): string {
  return registry.find(groupCode, successors ? SUCCESSORS_AT : period)?.name ?? groupCode;
}

/**
 * Fills the connection's temp table `period_units` read by the indicator query. `onTime` says
 * which units' current submission came before the deadline (decided by core/periods).
 */
export async function loadPeriodUnits(wh: Warehouse, units: readonly PeriodUnit[], onTime: ReadonlySet<string>): Promise<void> {
  await wh.run(
    `CREATE OR REPLACE TEMP TABLE period_units (
      unit_code VARCHAR, group_code VARCHAR, local_offices INTEGER, communes INTEGER, on_time BOOLEAN)`,
  );
  const appender = await wh.appender('period_units');
  const { int } = nullableAppends(appender);
  for (const u of units) {
    appender.appendVarchar(u.unitCode);
    appender.appendVarchar(u.groupCode);
    appender.appendInteger(u.localOffices);
    int(u.communes);
    appender.appendBoolean(onTime.has(u.unitCode));
    appender.endRow();
  }
  appender.closeSync();
}
