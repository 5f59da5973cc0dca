/**
 * The fixed traits of one province in the samples: its report rows, how its communes are shared
 * among local offices, its size and labour force. Synthetic but shaped by the registry, so a
 * province with more communes holds more conferences, broadcasts and people. A province that
 * ceased in the 2025 merger has no published commune count: it gets an equal share of its
 * successor's, so that the provinces before and after the merger add up to comparable figures.
 */
import type { Unit, UnitRegistry } from '../../core/units';
import { createRng } from './prng';

export interface ProvinceProfile {
  code: string;
  /** Report rows in order: the provincial office first, then the local offices. */
  rows: Unit[];
  localOfficeCount: number;
  communes: number;
  /** Communes served by each report row (0 for the provincial office). */
  communesByRow: number[];
  /** √(communes / 100): scales province-wide activity (press, portal, online). */
  size: number;
  /** Working-age labour force (population of T4 and T5). */
  labourForce: number;
  /** How closely the province keeps to the loudspeaker target (≈ 0.75 … 1.15). */
  broadcastCompliance: number;
}

/** Dense cities have a larger labour force per commune. */
const URBAN_FACTOR: Record<string, number> = { '01': 3, '79': 3, '31': 1.6, '48': 1.6, '92': 1.6 };

/**
 * The key of a unit's pseudo-random streams. Codes are reused across the 2025 merger, so a unit
 * that ceased carries its end date; a current unit is its code alone (the keys the 2026 samples
 * were first generated with).
 */
export function unitKey(u: Unit): string {
  return u.validTo === null ? u.code : `${u.code}@${u.validTo}`;
}

/** Communes of a province: its own count, or for a ceased one an equal share of its successor's (remainder to the first by code). */
export function communesOf(registry: UnitRegistry, province: Unit): number {
  if (province.communes !== null) return province.communes;
  const successor = registry
    .versions(province.successorCode ?? '')
    .find((u) => u.level === 'province' && province.validTo !== null && u.validFrom !== null && u.validFrom > province.validTo);
  if (successor?.communes == null) {
    throw new Error(`units.csv: tỉnh ${province.code} thiếu số xã / province ${province.code} has no commune count`);
  }
  const siblings = registry.units
    .filter((u) => u.level === 'province' && u.validTo === province.validTo && u.successorCode === successor.code)
    .sort((a, b) => a.code.localeCompare(b.code));
  const index = siblings.findIndex((u) => u.code === province.code);
  return Math.floor(successor.communes / siblings.length) + (index < successor.communes % siblings.length ? 1 : 0);
}

/** Splits the communes over the local offices: equal shares, the remainder to the first ones. */
function shareCommunes(communes: number, rows: Unit[]): number[] {
  const locals = rows.filter((u) => u.level === 'local').length;
  let extra = communes % locals;
  return rows.map((u) => {
    if (u.level !== 'local') return 0;
    const share = Math.floor(communes / locals) + (extra > 0 ? 1 : 0);
    extra--;
    return share;
  });
}

export function provinceProfile(registry: UnitRegistry, province: Unit, period: string): ProvinceProfile {
  const rows = registry.reportRows(province.code, period);
  const rng = createRng(`profile:${unitKey(province)}`);
  const communes = communesOf(registry, province);
  return {
    code: province.code,
    rows,
    localOfficeCount: registry.localOfficeCount(province.code, period),
    communes,
    communesByRow: shareCommunes(communes, rows),
    size: Math.sqrt(communes / 100),
    labourForce: Math.round(communes * rng.around(9000, 0.3) * (URBAN_FACTOR[province.code] ?? 1)),
    broadcastCompliance: 0.75 + 0.4 * rng.next(),
  };
}
