/** The reader on damaged layouts: every problem is an issue naming sheet and cell; values stay raw. */
import { FORMS, TARGETS_SHEET } from '../../core/forms';
import { FORM_LAYOUT, META_SHEET, TITLE_BLOCK, TITLE_CAPTIONS, dataColumn } from '../../core/layout';
import { parsePeriod } from '../../core/periods';
import { parseReportDate, readSubmission, type GridSheet, type WorkbookGrids } from '../../core/reader';
import { validateSubmission } from '../../core/rules';
import { type Issue, type TargetRow } from '../../core/submission';
import { cellAddress } from '../../core/spreadsheet';
import { blankTemplate, gridsFromXlsx, readWorkbookFile } from '../../core/xlsx';
import { UNIT_ROWS_01, fillAsPerson, loadBook, registry, saveBook, setCell } from './helpers';

const F03 = FORMS.F03.sheetName;
const F04 = FORMS.F04.sheetName;
const REPORT_DATE = cellAddress(TITLE_BLOCK.reportDate.row, TITLE_BLOCK.reportDate.column);

let filled: Uint8Array;
let pristine: WorkbookGrids;

beforeAll(async () => {
  const template = await blankTemplate(registry, '01', parsePeriod('2026-H1'));
  filled = await fillAsPerson(template, UNIT_ROWS_01.length, new Date(Date.UTC(2026, 5, 12)));
  pristine = await gridsFromXlsx(filled);
});

/** A fresh copy of the filled workbook's grids to damage (structuredClone would make Dates of another realm). */
const grids = (): WorkbookGrids => ({ sheets: pristine.sheets.map(cloneSheet) });
const cloneSheet = (s: GridSheet): GridSheet => ({ ...s, cells: s.cells.map((row) => row.map((c) => c && { ...c })) });
const sheetOf = (g: WorkbookGrids, name: string): GridSheet => g.sheets.find((s) => s.name === name)!;
const rulesOf = (issues: Issue[]) => issues.map((i) => i.rule);
const baseline = () => readSubmission(grids()).submission!;

test('the undamaged workbook reads without issues', () => {
  expect(readSubmission(grids()).issues).toEqual([]);
});

describe('layout problems', () => {
  test('a shifted table is reported with the cell where "(1)" was found, and read by column number', () => {
    const g = grids();
    for (const row of sheetOf(g, F03).cells) row.unshift(null);
    const { submission, issues } = readSubmission(g);
    const shift = issues.find((i) => i.rule === 'L03')!;
    expect(shift).toMatchObject({ severity: 'error', sheet: F03, cell: 'E9' });
    expect(shift.message.vi).toContain('E9');
    expect(shift.message.vi).toContain('D9');
    expect(shift.message.en).toMatch(/"\(1\)" found in E9 instead of D9/);
    expect(submission!.forms.F03!.rows).toEqual(baseline().forms.F03!.rows);
  });

  test('rows added to the title block are tolerated and reported as information', () => {
    const g = grids();
    const cells = sheetOf(g, F04).cells;
    cells.splice(3, 0, [], [{ value: 'Ghi chú thêm' }]);
    // As a spreadsheet does on inserting rows: formulas below follow.
    for (const cell of cells.flat()) if (cell?.formula) cell.formula = cell.formula.replace(/([A-Z])(\d+)/g, (_, c, r) => `${c}${Number(r) + 2}`);
    const { submission, issues } = readSubmission(g);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ rule: 'L09', severity: 'info', sheet: F04, cell: cellAddress(FORM_LAYOUT.numberRow + 2, 4) });
    const before = baseline().forms.F04!;
    expect(submission!.forms.F04!.rows.map((r) => r.values)).toEqual(before.rows.map((r) => r.values));
    expect(submission!.forms.F04!.rows[0].sheetRow).toBe(before.rows[0].sheetRow + 2);
    expect(submission!.forms.F04!.totalIsSumFormula).toEqual(before.totalIsSumFormula);
  });

  test('no column-number row: the sheet is not read', () => {
    const g = grids();
    sheetOf(g, F03).cells[FORM_LAYOUT.numberRow - 1] = [];
    const { submission, issues } = readSubmission(g);
    expect(issues.map((i) => [i.rule, i.sheet])).toEqual([['L02', F03]]);
    expect(submission!.forms.F03).toBeUndefined();
  });

  test('a missing and an extra column are reported at their cells', () => {
    const g = grids();
    const numbers = sheetOf(g, F03).cells[FORM_LAYOUT.numberRow - 1];
    numbers[dataColumn(20) - 1] = null;
    numbers[dataColumn(21) - 1] = { value: '(21)' };
    const { submission, issues } = readSubmission(g);
    expect(issues.map((i) => [i.rule, i.severity, i.cell])).toEqual([
      ['L19', 'warning', 'X9'],
      ['L04', 'error', 'W9'],
    ]);
    expect(submission!.forms.F03!.rows[0].values[19]).toBeNull();
  });

  test('two columns with the same number: an error naming both cells, the first is read', () => {
    const g = grids();
    const numbers = sheetOf(g, F03).cells[FORM_LAYOUT.numberRow - 1];
    numbers[dataColumn(FORMS.F03.columns.length) + 1 - 1] = { value: '(3)' };
    const { submission, issues } = readSubmission(g);
    const at = cellAddress(FORM_LAYOUT.numberRow, dataColumn(FORMS.F03.columns.length) + 1);
    expect(issues.map((i) => [i.rule, i.severity, i.cell])).toEqual([['L05', 'error', at]]);
    expect(issues[0].message.vi).toContain(`${cellAddress(FORM_LAYOUT.numberRow, dataColumn(3))} và ${at}`);
    expect(submission!.forms.F03!.rows).toEqual(baseline().forms.F03!.rows);
  });

  test('duplicate unit rows, rows without a code and a missing total row', () => {
    const g = grids();
    const cells = sheetOf(g, F03).cells;
    const first = FORM_LAYOUT.firstDataRow - 1;
    cells[first + 2][FORM_LAYOUT.codeColumn - 1] = { value: '0101' }; // 0102 becomes a second 0101
    cells[first + 3][FORM_LAYOUT.codeColumn - 1] = null;
    cells.splice(first + 4, 1); // the total row
    const { submission, issues } = readSubmission(g);
    expect(issues.map((i) => [i.rule, i.cell])).toEqual([
      ['L08', 'B12'],
      ['L07', 'B13'],
      ['L06', 'C12'],
    ]);
    const f03 = submission!.forms.F03!;
    expect(f03.rows.map((r) => r.unitCode)).toEqual(['0100', '0101']);
    expect(f03.total).toBeNull();
  });

  test('the table ends at the total row: the signature block below is not read', () => {
    const rows = baseline().forms.F03!.rows;
    expect(rows.map((r) => r.unitCode)).toEqual(UNIT_ROWS_01);
  });

  test('a missing sheet is named', async () => {
    const wb = await loadBook(filled);
    wb.removeWorksheet(wb.getWorksheet(F04)!.id);
    const { submission, issues } = await readWorkbookFile(await saveBook(wb), 'thieu.xlsx');
    expect(issues).toEqual([
      expect.objectContaining({ rule: 'L01', severity: 'error', file: 'thieu.xlsx', message: expect.objectContaining({ vi: expect.stringContaining(`"${F04}"`) }) }),
    ]);
    expect(submission!.forms.F03).toBeDefined();
  });

  test('a workbook without any report sheet gives no submission', () => {
    const { submission, issues } = readSubmission({ sheets: [{ name: 'Sheet1', cells: [[{ value: 1 }]] }] });
    expect(submission).toBeNull();
    expect(rulesOf(issues)).toEqual(['L01']);
  });

  test('two sheets for the same form: an identical copy is ignored, a different one is an error naming both', () => {
    const g = grids();
    const copy = { ...cloneSheet(sheetOf(g, F03)), name: 'mẫu 03 ' };
    g.sheets.push(copy);
    expect(readSubmission(g).issues.map((i) => [i.rule, i.severity, i.sheet])).toEqual([['L16', 'warning', 'mẫu 03 ']]);
    copy.cells[FORM_LAYOUT.firstDataRow - 1][dataColumn(1) - 1] = { value: 999 };
    const [issue] = readSubmission(g).issues;
    expect(issue).toMatchObject({ rule: 'L13', severity: 'error', sheet: 'mẫu 03 ' });
    expect(issue.message.vi).toContain(`"${F03}" và "mẫu 03 "`);
  });

  test('a hidden official sheet beside a visible copy is an error naming both; the visible copy is read', () => {
    const g = grids();
    const official = sheetOf(g, F03);
    const copy = { ...cloneSheet(official), name: `${F03} (2)` };
    copy.cells[FORM_LAYOUT.firstDataRow - 1][dataColumn(1) - 1] = { value: 999 };
    official.state = 'hidden';
    g.sheets.push(copy);
    const { submission, issues } = readSubmission(g);
    expect(issues.map((i) => [i.rule, i.severity, i.sheet])).toEqual([['L13', 'error', F03]]);
    expect(issues[0].message.en).toContain(`"${F03} (2)" and "${F03}"`);
    expect(submission!.forms.F03!.sheetName).toBe(`${F03} (2)`);
    expect(submission!.forms.F03!.rows[0].values[0]).toBe(999);
  });

  test('a hidden report sheet alone is read with a warning', () => {
    const g = grids();
    sheetOf(g, F04).state = 'veryHidden';
    const { submission, issues } = readSubmission(g);
    expect(issues.map((i) => [i.rule, i.severity, i.sheet])).toEqual([['L17', 'warning', F04]]);
    expect(submission!.forms.F04!.rows).toEqual(baseline().forms.F04!.rows);
  });

  test('a shifted targets table', () => {
    const g = grids();
    for (const row of sheetOf(g, TARGETS_SHEET).cells) row.unshift(null);
    const { submission, issues } = readSubmission(g);
    expect(issues.map((i) => [i.rule, i.cell])).toEqual([['L03', 'B8']]);
    const values = (t: TargetRow[] | null) => t!.map(({ columns, ...rest }) => rest);
    expect(values(submission!.targets)).toEqual(values(baseline().targets));
    // Located values: every target cell where it really is.
    expect(submission!.targets!.every((t) => t.columns.code === 2 && t.columns.total === 4 && t.columns.achieved === 5)).toBe(true);
  });

  test('a formula without a saved result is an error naming the cell, never read as blank', () => {
    const g = grids();
    sheetOf(g, F03).cells[FORM_LAYOUT.firstDataRow - 1][dataColumn(1) - 1] = { formula: 'E10+1', value: null };
    const issues = readSubmission(g).issues;
    expect(issues.map((i) => [i.rule, i.severity, i.cell])).toEqual([['L12', 'error', 'D10']]);
    expect(issues[0].message.vi).toContain('lưu lại');
    expect(issues[0].message.en).toContain('open and save the file in Excel');
  });

  test('a total row above the unit rows is read, with one message', () => {
    const g = grids();
    const cells = sheetOf(g, F03).cells;
    const first = FORM_LAYOUT.firstDataRow - 1;
    const total = cells.splice(first + UNIT_ROWS_01.length, 1)[0];
    cells.splice(first, 0, total);
    // As a spreadsheet does on moving the row: its SUM still spans the unit rows, now one lower.
    for (const cell of total) if (cell?.formula) cell.formula = cell.formula.replace(/(\d+)/g, (r) => String(Number(r) + 1));
    const { submission, issues } = readSubmission(g);
    expect(issues.map((i) => [i.rule, i.severity, i.cell])).toEqual([['L20', 'warning', `C${FORM_LAYOUT.firstDataRow}`]]);
    expect(submission!.forms.F03!.rows.map((r) => r.values)).toEqual(baseline().forms.F03!.rows.map((r) => r.values));
    expect(submission!.forms.F03!.total!.sheetRow).toBe(FORM_LAYOUT.firstDataRow);
    expect(validateSubmission(submission!, registry).filter((i) => i.rule === 'V12')).toEqual([]);
  });

  test('an unnumbered column right of the form is ignored with a warning', () => {
    const g = grids();
    const cells = sheetOf(g, F04).cells;
    const column = dataColumn(FORMS.F04.columns.length) + 2;
    cells[FORM_LAYOUT.labelRow - 1][column - 1] = { value: 'Ghi chú' };
    cells[FORM_LAYOUT.firstDataRow][column - 1] = { value: 'đã kiểm tra' };
    const { submission, issues } = readSubmission(g);
    expect(issues.map((i) => [i.rule, i.severity, i.sheet, i.cell])).toEqual([['L19', 'warning', F04, cellAddress(FORM_LAYOUT.numberRow, column)]]);
    expect(submission!.forms.F04!.rows).toEqual(baseline().forms.F04!.rows);
  });
});

describe('sheet names', () => {
  test('NFD and upper-case sheet names are accepted and kept as found', () => {
    const g = grids();
    const upper = F03.toLocaleUpperCase('vi').normalize('NFD');
    const targets = ` ${TARGETS_SHEET.toLocaleUpperCase('vi')}`.normalize('NFD');
    sheetOf(g, F03).name = upper;
    sheetOf(g, TARGETS_SHEET).name = targets;
    sheetOf(g, META_SHEET).name = '_META';
    const { submission, issues } = readSubmission(g);
    expect(issues).toEqual([]);
    expect(submission!.forms.F03!.sheetName).toBe(upper);
    expect(submission!.targetsSheetName).toBe(targets);
    expect(submission!.forms.F03!.rows).toEqual(baseline().forms.F03!.rows);
  });
});

describe('values stay raw for V01', () => {
  test('text, decimals and error values are kept as found, and V01 reports them at their cells', async () => {
    let bytes = await setCell(filled, F03, 'E11', '12a');
    bytes = await setCell(bytes, F03, 'F12', 2.5);
    bytes = await setCell(bytes, F04, 'D10', { error: '#REF!' });
    const { submission, issues } = await readWorkbookFile(bytes, 'x.xlsx');
    expect(issues).toEqual([]);
    const f03 = submission!.forms.F03!;
    expect(f03.rows[1].values[1]).toBe('12a');
    expect(f03.rows[2].values[2]).toBe(2.5);
    expect(submission!.forms.F04!.rows[0].values[0]).toEqual({ error: '#REF!' });
    const v01 = validateSubmission(submission!, registry).filter((i) => i.rule === 'V01');
    // (The total over a decimal is a decimal too, as the spreadsheet shows it.)
    expect(v01.map((i) => `${i.sheet}!${i.cell}`)).toEqual(expect.arrayContaining([`${F03}!E11`, `${F03}!F12`, `${F04}!D10`]));
  });

  test('a unit code turned into a number gets its leading zero back', () => {
    const g = grids();
    sheetOf(g, F03).cells[FORM_LAYOUT.firstDataRow][FORM_LAYOUT.codeColumn - 1] = { value: 101 };
    expect(readSubmission(g).submission!.forms.F03!.rows[1].unitCode).toBe('0101');
  });
});

describe('identity: unit, period, report date', () => {
  const setReportDate = (value: unknown) => {
    const g = grids();
    sheetOf(g, F03).cells[TITLE_BLOCK.reportDate.row - 1][TITLE_BLOCK.reportDate.column - 1] = { value } as never;
    return readSubmission(g);
  };

  test.each([
    ['12/06/2026', '2026-06-12'],
    ['2026-06-12', '2026-06-12'],
    ['ngày 12 tháng 6 năm 2026', '2026-06-12'],
    [46185, '2026-06-12'],
    [new Date(Date.UTC(2026, 5, 11, 23, 59, 59, 500)), '2026-06-12'],
  ])('report date %p reads as %s', (value, iso) => {
    const { submission, issues } = setReportDate(value);
    expect(issues).toEqual([]);
    expect(submission!.reportDate).toBe(iso);
  });

  test('an unreadable report date is reported at its cell', () => {
    const { submission, issues } = setReportDate('30/02/2026');
    expect(issues.map((i) => [i.rule, i.sheet, i.cell])).toEqual([['L10', F03, REPORT_DATE]]);
    expect(submission!.reportDate).toBeNull();
  });

  test('a blank visible date falls back to the metadata; none at all is left to V14', () => {
    const g = grids();
    sheetOf(g, F03).cells[TITLE_BLOCK.reportDate.row - 1][TITLE_BLOCK.reportDate.column - 1] = null;
    const meta = sheetOf(g, META_SHEET).cells.find((r) => r[0]?.value === 'report_date')!;
    meta[1] = { value: '2026-06-01' };
    expect(readSubmission(g).submission!.reportDate).toBe('2026-06-01');
    meta[1] = null;
    // Mẫu 04 shows the same date by formula; blank there too.
    sheetOf(g, F04).cells[TITLE_BLOCK.reportDate.row - 1][TITLE_BLOCK.reportDate.column - 1] = { formula: 'x', value: '' };
    const { submission, issues } = readSubmission(g);
    expect(submission!.reportDate).toBeNull();
    expect(issues).toEqual([]);
  });

  test('stale hidden metadata (a reused workbook): the visible title wins, with a warning', () => {
    const g = grids();
    sheetOf(g, META_SHEET).cells.find((r) => r[0]?.value === 'period')![1] = { value: '2025-H1' };
    const { submission, issues } = readSubmission(g);
    expect(issues.map((i) => [i.rule, i.severity])).toEqual([['L18', 'warning']]);
    expect(issues[0].message.en).toContain('"2026-H1"');
    expect(issues[0].message.en).toContain('"2025-H1"');
    expect(submission!.period).toBe('2026-H1');
  });

  test('visible title blocks that disagree stay an error naming both cells', () => {
    const g = grids();
    const cell = (name: string) => sheetOf(g, name).cells[TITLE_BLOCK.periodCode.row - 1];
    cell(F04)[TITLE_BLOCK.periodCode.column - 1] = { value: '2025-H1' };
    const issues = readSubmission(g).issues;
    expect(rulesOf(issues)).toEqual(['L11']);
    const where = (name: string) => `${name}!${cellAddress(TITLE_BLOCK.periodCode.row, TITLE_BLOCK.periodCode.column)}`;
    expect(issues[0].message.vi).toContain(where(F03));
    expect(issues[0].message.vi).toContain(where(F04));
  });

  test('an edited caption is not looked for in the column headings; the metadata fills in', () => {
    const g = grids();
    for (const sheet of g.sheets) {
      const row = sheet.cells[TITLE_BLOCK.unitCode.row - 1];
      if (row?.[TITLE_BLOCK.codeCaptionColumn - 1]?.value === TITLE_CAPTIONS.unitCode) row[TITLE_BLOCK.codeCaptionColumn - 1] = { value: 'Mã ĐV' };
    }
    const { submission, issues } = readSubmission(g);
    expect(issues).toEqual([]);
    expect(submission!.unitCode).toBe('01');
  });

  test('caption and value typed in one cell', () => {
    const g = grids();
    const f03 = sheetOf(g, F03).cells;
    f03[TITLE_BLOCK.reportDate.row - 1] = [{ value: 'Ngày báo cáo: 15/06/2026' }];
    f03[TITLE_BLOCK.unitCode.row - 1][TITLE_BLOCK.codeCaptionColumn - 1] = { value: 'Mã đơn vị: 01' };
    f03[TITLE_BLOCK.unitCode.row - 1][TITLE_BLOCK.unitCode.column - 1] = null;
    const { submission, issues } = readSubmission(g);
    expect(issues).toEqual([]);
    expect(submission!.reportDate).toBe('2026-06-15');
    expect(submission!.unitCode).toBe('01');
  });

  test('a total row carrying another code is an error at its cell', () => {
    const g = grids();
    const total = FORM_LAYOUT.firstDataRow + UNIT_ROWS_01.length;
    sheetOf(g, F03).cells[total - 1][FORM_LAYOUT.codeColumn - 1] = { value: '51' };
    expect(readSubmission(g).issues.map((i) => [i.rule, i.cell])).toEqual([['L11', `B${total}`]]);
  });

  test('parseReportDate', () => {
    expect(parseReportDate(null)).toBeNull();
    expect(parseReportDate('  ')).toBeNull();
    expect(parseReportDate('1/7/2026')).toBe('2026-07-01');
    expect(parseReportDate('2026-13-01')).toBe('invalid');
    expect(parseReportDate(true)).toBe('invalid');
    expect(parseReportDate({ error: '#N/A' })).toBe('invalid');
  });
});
