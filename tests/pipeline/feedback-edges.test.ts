/**
 * The analyst loop at its edges: a unit that sends a file without being expected in the period
 * still gets told why it was refused, and stored values keep the cell the clerk typed them in, so
 * changed cells, Q01, Q02 and Q03 name it rather than the template's.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { FORMS } from '../../core/forms';
import { dataColumn } from '../../core/layout';
import { parsePeriod, type Period } from '../../core/periods';
import { type Submission } from '../../core/submission';
import { cellAddress } from '../../core/spreadsheet';
import { UNIT_STATUS_TEXT } from '../../core/unit-status';
import { consolidate, type ConsolidationSummary } from '../../pipeline/consolidate';
import { Warehouse } from '../../pipeline/warehouse/warehouse';
import { readWorkbookFile } from '../../core/xlsx';
import { valueRows } from '../../pipeline/warehouse/load';
import { sheetCell } from '../../pipeline/warehouse/value-cell';
import { provinceSubmission } from './fixtures';
import { readCsv, registry, targets, tempDir, writeProvinceFile } from './helpers';

const MONTH = parsePeriod('2026-03');
const [PROVINCE] = registry.provinces(MONTH).map((p) => p.code);
/** Hà Giang: a province until the 2025 merger, no longer expected in 2026. */
const FORMER = '02';

/** Inserts an empty column B into the Form 03 sheet of a written file: every table cell moves one right. */
async function shiftForm03(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  wb.getWorksheet(FORMS.F03.sheetName)!.spliceColumns(2, 0, []);
  writeFileSync(path, new Uint8Array(await wb.xlsx.writeBuffer()));
}

/** The cell one column right of where the template puts form column `no` of Form 03. */
const shifted = (row: number, no: number) => cellAddress(row, dataColumn(no) + 1);

describe('feedback and cell addresses at the edges of the loop', () => {
  const dir = tempDir('edges');
  const db = join(dir, 'warehouse.duckdb');

  async function run(period: Period): Promise<ConsolidationSummary> {
    const wh = await Warehouse.open(db);
    try {
      return await consolidate(wh, { inputDir: join(dir, 'in', period.code), period, outDir: join(dir, 'out', period.code), registry, targets, report: false, progress: { write: () => true } });
    } finally {
      wh.close();
    }
  }

  const month = (seed: number, reportDate = '2026-03-20'): Submission => provinceSubmission(registry, PROVINCE, MONTH.code, { reportDate, seed });

  let march: ConsolidationSummary;
  let v2: Submission;
  beforeAll(async () => {
    const input = join(dir, 'in', MONTH.code);
    await writeProvinceFile(input, month(1));
    // A former province's clerk still using last year's workbook.
    const former = provinceSubmission(registry, FORMER, '2025-06', { reportDate: '2026-03-18', seed: 2 });
    await writeProvinceFile(input, { ...former, period: MONTH.code });
    await run(MONTH);
    // The correction: a later report date, other figures.
    v2 = month(3, '2026-03-25');
    await writeProvinceFile(input, v2, 2);
    march = await run(MONTH);
  }, 120_000);

  test('a unit not expected in the period gets its feedback file, listing exactly its issues', async () => {
    const { outputs } = march;
    const name = `${FORMER}_${MONTH.code}.xlsx`;
    expect(outputs.feedbackFiles.map((f) => f.slice(outputs.feedback.length + 1))).toContain(name);
    // The counts stay those of the expected provinces.
    expect(march.statuses.map((s) => s.unitCode)).not.toContain(FORMER);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(outputs.feedback, name));
    const summary = wb.getWorksheet('Phản hồi')!;
    expect(String(summary.getCell('A2').value)).toBe(`Kính gửi: BHXH Hà Giang (mã ${FORMER})`);
    expect(String(summary.getCell('B5').value)).toBe(`${UNIT_STATUS_TEXT.refused.glyph} ${UNIT_STATUS_TEXT.refused.vi}`);
    expect(String(summary.getCell('A8').value)).toBe('Lưu ý');
    expect(String(summary.getCell('B8').value)).toContain(`Mã ${FORMER} không thuộc danh sách đơn vị phải báo cáo`);
    expect(String(summary.getCell('A10').value)).toBe(`${FORMER}_${MONTH.code}.xlsx`);
    const rows: string[][] = [];
    wb.getWorksheet('Vấn đề')!.eachRow((row, n) => {
      if (n > 1) rows.push([2, 3, 4, 5].map((c) => String(row.getCell(c).value ?? '')));
    });
    const own = readCsv(outputs.validationCsv).filter((v) => v.unit_code === FORMER).map((v) => [v.rule, v.file, v.sheet, v.cell]);
    expect(own.map((r) => r[0])).toContain('V14');
    expect(rows).toEqual(own);
  });

  test("a value read from a shifted sheet is stored with its real column, and named there", async () => {
    // A shifted sheet is refused today (L03), but what the warehouse stores must stand where the
    // clerk typed it, so that changed cells, Q01, Q02 and Q03 never name the template's cell.
    const path = await writeProvinceFile(join(dir, 'shifted'), month(4));
    await shiftForm03(path);
    const { submission } = await readWorkbookFile(new Uint8Array(readFileSync(path)), 'shifted.xlsx');
    const rows = valueRows(submission!).filter((v) => v.form === 'F03');
    expect(rows.length).toBeGreaterThan(0);
    for (const v of rows) {
      expect(v.sheetColumn).toBe(dataColumn(v.column) + 1);
      expect(sheetCell(v.form, v.sheetRow, v.column, v.sheetColumn).cell).toBe(shifted(v.sheetRow, v.column));
      // Values stored before the column was recorded stand on the template's cell.
      expect(sheetCell(v.form, v.sheetRow, v.column, null).cell).toBe(cellAddress(v.sheetRow, dataColumn(v.column)));
    }
  });

  test('a correction: changed cells and Q01 read the stored cells back', async () => {
    const [change] = march.changes.submissions;
    expect(change.unitCode).toBe(PROVINCE);
    const before = month(1).forms.F03!;
    const after = v2.forms.F03!;
    const expected = [...after.rows, after.total!].flatMap((row, r) =>
      row.values.flatMap((value, i) => (value === [...before.rows, before.total!][r].values[i] ? [] : [cellAddress(row.sheetRow, after.columns.data[i]!)])),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(change.cells.map((c) => c.cell)).toEqual(expected);
    const wh = await Warehouse.open(db);
    try {
      const [{ n }] = await wh.all<{ n: number }>('SELECT count(*)::INTEGER AS n FROM submission_values WHERE sheet_column IS NULL');
      expect(n).toBe(0);
    } finally {
      wh.close();
    }
  });
});
