/**
 * An independent spreadsheet recalculates what we write: a template filled with values only (no
 * cached results) goes through real LibreOffice (`soffice --headless --convert-to xlsx`, which
 * recalculates on load), and the totals and % cells it computed must equal the sums and ratios
 * of the typed values. LibreOffice's own file must then read back unchanged.
 * Skipped only where soffice is missing outside CI; in CI a missing soffice fails the test.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FORMS, TARGETS, TARGETS_SHEET, type FormId } from '../../core/forms';
import { FORM_LAYOUT, TARGETS_LAYOUT, dataColumn, targetRowOf, totalRowOf } from '../../core/layout';
import { readSubmission, type GridSheet } from '../../core/reader';
import { blankTemplate, gridsFromXlsx } from '../../core/xlsx';
import { describeWithLibreOffice, recalculateWithLibreOffice } from '../support/libreoffice';
import { UNIT_ROWS_01, fillAsPerson, registry, typedTarget, typedValue } from './helpers';

const describeLo = describeWithLibreOffice();

describeLo('LibreOffice recalculates the workbook', () => {
  let dir: string;
  let sheets: GridSheet[];
  let typed: Uint8Array;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bhxh-lo-'));
    const template = await blankTemplate(registry, '01', '2026-H1', { reportDate: '2026-06-12' });
    typed = await fillAsPerson(template, UNIT_ROWS_01.length, new Date(Date.UTC(2026, 5, 12)));
    const input = join(dir, 'in', 'filled.xlsx');
    mkdirSync(join(dir, 'in'));
    writeFileSync(input, typed);
    sheets = (await gridsFromXlsx(await recalculateWithLibreOffice(input, dir))).sheets;
  }, 240_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const sheet = (name: string) => sheets.find((s) => s.name === name)!;
  const cell = (s: GridSheet, row: number, column: number) => s.cells[row - 1]?.[column - 1] ?? null;

  test('the input carries no cached results, so LibreOffice had to compute them', async () => {
    const f03 = (await gridsFromXlsx(typed)).sheets[0];
    expect(cell(f03, totalRowOf(UNIT_ROWS_01.length), dataColumn(1))).toMatchObject({ formula: expect.stringMatching(/^SUM/), value: null });
  });

  test.each(['F03', 'F04'] as FormId[])('%s totals equal the sums of the typed values', (form) => {
    const s = sheet(FORMS[form].sheetName);
    const total = totalRowOf(UNIT_ROWS_01.length);
    for (const col of FORMS[form].columns) {
      const sum = UNIT_ROWS_01.reduce((acc, _, i) => acc + (typedValue(form, i, col.no) ?? 0), 0);
      expect([col.no, cell(s, total, dataColumn(col.no))?.value]).toEqual([col.no, sum]);
    }
  });

  test('% cells equal achieved / total, blank for T7', () => {
    const s = sheet(TARGETS_SHEET);
    for (const t of TARGETS) {
      const { total, achieved } = typedTarget(t.code);
      const pct = cell(s, targetRowOf(t.code), TARGETS_LAYOUT.percentColumn)?.value ?? null;
      if (total === null) expect(pct).toBeNull();
      else expect(pct).toBeCloseTo(achieved / total, 12);
    }
  });

  test('the other sheets show the report date typed on Mẫu 03', () => {
    for (const name of [FORMS.F04.sheetName, TARGETS_SHEET]) {
      const date = cell(sheet(name), FORM_LAYOUT.reportDateRow, 3);
      expect(date?.formula).toContain(`'${FORMS.F03.sheetName}'!C6`);
      expect((date?.value as Date).toISOString()).toBe('2026-06-12T00:00:00.000Z');
    }
  });

  test("LibreOffice's own file reads back to the same submission", async () => {
    const ours = readSubmission(await gridsFromXlsx(typed));
    const theirs = readSubmission({ sheets });
    expect(theirs.issues).toEqual([]);
    expect(theirs.submission).toEqual(ours.submission);
  });
});
