/**
 * The LibreOffice check on `national_<P>.xlsx`: LibreOffice recalculates the national workbook
 * (its cached results replaced by nonsense first, so nothing passes unless LibreOffice really
 * computed), and the totals and % it computes equal the national sums the test expects and
 * satisfy the rule engine.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { FORMS, TARGETS, TARGETS_SHEET, type FormId } from '../../core/forms';
import { TARGETS_LAYOUT, dataColumn, targetRowOf, totalRowOf } from '../../core/layout';
import { parsePeriod } from '../../core/periods';
import type { GridSheet } from '../../core/reader';
import { validateSubmission } from '../../core/rules';
import type { Submission } from '../../core/submission';
import { gridsFromXlsx, readWorkbookFile } from '../../core/xlsx';
import { consolidate } from '../../pipeline/consolidate';
import { Warehouse } from '../../pipeline/warehouse/warehouse';
import { provinceSubmission, totalOf } from './fixtures';
import { registry, targets, tempDir, writeProvinceFile } from './helpers';
import { describeWithLibreOffice, recalculateWithLibreOffice } from '../support/libreoffice';

const describeLo = describeWithLibreOffice();

const PERIOD = parsePeriod('2026-H1');
const POISON = 987654321;

describeLo('LibreOffice recalculates the national workbook', () => {
  const dir = tempDir('national-lo');
  const subs: Submission[] = [];
  let sheets: GridSheet[];
  let recalculated: Uint8Array;

  beforeAll(async () => {
    // Every other province reports, so blank rows sit between filled ones.
    for (const [i, p] of registry.provinces(PERIOD).entries()) {
      if (i % 2) continue;
      const sub = provinceSubmission(registry, p.code, PERIOD.code, { reportDate: '2026-06-12', seed: 300 + i });
      subs.push(sub);
      await writeProvinceFile(join(dir, 'in'), sub);
    }
    const wh = await Warehouse.open(join(dir, 'wh.duckdb'));
    try {
      await consolidate(wh, { inputDir: join(dir, 'in'), period: PERIOD, outDir: join(dir, 'out'), registry, targets, report: false, progress: { write: () => true } });
    } finally {
      wh.close();
    }
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(join(dir, 'out', `national_${PERIOD.code}.xlsx`)) as unknown as ArrayBuffer);
    let formulas = 0;
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.formula) {
            cell.value = { formula: cell.formula, result: POISON };
            formulas++;
          }
        }),
      ),
    );
    expect(formulas).toBeGreaterThan(29);
    const poisoned = join(dir, 'national.xlsx');
    writeFileSync(poisoned, new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    recalculated = await recalculateWithLibreOffice(poisoned, dir);
    sheets = (await gridsFromXlsx(recalculated)).sheets;
  }, 240_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const sheet = (name: string) => sheets.find((s) => s.name === name)!;
  const valueAt = (s: GridSheet, row: number, column: number) => s.cells[row - 1]?.[column - 1]?.value ?? null;

  test.each(['F03', 'F04'] as FormId[])('%s: the national totals are the sums of the provinces', (form) => {
    const s = sheet(FORMS[form].sheetName);
    const total = totalRowOf(registry.provinces(PERIOD).length);
    for (const col of FORMS[form].columns) {
      const sum = subs.reduce((acc, sub) => acc + (totalOf(sub, form, col.no) ?? 0), 0);
      expect([col.no, valueAt(s, total, dataColumn(col.no))]).toEqual([col.no, sum]);
    }
  });

  test('targets: % = achieved / total of the national sums', () => {
    const s = sheet(TARGETS_SHEET);
    for (const t of TARGETS) {
      const row = targetRowOf(t.code);
      const sum = (field: 'total' | 'achieved') => subs.reduce((acc, sub) => acc + ((sub.targets!.find((x) => x.code === t.code)![field] as number | null) ?? 0), 0);
      const pct = valueAt(s, row, TARGETS_LAYOUT.percentColumn);
      if (t.population === null) expect([t.code, pct]).toEqual([t.code, null]);
      else expect([t.code, pct]).toEqual([t.code, expect.closeTo(sum('achieved') / sum('total'), 12)]);
    }
  });

  test("LibreOffice's file reads back as a national report the rules accept", async () => {
    const { submission, issues } = await readWorkbookFile(recalculated, 'national.xlsx');
    expect(issues).toEqual([]);
    expect(validateSubmission(submission!, registry)).toEqual([]);
    expect(JSON.stringify(sheets)).not.toContain(String(POISON));
  });
});
