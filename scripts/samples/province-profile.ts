/**
 * The fixed traits of one province in the samples: its report rows, how its communes are shared
 * among local offices, its size and labour force. Synthetic but shaped by the registry, so a
 * province with more communes holds more conferences, broadcasts and people.
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
  if (province.communes === null) {
    throw new Error(`units.csv: tỉnh ${province.code} thiếu số xã / province ${province.code} has no commune count`);
  }
  const rows = registry.reportRows(province.code, period);
  const rng = createRng(`profile:${province.code}`);
  const communes = province.communes;
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
