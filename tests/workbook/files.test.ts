/** The written file as Excel sees it, and files the reader must refuse without throwing. */
import ExcelJS from 'exceljs';
import { FORMS, TARGETS_SHEET } from '../../core/forms';
import { CELL_STYLES, FORM_LAYOUT, TARGETS_LAYOUT, VALUE_MAX, dataColumn, targetRowOf } from '../../core/layout';
import { cellAddress } from '../../core/spreadsheet';
import { blankTemplate, readWorkbookFile } from '../../core/xlsx';
import { loadBook, registry } from './helpers';

describe('the blank template as Excel opens it', () => {
  let wb: ExcelJS.Workbook;
  let f03: ExcelJS.Worksheet;
  const office = FORM_LAYOUT.firstDataRow; // 0100
  const local = office + 1; // 0101

  beforeAll(async () => {
    wb = await loadBook(await blankTemplate(registry, '01', '2026', { reportDate: '2026-12-01', targetOf: (c) => (c === 'T7' ? 10 : 0.8) }));
    f03 = wb.getWorksheet(FORMS.F03.sheetName)!;
  });

  test('sheets in order, metadata very hidden', () => {
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      ['Mẫu 03', 'visible'],
      ['Mẫu 04', 'visible'],
      ['Mục tiêu', 'visible'],
      ['_meta', 'veryHidden'],
    ]);
  });

  test('title block, headings and number row', () => {
    expect(f03.getCell('A1').value).toBe('BẢO HIỂM XÃ HỘI VIỆT NAM\nBHXH HÀ NỘI');
    expect(f03.getCell(1, dataColumn(20)).value).toBe('Mẫu 03');
    expect(f03.getCell('F4').value).toBe('01');
    expect(f03.getCell('F5').value).toBe('2026');
    expect((f03.getCell('C6').value as Date).toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(f03.getCell('D7').isMerged && f03.getCell('F7').master.address).toBe('D7');
    expect(f03.getCell('D8').value).toBe(FORMS.F03.columns[0].label.vi);
    expect([1, 2, 3, 4, 23].map((c) => f03.getCell(FORM_LAYOUT.numberRow, c).value)).toEqual(['A', 'B', 'C', '(1)', '(20)']);
  });

  test('the total row sums exactly the unit rows', () => {
    const total = FORM_LAYOUT.firstDataRow + 4;
    expect(f03.getCell(total, 2).value).toBe('01');
    expect(f03.getCell(total, 3).value).toBe('Tổng cộng');
    expect(f03.getCell(total, 4).formula).toBe(`SUM(D10:D${total - 1})`);
    expect(f03.getCell(total, 23).formula).toBe(`SUM(W10:W${total - 1})`);
    expect(f03.getCell(total, 4).numFmt).toBe(CELL_STYLES.total.numberFormat);
  });

  test('protection: only the data cells and the report date are editable', () => {
    expect((f03 as unknown as { sheetProtection: { sheet: boolean } }).sheetProtection.sheet).toBe(true);
    expect(f03.getCell('C6').protection.locked).toBe(false);
    expect(f03.getCell(office, 4).protection.locked).toBe(false);
    expect(f03.getCell(local + 2, 23).protection.locked).toBe(false);
    for (const address of ['B10', 'C10', 'F4', 'D9', `D${local + 3}`]) expect(f03.getCell(address).protection?.locked).not.toBe(false);
  });

  test('data validation on every data cell: whole numbers 0…10,000,000, blank allowed', () => {
    for (const address of ['D10', `W${local + 2}`]) {
      expect(f03.getCell(address).dataValidation).toMatchObject({ type: 'whole', operator: 'between', allowBlank: true, formulae: [0, VALUE_MAX], showErrorMessage: true });
    }
    expect(f03.getCell('C10').dataValidation).toBeUndefined();
    expect(f03.getCell('D10').dataValidation.error).toMatch(/^Chỉ nhập số nguyên/);
  });

  test('provincial-only columns are greyed on local-office rows only', () => {
    const fill = (row: number, no: number) => (f03.getCell(row, dataColumn(no)).fill as ExcelJS.FillPattern).fgColor?.argb;
    expect(fill(local, 17)).toBe(`FF${CELL_STYLES.greyed.fill}`);
    expect(fill(local, 16)).toBe(`FF${CELL_STYLES.input.fill}`);
    expect(fill(office, 17)).toBe(`FF${CELL_STYLES.input.fill}`);
    const f04 = wb.getWorksheet(FORMS.F04.sheetName)!;
    expect((f04.getCell(local, dataColumn(6)).fill as ExcelJS.FillPattern).fgColor?.argb).toBe(`FF${CELL_STYLES.greyed.fill}`);
  });

  test('frozen below the headings and right of column C; printed A4 landscape, headings repeated', () => {
    expect(f03.views[0]).toMatchObject({ state: 'frozen', xSplit: 3, ySplit: FORM_LAYOUT.numberRow });
    expect(f03.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '7:9' });
  });

  test('targets sheet: % formulas, target values, T7 without total', () => {
    const ws = wb.getWorksheet(TARGETS_SHEET)!;
    const t1 = targetRowOf('T1');
    const t7 = targetRowOf('T7');
    expect(ws.getCell(t1, TARGETS_LAYOUT.percentColumn).formula).toBe(`IF(C${t1}>0,D${t1}/C${t1},"")`);
    expect(ws.getCell(t1, TARGETS_LAYOUT.percentColumn).numFmt).toBe('0.0%');
    expect(ws.getCell(t1, TARGETS_LAYOUT.targetColumn).value).toBe(0.8);
    expect(ws.getCell(t1, TARGETS_LAYOUT.targetColumn).numFmt).toBe('0%');
    expect(ws.getCell(t7, TARGETS_LAYOUT.targetColumn).value).toBe(10);
    expect(ws.getCell(t7, TARGETS_LAYOUT.percentColumn).formula).toBeUndefined();
    expect(ws.getCell(t7, TARGETS_LAYOUT.totalColumn).protection?.locked).not.toBe(false);
    expect(ws.getCell(t7, TARGETS_LAYOUT.achievedColumn).protection.locked).toBe(false);
    expect(ws.getCell(cellAddress(6, 3)).formula).toContain("'Mẫu 03'!C6");
  });
});

describe('files that are not reports never throw', () => {
  /** A genuine workbook that is not a report. */
  const foreignWorkbook = async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').getCell('A1').value = 'hello';
    return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  };

  test.each([
    ['empty', new Uint8Array(0), /rỗng/],
    ['text', new TextEncoder().encode('unit,period\n51,2026-H1\n'), /không phải tệp Excel/],
    ['xls', Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), /97–2003/],
    ['broken zip', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6]), /bị hỏng/],
  ])('%s file', async (_, bytes, why) => {
    const { submission, issues } = await readWorkbookFile(bytes, 'tinh-51.xlsx');
    expect(submission).toBeNull();
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ rule: 'L00', severity: 'error', file: 'tinh-51.xlsx' });
    expect(issues[0].message.vi).toContain('"tinh-51.xlsx"');
    expect(issues[0].message.vi).toMatch(why);
  });

  test('a truncated workbook', async () => {
    const bytes = await blankTemplate(registry, '51', '2026-03');
    const { submission, issues } = await readWorkbookFile(bytes.slice(0, bytes.length / 2), 'cut.xlsx');
    expect(submission).toBeNull();
    expect(issues.map((i) => [i.rule, i.file])).toEqual([['L00', 'cut.xlsx']]);
  });

  test('a workbook of something else', async () => {
    const { submission, issues } = await readWorkbookFile(await foreignWorkbook(), 'other.xlsx');
    expect(submission).toBeNull();
    expect(issues.map((i) => [i.rule, i.file])).toEqual([['L01', 'other.xlsx']]);
  });
});
