/**
 * The one way a report is judged, whoever holds it: the reader (layout, L-rules) and then the
 * rule engine (figures, V-rules) over the workbook's grids. The pipeline's worker and the
 * add-in's import come here through core/xlsx `judgeWorkbookFile` (guard → grids → this), the
 * add-in's check of the open workbook with the grids Office.js gave; what a host adds (the
 * batch's P-rules, the import's choice of rows) only adds to this verdict.
 */
import { readSubmission, type ReadResult, type WorkbookGrids } from './reader';
import { validateSubmission } from './rules';
import type { UnitRegistry } from './units';

/** The submission read from the grids, with the reader's issues then the rules'. */
export function judgeGrids(grids: WorkbookGrids, registry: UnitRegistry): ReadResult {
  const read = readSubmission(grids);
  if (!read.submission) return read;
  return { submission: read.submission, issues: [...read.issues, ...validateSubmission(read.submission, registry)] };
}
