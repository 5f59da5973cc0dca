/**
 * The national target table (`data/targets.csv`): target values by year and report kind,
 * editable data rather than code. `target` is in the unit of the indicator's value: a decimal
 * fraction for % indicators (0.25 = 25 %), a plain number for ratios (N07: conferences).
 */
import { parseCsv } from './csv';
import type { TargetCode } from './forms';
import { INDICATOR_BY_ID, INDICATORS, type IndicatorId } from './indicators';
import type { Period } from './periods';

export interface TargetSetting {
  year: number;
  /** `H1` for six-month reports, `Y` for annual; monthly periods use the annual setting. */
  periodType: 'H1' | 'Y';
  indicator: IndicatorId;
  target: number;
  note: string;
}

export class TargetTable {
  constructor(readonly settings: readonly TargetSetting[]) {}

  /** Reads `year,period_type,indicator,target,note`. */
  static fromCsv(text: string): TargetTable {
    const settings = parseCsv(text).map((r, i): TargetSetting => {
      const where = `targets.csv dòng/line ${i + 2}`;
      const year = Number(r.year);
      const target = Number(r.target);
      if (!Number.isInteger(year)) throw new Error(`${where}: năm không hợp lệ / bad year "${r.year}"`);
      if (r.period_type !== 'H1' && r.period_type !== 'Y') throw new Error(`${where}: period_type phải là H1 hoặc Y / must be H1 or Y`);
      if (!(r.indicator in INDICATOR_BY_ID)) throw new Error(`${where}: chỉ tiêu không có / unknown indicator "${r.indicator}"`);
      if (r.target === '' || !Number.isFinite(target) || target < 0) throw new Error(`${where}: giá trị mục tiêu không hợp lệ / bad target "${r.target}"`);
      return { year, periodType: r.period_type, indicator: r.indicator as IndicatorId, target, note: r.note ?? '' };
    });
    return new TargetTable(settings);
  }

  /** The target of an indicator for a period, or null when none is set. */
  targetOf(indicator: IndicatorId, period: Period): number | null {
    const periodType = period.kind === 'half' ? 'H1' : 'Y';
    const hit = this.settings.find((s) => s.year === period.year && s.periodType === periodType && s.indicator === indicator);
    return hit ? hit.target : null;
  }

  /** The target shown in the `Mục tiêu` sheet for a target row (T1 → N01 …, T7 → N07). */
  targetOfRow(code: TargetCode, period: Period): number | null {
    const def = INDICATORS.find((d) => d.numerator.source === 'target' && d.numerator.code === code);
    return def ? this.targetOf(def.id, period) : null;
  }
}
