/**
 * A check of the open workbook: the shared reader, then the shared rule engine, over the grids
 * the adapter read. Nothing is judged here that core/ does not judge the same way elsewhere.
 */
import { readSubmission, type WorkbookGrids } from '../core/reader';
import { validateSubmission } from '../core/rules';
import { SEVERITY_ORDER, type Issue, type Submission } from '../core/submission';
import type { UnitRegistry } from '../core/units';

export interface CheckResult {
  /** Null when the workbook holds no report sheet. */
  submission: Submission | null;
  /** Layout issues of the reader, then the rules' issues; errors first, in sheet order within. */
  issues: Issue[];
}

export function checkGrids(grids: WorkbookGrids, registry: UnitRegistry): CheckResult {
  const read = readSubmission(grids);
  const issues = read.submission ? [...read.issues, ...validateSubmission(read.submission, registry)] : read.issues;
  // Array.prototype.sort is stable: the engine's order is kept within a severity.
  return { submission: read.submission, issues: issues.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]) };
}

/** Counts by severity, for the summary line. */
export function countBySeverity(issues: readonly Issue[]): Record<Issue['severity'], number> {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const i of issues) counts[i.severity]++;
  return counts;
}
