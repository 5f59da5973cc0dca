/**
 * The content of the cell an issue points at, as the file had it: what a province's feedback
 * shows as "the value found" beside what to fix. Read from the submission as read (so it works
 * for refused files too, whose values the warehouse does not keep).
 */
import { TITLE_BLOCK } from './layout';
import { shorten } from './safe-text';
import { isDate } from './spreadsheet';
import type { Issue, RawValue, Submission } from './submission';

/** A raw cell as short text: numbers as they are, dates as ISO, errors by code, blank as ''. */
function rawText(raw: RawValue | undefined): string {
  if (raw === null || raw === undefined) return '';
  if (isDate(raw)) return raw.toISOString().slice(0, 10);
  if (typeof raw === 'object') return raw.error;
  return shorten(String(raw), 60);
}

/** Null when the issue has no cell or the cell is not one the submission carries. */
export function foundValue(sub: Submission | null | undefined, issue: Pick<Issue, 'sheet' | 'row' | 'column'>): string | null {
  if (!sub || !issue.sheet || issue.row === null || issue.column === null) return null;
  if (issue.row === TITLE_BLOCK.reportDate.row && issue.column === TITLE_BLOCK.reportDate.column) return sub.reportDate ?? '';
  const table = Object.values(sub.forms).find((t) => t?.sheetName === issue.sheet);
  if (table) {
    const row = [...table.rows, ...(table.total ? [table.total] : [])].find((r) => r.sheetRow === issue.row);
    const index = table.columns.data.indexOf(issue.column);
    return row && index >= 0 ? rawText(row.values[index]) : null;
  }
  if (sub.targets && issue.sheet === sub.targetsSheetName) {
    const target = sub.targets.find((t) => t.sheetRow === issue.row);
    if (!target) return null;
    if (issue.column === target.columns.total) return rawText(target.total);
    if (issue.column === target.columns.achieved) return rawText(target.achieved);
  }
  return null;
}
