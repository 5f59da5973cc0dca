/**
 * Reads a report workbook, given as plain grids of cells, into a Submission. Shared by the
 * pipeline (grids from core/xlsx) and the add-in (grids from Office.js).
 *
 * The reader checks the layout (rules L01–L20) and finds each table by its `(1)`, `(2)`, … row,
 * so rows added to the title block do no harm. It never judges values: text, decimals and error
 * values are kept raw for rule V01 (core/rules.ts), which reports them with their cell.
 *
 * `sheets.ts` picks the sheet read for each form, `form-sheet.ts` and `targets-sheet.ts` read the
 * tables, `identity.ts` the unit, period and report date; `cells.ts` is how a cell is looked at.
 */
import { FORMS, normalizeSheetName, TARGETS_SHEET, type FormId } from '../forms';
import { META_SHEET, TITLE_CAPTIONS, TOTAL_LABEL } from '../layout';
import { formsOf, isPeriodCode, parsePeriod } from '../periods';
import { cellIssue, fileIssue, type Issue, type RawValue, type Submission } from '../submission';
import { isBlank, unitCodeOf, type GridSheet, type WorkbookGrids } from './cells';
import { readFormSheet } from './form-sheet';
import { agree, at, captionValue, periodText, plainText, readMeta, readReportDate, type Found, type Source } from './identity';
import { chooseSheets } from './sheets';
import { readTargetsSheet } from './targets-sheet';

export type { GridCell, GridSheet, WorkbookGrids } from './cells';
export { parseReportDate } from './report-date';

export interface ReadResult {
  /** Null when the workbook holds no report sheet at all. */
  submission: Submission | null;
  issues: Issue[];
}

export function readSubmission(grids: WorkbookGrids): ReadResult {
  const issues: Issue[] = [];
  const chosen = chooseSheets(grids, issues);
  const formSheets = new Map<FormId, GridSheet>();
  for (const [kind, sheet] of chosen) if (kind !== 'targets') formSheets.set(kind, sheet);
  const targetsSheet = chosen.get('targets');
  const metaSheet = grids.sheets.find((s) => normalizeSheetName(s.name) === META_SHEET);
  if (formSheets.size === 0 && !targetsSheet) {
    issues.push(
      fileIssue('L01', {
        vi: `Tệp không có trang "${FORMS.F03.sheetName}", "${FORMS.F04.sheetName}" hay "${TARGETS_SHEET}": không phải báo cáo theo mẫu`,
        en: `The file has no "${FORMS.F03.sheetName}", "${FORMS.F04.sheetName}" or "${TARGETS_SHEET}" sheet: not a report workbook`,
      }),
    );
    return { submission: null, issues };
  }

  // The tables first: where each sheet's headings start bounds its title block.
  const tableIssues: Issue[] = [];
  const forms: Submission['forms'] = {};
  const titleEnds = new Map<GridSheet, number>();
  for (const [id, sheet] of formSheets) {
    const read = readFormSheet(sheet, FORMS[id], tableIssues);
    titleEnds.set(sheet, read.titleEnd);
    if (read.table) forms[id] = read.table;
  }
  const targetsRead = targetsSheet ? readTargetsSheet(targetsSheet, tableIssues) : null;
  if (targetsSheet) titleEnds.set(targetsSheet, targetsRead!.titleEnd);

  // Identity: the visible title block (what the person saw and can edit), then the hidden metadata.
  const meta = readMeta(metaSheet);
  const titled = [...formSheets.values(), ...(targetsSheet ? [targetsSheet] : [])];
  const fromTitles = (caption: string, text: (v: RawValue) => string): Source[] =>
    titled
      .map((s) => captionValue(s, caption, titleEnds.get(s)!))
      .filter((f): f is Found<RawValue> => f !== null && !isBlank(f.value))
      .map((f) => ({ where: at(f), value: text(f.value) }));
  const metaText = (key: string, text: (v: RawValue) => string = plainText) => {
    const v = meta.get(key) ?? null;
    return isBlank(v) ? '' : text(v);
  };
  const firstSheet = titled[0].name;
  const unitCode = agree(
    { vi: 'Mã đơn vị báo cáo', en: 'Reporting unit codes' },
    fromTitles(TITLE_CAPTIONS.unitCode, unitCodeOf),
    metaText('unit_code', unitCodeOf),
    firstSheet,
    issues,
  );
  const period = agree(
    { vi: 'Kỳ báo cáo', en: 'Periods' },
    fromTitles(TITLE_CAPTIONS.periodCode, (v) => periodText(v).toUpperCase()),
    metaText('period', periodText).toUpperCase(),
    firstSheet,
    issues,
  );
  const dateSheet = formSheets.get('F03') ?? titled[0];
  const titleDate = captionValue(dateSheet, TITLE_CAPTIONS.reportDate, titleEnds.get(dateSheet)!);
  const reportDate = readReportDate(titleDate, meta.get('report_date') ?? null, issues);
  // Where the clerk sees the date, for the checks that speak of it (Q06, Q07).
  const reportDateCell = reportDate && titleDate && !isBlank(titleDate.value) ? { sheet: titleDate.sheet, row: titleDate.row, column: titleDate.column } : undefined;

  // Sheets the period calls for (the targets sheet is rule V15's).
  const expected: FormId[] = isPeriodCode(period) ? formsOf(parsePeriod(period)) : ['F03'];
  for (const id of expected) {
    if (formSheets.has(id)) continue;
    issues.push(
      fileIssue('L01', {
        vi: `Thiếu trang tính "${FORMS[id].sheetName}"${isPeriodCode(period) ? ` (bắt buộc trong báo cáo kỳ ${period})` : ''}`,
        en: `Missing sheet "${FORMS[id].sheetName}"${isPeriodCode(period) ? ` (required in a ${period} report)` : ''}`,
      }),
    );
  }
  issues.push(...tableIssues);

  // The first total row found (a sheet may have lost its own).
  const totalled = [forms.F03, forms.F04].find((t) => t?.total);
  const totalCode = totalled?.total?.unitCode ?? '';
  if (totalled && totalCode && unitCode && totalCode !== unitCode) {
    issues.push(
      cellIssue('L11', totalled.sheetName, totalled.total!.sheetRow, totalled.columns.code, {
        vi: `Hàng ${TOTAL_LABEL} mang mã "${totalCode}" nhưng đơn vị báo cáo là "${unitCode}"`,
        en: `The total row carries code "${totalCode}" but the reporting unit is "${unitCode}"`,
      }),
    );
  }

  const submission: Submission = {
    unitCode: unitCode || totalCode,
    period,
    reportDate,
    ...(reportDateCell ? { reportDateCell } : {}),
    forms,
    targets: targetsRead ? targetsRead.table : null,
    ...(targetsSheet ? { targetsSheetName: targetsSheet.name } : {}),
    overrideReason: metaText('override_reason') || null,
  };
  return { submission, issues };
}
