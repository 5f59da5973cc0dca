/** What a cross-file check finds: an issue, and the unit (and submission) it is about. */
import { FORM_03, type Text } from '../../core/forms';
import { TITLE_BLOCK } from '../../core/layout';
import type { Period } from '../../core/periods';
import { cellIssue, type Issue } from '../../core/submission';
import type { UnitRegistry } from '../../core/units';

export interface Finding {
  issue: Issue;
  unitCode: string;
  /** The current submission it concerns; null when the unit sent none (Q05). */
  submissionId: number | null;
  /** What the cell held, when the finding is about a cell. */
  valueFound?: string | null;
}


/**
 * Whether a unit code means the same unit in another period. Codes were reused in the 2025
 * merger (the new 08 Tuyên Quang took in Hà Giang), so a unit's history must not reach across.
 */
export function sameUnitIn(registry: UnitRegistry, unitCode: string, period: Period, other: string): boolean {
  const unit = registry.find(unitCode, period);
  return unit !== undefined && registry.find(unitCode, other) === unit;
}

/** The stored cell of a submission's report date (`s` is its alias in the query). */
export const reportDateCellColumns = (s: string) =>
  `${s}.report_date_sheet AS date_sheet, ${s}.report_date_row AS date_row, ${s}.report_date_column AS date_column`;

export type ReportDateCell = {
  date_sheet: string | null;
  date_row: number | null;
  date_column: number | null;
};

/** An issue on the cell the file's report date was read from; the template's cell for a date read from the hidden metadata (or stored before the cell was). */
export function reportDateIssue(rule: 'Q06' | 'Q07', at: ReportDateCell, message: Text): Issue {
  return at.date_sheet && at.date_row && at.date_column
    ? cellIssue(rule, at.date_sheet, at.date_row, at.date_column, message)
    : cellIssue(rule, FORM_03.sheetName, TITLE_BLOCK.reportDate.row, TITLE_BLOCK.reportDate.column, message);
}
