/**
 * The fast read path (core/xlsx/fast-grids/) against ExcelJS, the reader it replaces: the same
 * grids, cell by cell (value, type, formula, sheet names, visibility, row lengths), on every
 * bundled sample and on seeded random workbooks, SpreadsheetML written as Excel and LibreOffice
 * write it and workbooks written by ExcelJS. The two corpora (tests/corpus, tests/hardening) are
 * compared in their own suites, where their files are made. A workbook the fast path declines is
 * read by ExcelJS in production; declining is only accepted where ExcelJS itself fails.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { readSubmission } from '../../core/reader';
import { gridsFromParts, gridsFromXlsx, inspectWorkbook, readWorkbookFile, UnusualWorkbook } from '../../core/xlsx';
import { isGridPart, shiftFormula } from '../../core/xlsx/fast-grids';
import { listWorkbooks } from '../../pipeline/ingest/discover';
import { PROJECT_ROOT } from '../../pipeline/reference';
import { readZip, textPart, withParts, writeZip } from '../hardening/zip';
import { compareReads, differences, gridLines } from './grid-diff';
import { exceljsWorkbook, rawWorkbook } from './random-workbooks';

const partsOf = (bytes: Uint8Array) => {
  const inspected = inspectWorkbook(bytes, isGridPart);
  if (inspected.refusal) throw new Error(inspected.refusal.reason.en);
  return inspected.parts;
};

test('every bundled sample: the same grids as ExcelJS', async () => {
  const files = listWorkbooks(join(PROJECT_ROOT, 'data', 'samples')).map((f) => ({ name: f.name, bytes: new Uint8Array(readFileSync(f.path)) }));
  expect(files.length).toBeGreaterThan(300);
  const { problems, same } = await differences(files);
  expect(problems).toEqual([]);
  // All but the sample that is refused before parsing on purpose.
  expect(same).toBeGreaterThanOrEqual(files.length - 2);
}, 120_000);

describe('random workbooks (seeded)', () => {
  test('SpreadsheetML as Excel and LibreOffice write it: the same grids as ExcelJS', async () => {
    const files = Array.from({ length: 150 }, (_, i) => ({ name: `raw seed ${i + 1}`, bytes: rawWorkbook(i + 1) }));
    const { problems, same } = await differences(files);
    expect(problems).toEqual([]);
    expect(same).toBeGreaterThanOrEqual(140);
  }, 120_000);

  test('written by ExcelJS: the same grids as ExcelJS reads back', async () => {
    const files = await Promise.all(Array.from({ length: 60 }, async (_, i) => ({ name: `exceljs seed ${i + 1}`, bytes: await exceljsWorkbook(i + 1) })));
    const { problems, same } = await differences(files);
    expect(problems).toEqual([]);
    expect(same).toBe(files.length);
  }, 120_000);
});

describe('what the reader needs from a cell', () => {
  /** A one-sheet workbook whose sheet XML holds `cells` in row 1 (shared strings: `strings`). */
  const sheetWith = (cells: string, extra = '', strings: string[] = []) => {
    const base = readZip(rawWorkbook(7));
    const sheet = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetData><row r="1">${cells}</row></sheetData>${extra}</worksheet>`;
    const sst = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${strings.map((s) => `<si>${s}</si>`).join('')}</sst>`;
    return writeZip(withParts(base.filter((p) => !/^xl\/worksheets\/sheet[2-9]/.test(p.name)), [textPart('xl/worksheets/sheet1.xml', sheet), textPart('xl/sharedStrings.xml', sst)]));
  };
  const firstRow = (bytes: Uint8Array) => gridsFromParts(partsOf(bytes)).sheets[0].cells[0];

  test('a formula without a cached result stays a formula with no value (rule L12 can see it)', async () => {
    const bytes = sheetWith('<c r="A1"><f>SUM(B1:C1)</f></c><c r="B1" t="str"><f>B2&amp;"x"</f><v></v></c>');
    expect(firstRow(bytes)).toEqual([{ formula: 'SUM(B1:C1)', value: null }, { formula: 'B2&"x"', value: null }]);
    expect(gridLines(gridsFromParts(partsOf(bytes)))).toEqual(gridLines(await gridsFromXlsx(bytes)));
  });

  test('shared strings, inline strings, rich runs, escapes, booleans, errors and cached results', async () => {
    const bytes = sheetWith(
      '<c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>Hội nghị</t></is></c><c r="D1" t="b"><v>1</v></c>' +
        '<c r="E1" t="e"><v>#REF!</v></c><c r="F1" t="str"><f>A1</f><v>Tổng cộng</v></c><c r="G1" t="s"><v>2</v></c><c r="H1"><v>1.5E3</v></c>',
      '',
      ['<t>Bảo hiểm_x000D_</t>', '<r><t>Đắk </t></r><r><rPr><b/></rPr><t>Lắk</t></r>', ''],
    );
    expect(firstRow(bytes)).toEqual([
      { value: 'Bảo hiểm\r' },
      { value: 'Đắk Lắk' },
      { value: 'Hội nghị' },
      { value: true },
      { value: { error: '#REF!' } },
      { formula: 'A1', value: 'Tổng cộng' },
      { value: null },
      { value: 1500 },
    ]);
    expect(gridLines(gridsFromParts(partsOf(bytes)))).toEqual(gridLines(await gridsFromXlsx(bytes)));
  });

  test('shared formulas are translated from their master; merged cells read once, at the top left', async () => {
    const bytes = sheetWith(
      '<c r="A1"><v>4</v></c><c r="B1"><v>5</v></c><c r="D1"><f t="shared" ref="D1:F1" si="0">SUM(A1:$B$1)</f><v>9</v></c><c r="E1"><f t="shared" si="0"/><v>5</v></c><c r="F1"><f t="shared" si="0"/></c>',
      '<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>',
    );
    expect(firstRow(bytes)).toEqual([{ value: 4 }, null, null, { formula: 'SUM(A1:$B$1)', value: 9 }, { formula: 'SUM(B1:$B$1)', value: 5 }, { formula: 'SUM(C1:$B$1)', value: null }]);
    expect(gridLines(gridsFromParts(partsOf(bytes)))).toEqual(gridLines(await gridsFromXlsx(bytes)));
  });

  test('sheet names and visibility come from the workbook, in its order', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Mẫu 03');
    wb.addWorksheet('Mẫu 04', { state: 'hidden' });
    wb.addWorksheet('_meta', { state: 'veryHidden' });
    const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    expect(gridsFromParts(partsOf(bytes)).sheets.map((s) => [s.name, s.state])).toEqual([
      ['Mẫu 03', 'visible'],
      ['Mẫu 04', 'hidden'],
      ['_meta', 'veryHidden'],
    ]);
  });

  test('a workbook built unlike Excel (a cell without its address) is declined, and read by ExcelJS as before', async () => {
    const bytes = sheetWith('<c r="A1"><v>1</v></c><c><v>2</v></c>');
    expect(() => gridsFromParts(partsOf(bytes))).toThrow(UnusualWorkbook);
    const byExcelJS = readSubmission(await gridsFromXlsx(bytes));
    expect((await gridsFromXlsx(bytes)).sheets[0].cells[0]).toEqual([{ value: 1 }, { value: 2 }]);
    expect(await readWorkbookFile(bytes, 'x.xlsx')).toEqual({ submission: byExcelJS.submission, issues: byExcelJS.issues.map((i) => ({ ...i, file: 'x.xlsx' })) });
  });

  test('a value dropped or changed is caught by the comparison', async () => {
    const bytes = sheetWith('<c r="A1"><v>1</v></c><c r="B1" t="s"><v>0</v></c>', '', ['<t>a</t>']);
    const grids = gridsFromParts(partsOf(bytes));
    const dropped = structuredClone(grids);
    dropped.sheets[0].cells[0][1] = null;
    const changed = structuredClone(grids);
    changed.sheets[0].cells[0][0] = { value: '1' };
    expect(gridLines(dropped)).not.toEqual(gridLines(grids));
    expect(gridLines(changed)).not.toEqual(gridLines(grids));
    expect(await compareReads(bytes)).toEqual({ outcome: 'same', lines: expect.any(Number) });
  });
});

test('shiftFormula moves relative references only', () => {
  expect(shiftFormula('SUM(D10:D20)+$A$1+A$2+$B3', 'D21', 'F23')).toBe('SUM(F12:F22)+$A$1+C$2+$B5');
  expect(shiftFormula("LOG10(A1)+'Mẫu 03'!G11+Sheet1!B2+XFE2", 'A1', 'A2')).toBe("LOG10(A2)+'Mẫu 03'!G12+Sheet1!B3+XFE2");
});
