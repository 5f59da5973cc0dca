/**
 * National indicators N01–N14 (docs/FORMS.md), declared once as numerator and denominator terms.
 * The pipeline turns the terms into SQL over the warehouse; the add-in evaluates them with
 * `evaluateIndicators` for its own unit. Always a ratio of sums, never a mean of ratios.
 */
import type { FormId, TargetCode, Text } from './forms';
import type { Period } from './periods';

export type IndicatorId =
  | 'N01' | 'N02' | 'N03' | 'N04' | 'N05' | 'N06' | 'N07'
  | 'N08' | 'N09' | 'N10' | 'N11' | 'N12' | 'N13' | 'N14';

/** How a value reads: a fraction shown as %, a plain ratio, or an average count. */
export type IndicatorUnit = 'percent' | 'ratio';

export type Term =
  /** Total-row value of a form column, summed over the units that reported it. */
  | { source: 'form'; form: FormId; column: number }
  | { source: 'target'; code: TargetCode; field: 'total' | 'achieved' }
  /** Units that reported this target row (the denominator of N07). */
  | { source: 'units_reporting_target'; code: TargetCode }
  /** Local offices of the units that reported Form 04 (the denominator of N08). */
  | { source: 'local_offices' }
  /** Communes of the units that reported Form 03 × weeks in the period (N12). */
  | { source: 'commune_weeks' }
  | { source: 'submissions'; which: 'expected' | 'received' | 'on_time' };

export interface IndicatorDef {
  id: IndicatorId;
  label: Text;
  unit: IndicatorUnit;
  numerator: Term;
  denominator: Term;
  /**
   * Computed for monthly periods too. Every indicator exists for six-month and annual periods;
   * those built on Form 04 or the targets have no monthly value (monthly reports carry neither).
   */
  alsoMonthly: boolean;
}

const target = (code: TargetCode, field: 'total' | 'achieved'): Term => ({ source: 'target', code, field });
const f03 = (column: number): Term => ({ source: 'form', form: 'F03', column });
const f04 = (column: number): Term => ({ source: 'form', form: 'F04', column });

function targetShare(id: IndicatorId, code: TargetCode, vi: string, en: string): IndicatorDef {
  return { id, label: { vi, en }, unit: 'percent', numerator: target(code, 'achieved'), denominator: target(code, 'total'), alsoMonthly: false };
}

export const INDICATORS: readonly IndicatorDef[] = [
  targetShare('N01', 'T1', 'Tỷ lệ cán bộ truyền thông được đào tạo, tập huấn', '% communication staff trained'),
  targetShare('N02', 'T2', 'Tỷ lệ cộng tác viên, nhân viên đại lý thu được tập huấn', '% collaborators and agent staff trained'),
  targetShare('N03', 'T3', 'Tỷ lệ cán bộ, đảng viên được truyền thông về cải cách BHXH', '% Party members informed of the reform'),
  targetShare('N04', 'T4', 'Tỷ lệ lực lượng lao động được truyền thông chính sách BHXH', '% working-age labour force reached'),
  targetShare('N05', 'T5', 'Tỷ lệ lực lượng lao động được truyền thông về BHXH tự nguyện', '% labour force reached on voluntary insurance'),
  targetShare('N06', 'T6', 'Tỷ lệ xã, phường, đặc khu có hội nghị truyền thông', '% communes with a conference'),
  {
    id: 'N07',
    label: { vi: 'Hội nghị tại doanh nghiệp bình quân mỗi tỉnh', en: 'Enterprise conferences per province' },
    unit: 'ratio',
    numerator: target('T7', 'achieved'),
    denominator: { source: 'units_reporting_target', code: 'T7' },
    alsoMonthly: false,
  },
  {
    id: 'N08',
    label: { vi: 'Tỷ lệ BHXH cơ sở được kiểm tra, hướng dẫn', en: '% local offices inspected or guided' },
    unit: 'percent',
    numerator: f04(6),
    denominator: { source: 'local_offices' },
    alsoMonthly: false,
  },
  {
    id: 'N09',
    label: { vi: 'Người tham dự bình quân mỗi hội nghị', en: 'Attendees per conference' },
    unit: 'ratio',
    numerator: f03(5),
    denominator: f03(4),
    alsoMonthly: true,
  },
  {
    id: 'N10',
    label: { vi: 'Tỷ trọng hội nghị khách hàng', en: 'Share of customer conferences' },
    unit: 'percent',
    numerator: f03(6),
    denominator: f03(4),
    alsoMonthly: true,
  },
  {
    id: 'N11',
    label: { vi: 'Người tham gia mới bình quân mỗi hội nghị khách hàng', en: 'New participants per customer conference' },
    unit: 'ratio',
    numerator: f04(9),
    denominator: f03(6),
    alsoMonthly: false,
  },
  {
    id: 'N12',
    label: { vi: 'Lượt phát thanh bình quân mỗi xã mỗi tuần', en: 'Broadcasts per commune per week' },
    unit: 'ratio',
    numerator: f03(16),
    denominator: { source: 'commune_weeks' },
    alsoMonthly: true,
  },
  {
    id: 'N13',
    label: { vi: 'Tỷ lệ báo cáo đầy đủ', en: 'Reporting completeness' },
    unit: 'percent',
    numerator: { source: 'submissions', which: 'received' },
    denominator: { source: 'submissions', which: 'expected' },
    alsoMonthly: true,
  },
  {
    id: 'N14',
    label: { vi: 'Tỷ lệ báo cáo đúng hạn', en: 'Reporting timeliness' },
    unit: 'percent',
    numerator: { source: 'submissions', which: 'on_time' },
    denominator: { source: 'submissions', which: 'expected' },
    alsoMonthly: true,
  },
];

export const INDICATOR_BY_ID = Object.fromEntries(INDICATORS.map((d) => [d.id, d])) as Record<IndicatorId, IndicatorDef>;

export function indicatorsFor(period: Period): IndicatorDef[] {
  return INDICATORS.filter((d) => d.alsoMonthly || period.kind !== 'month');
}

/** What one unit contributes to the indicators of a period (totals of its current submission). */
export interface IndicatorInput {
  unitCode: string;
  /** Total-row values by form, index i = column i + 1; null = blank / not reported. */
  forms: Partial<Record<FormId, (number | null)[]>>;
  targets: Partial<Record<TargetCode, { total: number | null; achieved: number | null }>>;
  localOffices: number;
  communes: number | null;
  weeks: number;
  submissions: { expected: number; received: number; on_time: number };
}

/** A row of `indicators.csv` (docs/FORMS.md output contract). */
export interface IndicatorValue {
  period: string;
  unitCode: string;
  indicator: IndicatorId;
  numerator: number | null;
  denominator: number | null;
  /** numerator / denominator; null when the denominator is 0 or nothing was reported. */
  value: number | null;
  target: number | null;
}

function termValue(term: Term, input: IndicatorInput): number | null {
  switch (term.source) {
    case 'form':
      return input.forms[term.form]?.[term.column - 1] ?? null;
    case 'target':
      return input.targets[term.code]?.[term.field] ?? null;
    case 'units_reporting_target':
      return input.targets[term.code]?.achieved != null ? 1 : null;
    case 'local_offices':
      return input.forms.F04 ? input.localOffices : null;
    case 'commune_weeks':
      return input.forms.F03 && input.communes != null ? input.communes * input.weeks : null;
    case 'submissions':
      return input.submissions[term.which];
  }
}

/**
 * Ratio of sums over the inputs: each term is summed over the units that reported it, so a
 * unit that left a target blank weighs on neither side of that target's ratio.
 */
export function evaluateIndicators(
  period: Period,
  unitCode: string,
  inputs: readonly IndicatorInput[],
  targetOf: (id: IndicatorId) => number | null,
): IndicatorValue[] {
  return indicatorsFor(period).map((def) => {
    let numerator: number | null = null;
    let denominator: number | null = null;
    for (const input of inputs) {
      const n = termValue(def.numerator, input);
      const d = termValue(def.denominator, input);
      // A unit counts only where it reported both sides; blank is not zero (docs/FORMS.md).
      if (n === null || d === null) continue;
      numerator = (numerator ?? 0) + n;
      denominator = (denominator ?? 0) + d;
    }
    const value = numerator !== null && denominator ? numerator / denominator : null;
    return { period: period.code, unitCode, indicator: def.id, numerator, denominator, value, target: targetOf(def.id) };
  });
}
