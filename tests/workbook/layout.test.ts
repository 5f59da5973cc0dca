/** The plain workbook model, as both adapters (ExcelJS and Office.js) receive it. */
import ExcelJS from 'exceljs';
import { FORMS, TARGETS } from '../../core/forms';
import { FORM_LAYOUT, TEMPLATE_TARGET_COLUMNS, templateColumns, META_KEYS, META_SHEET, LayoutError, buildWorkbookModel, dataColumn, targetRowOf, type SheetModel } from '../../core/layout';
import { writeSubmissionWorkbook } from '../../core/xlsx';
import { parsePeriod } from '../../core/periods';
import type { Submission } from '../../core/submission';
import { registry } from './helpers';

const model = (period: string, extra: Partial<Parameters<typeof buildWorkbookModel>[0]> = {}) =>
  buildWorkbookModel({ registry, unitCode: '01', period: parsePeriod(period), ...extra });
const sheet = (sheets: SheetModel[], name: string) => sheets.find((s) => s.name === name)!;

test('sheets by period kind', () => {
  expect(model('2026-02').sheets.map((s) => [s.name, s.state])).toEqual([
    ['Mẫu 03', 'visible'],
    [META_SHEET, 'veryHidden'],
  ]);
  expect(model('2026-H1').sheets.map((s) => s.name)).toEqual(['Mẫu 03', 'Mẫu 04', 'Mục tiêu', META_SHEET]);
});

test('editable ranges, validations, greyed provincial-only cells, panes and print titles', () => {
  const { sheets } = model('2026');
  const f03 = sheet(sheets, 'Mẫu 03');
  expect(f03.unlocked).toEqual(['C6', 'D10:W13']);
  expect(f03.validations.map((v) => [v.range, v.min, v.max])).toEqual([['D10:W13', 0, 10_000_000]]);
  expect(f03.greyed).toEqual(['T11:W13']);
  expect(sheet(sheets, 'Mẫu 04').greyed).toEqual(['G11:I13']);
  expect(sheet(sheets, 'Mẫu 04').unlocked).toEqual(['D10:L13']);
  expect(f03.frozen).toEqual({ rows: FORM_LAYOUT.numberRow, columns: 3 });
  expect(f03.print).toEqual({ orientation: 'landscape', paperSize: 'A4', fitToWidth: true, titleRows: '7:9' });
  expect(sheet(sheets, 'Mục tiêu').unlocked).toEqual([...TARGETS.slice(0, 6).map((t) => `C${targetRowOf(t.code)}:D${targetRowOf(t.code)}`), `D${targetRowOf('T7')}`]);
});

test('the national workbook greys nothing: its rows are provinces', () => {
  const f03 = buildWorkbookModel({ registry, unitCode: 'VN', period: parsePeriod('2026') }).sheets[0];
  expect(f03.greyed).toEqual([]);
  expect(f03.cells[FORM_LAYOUT.firstDataRow - 1][1]?.value).toBe('01');
  expect(f03.cells[FORM_LAYOUT.firstDataRow + 1][1]?.value).toBe('VN');
});

test('cached results where they can be computed: sums of typed values, ratios', () => {
  const sub: Submission = {
    unitCode: '01',
    period: '2026',
    reportDate: '2026-12-01',
    forms: {
      F03: {
        form: 'F03',
        sheetName: 'Mẫu 03',
        columns: templateColumns(FORMS.F03),
        rows: [
          { unitCode: '0100', unitName: '', sheetRow: 0, values: [5, 'x', { error: '#REF!' }] },
          { unitCode: '0101', unitName: '', sheetRow: 0, values: [7] },
        ],
        total: null,
      },
    },
    targets: [{ code: 'T1', sheetRow: 0, total: 200, achieved: 50, columns: TEMPLATE_TARGET_COLUMNS }],
  };
  const { sheets } = model('2026', { submission: sub });
  const total = sheet(sheets, 'Mẫu 03').cells[FORM_LAYOUT.firstDataRow + 3];
  expect(total[dataColumn(1) - 1]).toMatchObject({ formula: 'SUM(D10:D13)', result: 12 });
  expect(total[dataColumn(2) - 1]?.result).toBeUndefined(); // text only: nothing to cache
  expect(total[dataColumn(3) - 1]?.result).toBeUndefined(); // an error: the spreadsheet decides
  const t1 = sheet(sheets, 'Mục tiêu').cells[targetRowOf('T1') - 1];
  expect(t1[4]).toMatchObject({ formula: `IF(C8>0,D8/C8,"")`, result: 0.25 });
});

test('metadata rows', () => {
  const meta = sheet(model('2026-H1', { reportDate: '2026-06-19', overrideReason: 'Số liệu đã xác minh', generator: 'test' }).sheets, META_SHEET);
  expect(Object.fromEntries(meta.cells.map((r) => [r[0]?.value, r[1]?.value]))).toEqual({
    unit_code: '01',
    period: '2026-H1',
    report_date: '2026-06-19',
    form_version: expect.any(String),
    override_reason: 'Số liệu đã xác minh',
    generator: 'test',
  });
  expect(meta.cells.map((r) => r[0]?.value)).toEqual([...META_KEYS]);
});

test('a unit unknown in the period is refused with a bilingual message', () => {
  expect(() => buildWorkbookModel({ registry, unitCode: '35', period: parsePeriod('2026') })).toThrow(LayoutError);
  expect(() => buildWorkbookModel({ registry, unitCode: '35', period: parsePeriod('2026') })).toThrow(/Mã đơn vị "35" .* \/ Unit code "35"/);
});

test('every form column has its heading and number', () => {
  for (const form of [FORMS.F03, FORMS.F04]) {
    const s = sheet(model('2026').sheets, form.sheetName);
    for (const col of form.columns) {
      expect(s.cells[FORM_LAYOUT.labelRow - 1][dataColumn(col.no) - 1]?.value).toMatch(new RegExp(`^${col.label.vi.replace(/[()]/g, '\\$&')}`));
      expect(s.cells[FORM_LAYOUT.numberRow - 1][dataColumn(col.no) - 1]?.value).toBe(`(${col.no})`);
    }
  }
});

test('the report date shown on Mẫu 04 and Mục tiêu carries its value for tools that do not recalculate', async () => {
  const submission = { unitCode: '01', period: '2026-H1', reportDate: '2026-06-12', forms: {}, targets: null } as Submission;
  const { sheets } = model('2026-H1', { submission });
  const date = { row: 6, column: 3 };
  for (const name of ['Mẫu 04', 'Mục tiêu']) {
    expect(sheet(sheets, name).cells[date.row - 1][date.column - 1]).toMatchObject({ formula: expect.stringContaining("'Mẫu 03'!C6"), result: 46185 });
  }
  // ExcelJS does not recalculate: it reads the saved value.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await writeSubmissionWorkbook(submission, registry)) as unknown as ArrayBuffer);
  expect(wb.getWorksheet('Mục tiêu')!.getCell('C6').result).toEqual(new Date('2026-06-12T00:00:00Z'));
  // Blank on Mẫu 03: blank here too.
  const blank = sheet(model('2026-H1', { submission: { ...submission, reportDate: null } }).sheets, 'Mẫu 04');
  expect(blank.cells[date.row - 1][date.column - 1]?.result).toBe('');
});
