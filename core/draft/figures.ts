/**
 * What a draft is built from: one unit's figures for the period and, where known, the periods it
 * is compared with; for the nation, the provinces behind them. Plain data, filled by the
 * pipeline (national) or from the open sheets (a province in the add-in).
 */
import type { IndicatorValue } from '../indicators';
import type { Period } from '../periods';
import type { ProvinceRef } from '../report-data';
import type { UnitStatus } from '../unit-status';
import type { UnitTotals } from '../unit-totals';

export interface DraftFigures {
  period: Period;
  totals: UnitTotals;
  /** The unit's own indicators with their targets (N13, N14 only for the nation). */
  indicators: readonly IndicatorValue[];
}


/** The national report's view of the provinces. */
export interface NationalPart {
  /** The provinces the indicators are reported under (names for every list). */
  provinces: readonly ProvinceRef[];
  /** Every province's indicators this period (the nation's are in `current`). */
  indicators: readonly IndicatorValue[];
  /** Where every expected province stands (core/unit-status.ts): late, missing, refused by name. */
  statuses: readonly UnitStatus[];
  /** Ids of the charts drawn for this period (their PNGs fill the image slots). */
  charts: readonly string[];
  /** Each province's totals (the rows of the national workbook), for the appendix. */
  provinceTotals: readonly (ProvinceRef & { totals: UnitTotals })[];
}

export interface DraftInput {
  level: 'province' | 'national';
  unit: ProvinceRef;
  /** ISO date on the place-and-date line. */
  date: string;
  current: DraftFigures;
  /** The period just before, when it differs from the same period last year (a month's previous month). */
  previous: DraftFigures | null;
  /** The same period of the previous year. */
  lastYear: DraftFigures | null;
  national?: NationalPart;
}
