/**
 * A check of the open workbook: core's one judging path (reader, then rules) over the grids the
 * adapter read. Nothing is judged here that core/ does not judge the same way elsewhere.
 */
import { judgeGrids } from '../core/judge';
import type { WorkbookGrids } from '../core/reader';
import { SEVERITY_ORDER, type Issue, type Submission } from '../core/submission';
import type { UnitRegistry } from '../core/units';

export interface CheckResult {
  /** Null when the workbook holds no report sheet. */
  submission: Submission | null;
  /** Layout issues of the reader, then the rules' issues; errors first, in sheet order within. */
  issues: Issue[];
}

export function checkGrids(grids: WorkbookGrids, registry: UnitRegistry): CheckResult {
  const { submission, issues } = judgeGrids(grids, registry);
  // Array.prototype.sort is stable: the engine's order is kept within a severity.
  return { submission, issues: issues.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]) };
}

/** Counts by severity, for the summary line. */
export function countBySeverity(issues: readonly Issue[]): Record<Issue['severity'], number> {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const i of issues) counts[i.severity]++;
  return counts;
}
