/**
 * What one consolidation hands to the charts and the leadership report. The pipeline fills it
 * from the warehouse; the chart builders and the report read nothing else, so they can be
 * tested on hand-made data and reused by the add-in's preview.
 */
import type { Issue } from './submission';
import type { IndicatorValue } from './indicators';
import type { RunChanges } from './revisions';
import type { UnitStatus } from './unit-status';

export interface ProvinceRef {
  code: string;
  name: string;
}

/** National monthly total of one Form 03 column (the trend chart). */
export interface MonthlyFlow {
  /** `YYYY-MM` */
  month: string;
  /** Form 03 column number (4 conferences, 5 attendees, 7 small groups, 16 broadcasts). */
  column: number;
  value: number;
}

/** New participants (Form 04 col 7 + 8) come from six-month/annual reports only. */
export interface ProvinceEffectiveness {
  unitCode: string;
  conferences: number | null;
  newParticipants: number | null;
}

/** `refused`: files came in, none was accepted (core/unit-status.ts). */
export type ReportingStatus = 'on_time' | 'late' | 'refused' | 'missing';

export interface ReportingCell {
  unitCode: string;
  /** A period code (each month of the year so far, and the six-month/annual period). */
  period: string;
  status: ReportingStatus;
  reportDate: string | null;
}

/** An issue with the unit whose submission it concerns (none for a file that could not be read). */
export interface ReportIssue extends Issue {
  unitCode?: string | null;
}

export interface ReportData {
  /** The consolidated period code and its label. */
  period: string;
  previousPeriod: string | null;
  /** ISO timestamp the consolidation produced this. */
  producedAt: string;
  provinces: ProvinceRef[];
  /** N01–N14 for every province and for `VN`, this period. */
  indicators: IndicatorValue[];
  /** The same for the previous period of the same kind (empty when none was consolidated). */
  previousIndicators: IndicatorValue[];
  /** Current year's months up to the period's end, and the previous year's where stored. */
  monthlyFlows: MonthlyFlow[];
  effectiveness: ProvinceEffectiveness[];
  reporting: ReportingCell[];
  /** Every province expected in the period: accepted, with override, late, refused or missing. */
  statuses: UnitStatus[];
  /** What changed since the previous consolidation run of the period (null: not recorded). */
  changes?: RunChanges | null;
  /** Every open issue of the current submissions and cross-file checks (Q02–Q05). */
  issues: ReportIssue[];
}
