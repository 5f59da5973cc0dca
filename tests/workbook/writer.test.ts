/**
 * core/xlsx/write makes SpreadsheetML itself: what it writes is read back by programs we did not
 * write (ExcelJS, LibreOffice) and must give every cell, look, merge, validation, protection, pane
 * and print setting of the model. The awkward texts (characters XML cannot hold, `_xHHHH_` lookalikes,
 * leading spaces, apostrophes in sheet names) must come back as they were.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { buildWorkbookModel, CELL_STYLES, type CellModel, type SheetModel, type WorkbookModel } from '../../core/layout';
import { parsePeriod } from '../../core/periods';
import type { GridSheet } from '../../core/reader';
import { dateOfSerial, isDate, parseRange, serialOfDate } from '../../core/spreadsheet';
import { gridsFromXlsx, writeWorkbook } from '../../core/xlsx';
import { parseCsvRows } from '../../core/csv';
import { describeWithLibreOffice, firstSheetAsCsv } from '../support/libreoffice';
import { filledSubmission } from '../addin/helpers';
import { loadBook, registry } from './helpers';

const AWKWARD_TEXTS = [
  'Bảo hiểm xã hội Việt Nam',
  '  hai khoảng trắng đầu',
  'cuối có khoảng trắng ',
  'dòng một\ndòng hai',
  'tab\there',
  'điều khiển \u0001\u0008\u000B\u001F hết',
  '_x0041_ không phải chữ A',
  'đã thoát _x005F_x0041_',
  '<b>&amp; "trích" \'nháy\'</b>',
  '=HYPERLINK("http://x")',
  '😀 ngoài BMP',
];

/** A sheet with every kind of value, in cells without a look and with one. */
function awkwardSheet(name: string): SheetModel {
  const cells: (CellModel | null)[][] = [
    ...AWKWARD_TEXTS.map((text, i) => [{ value: text }, { value: text, style: i % 2 ? 'unit' : 'note' } as CellModel]),
    [{ value: 42 }, { value: -1.25, style: 'ratio' }, { value: 1e21 }],
    [{ value: true }, { value: false }, { value: { error: '#REF!' } }],
    [{ value: new Date(Date.UTC(2026, 5, 30)) }, { value: new Date(Date.UTC(2026, 0, 1)), style: 'date' }, null, { value: 7, style: 'input' }],
    [{ formula: 'SUM(A12:B12)', result: 40.75 }, { formula: 'A1&"x"', result: 'chữ' }, { formula: 'NOW()' }],
  ];
  return {
    name,
    state: 'visible',
    cells,
    merges: [{ top: 17, left: 1, bottom: 18, right: 2 }],
    columnWidths: [30, 30, 12, 12],
    rowHeights: [{ row: 2, height: 40 }],
    frozen: { rows: 0, columns: 1 },
    validations: [],
    unlocked: ['D13'],
    greyed: [],
    protect: false,
    print: { orientation: 'landscape', paperSize: 'A4', fitToWidth: true, titleRows: '1:2' },
  };
}

const H1 = parsePeriod('2026-H1');
const filled = buildWorkbookModel({ registry, unitCode: '01', period: H1, submission: filledSubmission(registry, '01', H1) });
const awkward: WorkbookModel = { sheets: [awkwardSheet("Ô 'lạ' của tỉnh"), { ...awkwardSheet('_ẩn'), state: 'veryHidden', frozen: { rows: 2, columns: 0 } }] };

/** A read sheet's values, row by row. */
const values = (sheet: GridSheet) => sheet.cells.map((row) => row.map((cell) => cell?.value ?? null));

/** What ExcelJS gives for a model cell: it drops an empty cached text, and reads a cached number under a date format as a date. */
function expectedValue(cell: CellModel): unknown {
  if (cell.formula === undefined) return cell.value ?? null;
  const dated = cell.style !== undefined && /y/.test(CELL_STYLES[cell.style].numberFormat ?? '');
  const result = cell.result === '' ? undefined : dated && typeof cell.result === 'number' ? dateOfSerial(cell.result) : cell.result;
  return result === undefined ? { formula: cell.formula } : { formula: cell.formula, result };
}

/** The model's cells as ExcelJS reads them back from the written file. */
function compareWithExcelJS(model: WorkbookModel, book: ExcelJS.Workbook): void {
  expect(book.worksheets.map((ws) => [ws.name, ws.state])).toEqual(model.sheets.map((s) => [s.name, s.state]));
  for (const sheet of model.sheets) {
    const ws = book.getWorksheet(sheet.name)!;
    const covered = (r: number, c: number) => sheet.merges.some((m) => r >= m.top && r <= m.bottom && c >= m.left && c <= m.right && !(r === m.top && c === m.left));
    const unlocked = (r: number, c: number) =>
      sheet.unlocked.some((range) => {
        const { top, left, bottom, right } = parseRange(range);
        return r >= top && r <= bottom && c >= left && c <= right;
      });
    sheet.cells.forEach((cells, r) =>
      cells.forEach((cell, c) => {
        if (!cell || covered(r + 1, c + 1)) return;
        const got = ws.getCell(r + 1, c + 1);
        const where = `${sheet.name}!${got.address}`;
        expect([where, got.value]).toEqual([where, expectedValue(cell)]);
        const s = cell.style ? CELL_STYLES[cell.style] : {};
        expect([where, got.font?.bold ?? false, got.font?.italic ?? false, got.font?.size]).toEqual([where, s.bold ?? false, s.italic ?? false, s.size ?? 12]);
        expect([where, got.font?.name, got.font?.color?.argb]).toEqual([where, 'Times New Roman', s.color ? `FF${s.color}` : undefined]);
        expect([where, (got.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb]).toEqual([where, s.fill ? `FF${s.fill}` : undefined]);
        expect([where, got.border?.left?.style]).toEqual([where, s.border ? 'thin' : undefined]);
        const format = s.numberFormat ?? (isDate(cell.value) ? 'mm-dd-yy' : undefined);
        expect([where, got.numFmt]).toEqual([where, format === 'General' ? undefined : format]);
        if (cell.style) expect([where, got.alignment?.horizontal, got.alignment?.wrapText ?? false]).toEqual([where, s.horizontal, s.wrap ?? false]);
        expect([where, got.protection?.locked !== false]).toEqual([where, !unlocked(r + 1, c + 1)]);
      }),
    );
    for (const m of sheet.merges) {
      const slave = ws.getCell(m.bottom, m.right);
      expect(slave.isMerged && slave.master.address).toBe(ws.getCell(m.top, m.left).address);
      expect(slave.style).toEqual(ws.getCell(m.top, m.left).style);
    }
    for (const v of sheet.validations) {
      const { top, left, bottom, right } = parseRange(v.range);
      for (const [r, c] of [[top, left], [bottom, right]]) {
        expect(ws.getCell(r, c).dataValidation).toMatchObject({ type: 'whole', operator: 'between', allowBlank: true, formulae: [v.min, v.max], error: v.error, prompt: v.prompt });
      }
    }
    sheet.columnWidths.forEach((width, i) => expect([sheet.name, i, ws.getColumn(i + 1).width]).toEqual([sheet.name, i, width]));
    for (const { row, height } of sheet.rowHeights) expect(ws.getRow(row).height).toBe(height);
    const { rows, columns } = sheet.frozen;
    if (rows || columns) expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: columns, ySplit: rows, showGridLines: false });
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    if (sheet.print.titleRows) expect(ws.pageSetup.printTitlesRow).toBe(sheet.print.titleRows);
    // Not in ExcelJS's types, but what its reader fills in from <sheetProtection>.
    expect(Boolean((ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet)).toBe(sheet.protect);
  }
}

describe('the workbook writer, read back by ExcelJS', () => {
  test.each([
    ['a blank template', buildWorkbookModel({ registry, unitCode: '01', period: H1 })],
    ['a filled report', filled],
    ['awkward texts and values', awkward],
  ])('%s: every cell, look, merge, validation, pane and print setting', async (_, model) => {
    compareWithExcelJS(model, await loadBook(writeWorkbook(model)));
  });

  test('the same model gives the same bytes', () => {
    expect(Buffer.from(writeWorkbook(filled)).equals(Buffer.from(writeWorkbook(filled)))).toBe(true);
  });

  test("the project's own reader gives back every text, number, date and error", async () => {
    const { sheets } = await gridsFromXlsx(writeWorkbook(awkward));
    const grid = values(sheets[0]);
    AWKWARD_TEXTS.forEach((text, i) => expect([grid[i][0], grid[i][1]]).toEqual([text, text]));
    expect(grid[11].slice(0, 3)).toEqual([42, -1.25, 1e21]);
    expect(grid[12]).toEqual([true, false, { error: '#REF!' }]);
    expect(serialOfDate(grid[13][1] as Date)).toBe(serialOfDate(new Date(Date.UTC(2026, 0, 1))));
  });

  test.each([["tên 'lạ'"], ['a'.repeat(32)], ['Mẫu 03/04'], ['']])('a sheet Excel would refuse to open ("%s") is a program error, not a file', (name) => {
    expect(() => writeWorkbook({ sheets: [awkwardSheet(name)] })).toThrow(/Excel would refuse: sheet name/);
  });

  test('two sheets of one name, or a validation message Excel would cut, are refused too', () => {
    expect(() => writeWorkbook({ sheets: [awkwardSheet('Mẫu 03'), awkwardSheet('MẪU 03')] })).toThrow(/two sheets named/);
    const validation = { range: 'A1', min: 0, max: 1, errorTitle: 'x'.repeat(33), error: '', promptTitle: '', prompt: '' };
    expect(() => writeWorkbook({ sheets: [{ ...awkwardSheet('S'), validations: [validation] }] })).toThrow(/too long on "S"!A1/);
  });

  test('a text longer than a cell can hold is cut at 32,767 characters, never inside a character', async () => {
    const long = `${'a'.repeat(32_766)}😀tail`;
    const model: WorkbookModel = { sheets: [{ ...awkwardSheet('dài'), cells: [[{ value: long }]], merges: [], unlocked: [] }] };
    const { sheets } = await gridsFromXlsx(writeWorkbook(model));
    expect(values(sheets[0])[0][0]).toBe('a'.repeat(32_766));
  });
});

const describeLo = describeWithLibreOffice();

describeLo('the workbook writer, read back by LibreOffice', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'bhxh-writer-lo-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('LibreOffice opens the file, reads every text as it was and computes the formulas', async () => {
    const input = join(dir, 'awkward.xlsx');
    writeFileSync(input, writeWorkbook(awkward));
    const rows = parseCsvRows(await firstSheetAsCsv(input, dir));
    AWKWARD_TEXTS.forEach((text, i) => expect([i, rows[i][0], rows[i][1]]).toEqual([i, text, text]));
    expect(rows[11].slice(0, 2)).toEqual(['42', '-1.25']);
    expect(rows[14].slice(0, 2)).toEqual(['40.75', `${AWKWARD_TEXTS[0]}x`]);
  }, 240_000);
});
