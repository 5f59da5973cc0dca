/**
 * The national analyst's loop on one month: a refused file, a late report, a missing province,
 * an override and a correction sent between two consolidations. Every status shows up where the
 * analyst and the provinces read it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import ExcelJS from 'exceljs';
import { chromium } from 'playwright-core';
import { vietnamDate } from '../../core/format';
import { parsePeriod } from '../../core/periods';
import type { Submission } from '../../core/submission';
import { countStatuses, statusDetail, UNIT_STATUS_TEXT, type UnitStatus } from '../../core/unit-status';
import { consolidate, type ConsolidationSummary } from '../../pipeline/consolidate';
import { STATUS_SHEET } from '../../pipeline/outputs/national-workbook';
import { PROJECT_ROOT } from '../../pipeline/reference';
import { exportParquet } from '../../pipeline/warehouse/export';
import { Warehouse } from '../../pipeline/warehouse/warehouse';
import { provinceSubmission, recomputeTotal } from './fixtures';
import { readCsv, registry, targets, tempDir, writeProvinceFile } from './helpers';

const MONTH = parsePeriod('2026-03');
const ARTIFACTS = join(PROJECT_ROOT, 'tests', 'artifacts');
const codes = registry.provinces(MONTH).map((p) => p.code);
export const LOOP = { refused: codes[1], late: codes[2], missing: codes[3], override: codes[4], corrected: codes[5] } as const;

function clean(code: string, reportDate = '2026-03-20', seed = Number(code)): Submission {
  return provinceSubmission(registry, code, MONTH.code, { reportDate, seed });
}

/** Customer conferences (col 6) above conferences (col 4) on the office row: V02. */
function withV02(sub: Submission): Submission {
  const table = sub.forms.F03!;
  table.rows[0].values[3] = 5;
  table.rows[0].values[4] = 150;
  table.rows[0].values[5] = 8;
  recomputeTotal(table);
  return sub;
}

describe('the analyst loop', () => {
  const dir = tempDir('loop');
  const input = join(dir, 'in', MONTH.code);
  const db = join(dir, 'warehouse.duckdb');
  const runs: ConsolidationSummary[] = [];

  async function run(): Promise<ConsolidationSummary> {
    const wh = await Warehouse.open(db);
    try {
      const summary = await consolidate(wh, { inputDir: input, period: MONTH, outDir: join(dir, 'out', MONTH.code), registry, targets, report: true, progress: { write: () => true } });
      runs.push(summary);
      return summary;
    } finally {
      wh.close();
    }
  }

  beforeAll(async () => {
    for (const code of codes) {
      if (code === LOOP.missing) continue;
      if (code === LOOP.refused) await writeProvinceFile(input, withV02(clean(code)));
      else if (code === LOOP.late) await writeProvinceFile(input, clean(code, '2026-03-30'));
      else if (code === LOOP.override) await writeProvinceFile(input, { ...withV02(clean(code)), overrideReason: 'Số liệu đã được lãnh đạo xác nhận' });
      else await writeProvinceFile(input, clean(code));
    }
    await run();
    // The correction: the same province, a later report date, other figures.
    await writeProvinceFile(input, clean(LOOP.corrected, '2026-03-24', 999), 2);
    await run();
  }, 240_000);

  const statusOf = (code: string): UnitStatus => runs[1].statuses.find((s) => s.unitCode === code)!;

  test('every expected province has exactly one status', () => {
    const { statuses } = runs[1];
    expect(statuses.map((s) => s.unitCode)).toEqual(codes);
    expect(statusOf(LOOP.refused)).toMatchObject({ status: 'refused', current: null, refused: [{ errors: 1, firstError: { rule: 'V02', sheet: 'Mẫu 03', cell: 'I10' } }] });
    expect(statusOf(LOOP.late)).toMatchObject({ status: 'late', late: true, firstReportDate: '2026-03-30' });
    expect(statusOf(LOOP.missing)).toMatchObject({ status: 'missing', current: null, refused: [] });
    expect(statusOf(LOOP.override)).toMatchObject({ status: 'override', current: { overrideReason: 'Số liệu đã được lãnh đạo xác nhận', errors: 1 } });
    expect(statusOf(LOOP.corrected)).toMatchObject({ status: 'accepted', versions: 2, current: { fileName: `${LOOP.corrected}_2026-03_v2.xlsx` } });
    expect(countStatuses(statuses)).toEqual({ expected: 34, received: 33, accepted: 32, byStatus: { accepted: 30, override: 1, late: 1, refused: 1, missing: 1 } });
    // N13 counts accepted reports (docs/DECISIONS.md); the summary shows who sent a file beside it.
    expect(runs[1].submissions).toMatchObject({ expected: 34, received: 32, filesFrom: 33 });
    expect(statusDetail(statusOf(LOOP.refused)).vi).toContain('Mẫu 03!I10 [V02]');
    expect(statusDetail(statusOf(LOOP.override)).vi).toContain('giải trình: “Số liệu đã được lãnh đạo xác nhận”');
  });

  /** What each province's status must read as, wherever it is shown. */
  const expectedStatus = () =>
    Object.entries({ [LOOP.refused]: 'refused', [LOOP.late]: 'late', [LOOP.missing]: 'missing', [LOOP.override]: 'override', [LOOP.corrected]: 'accepted' } as const);

  test('the report shows each status, with the refusing cell and the override reason (Chromium)', async () => {
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(pathToFileURL(runs[1].outputs.report!).href, { waitUntil: 'load' });
      const rows = await page.$$eval('table.statuses tbody tr', (trs) => trs.map((tr) => ({ cls: tr.className, text: (tr as HTMLElement).innerText })));
      for (const [code, status] of expectedStatus()) {
        const row = rows.find((r) => r.text.startsWith(`${code} ·`));
        if (status === 'accepted') expect(row).toBeUndefined(); // the report lists what needs attention
        else expect(row?.cls).toBe(`st-${status}`);
      }
      const text = rows.map((r) => r.text).join('\n');
      expect(text).toContain(`${UNIT_STATUS_TEXT.refused.vi}`);
      expect(text).toContain('Mẫu 03!I10 [V02]');
      expect(text).toContain('Số liệu đã được lãnh đạo xác nhận');
      const header = await page.$eval('header.report', (e) => (e as HTMLElement).innerText);
      expect(header).toMatch(/Báo cáo được chấp nhận \(N13\):?\s*32\/34/);
      expect(header).toMatch(/Tỉnh đã gửi tệp:?\s*33\/34/);
      await page.screenshot({ path: join(ARTIFACTS, 'analyst-loop-report.png'), fullPage: true });
    } finally {
      await browser.close();
    }
  }, 60_000);

  test('the national workbook and the validation report show each status', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(runs[1].outputs.nationalWorkbook);
    const sheet = wb.getWorksheet(STATUS_SHEET)!;
    const byCode = new Map<string, string>();
    sheet.eachRow((row) => byCode.set(String(row.getCell(1).value), String(row.getCell(4).value)));
    for (const [code, status] of expectedStatus()) expect(byCode.get(code)).toBe(UNIT_STATUS_TEXT[status].en);
    expect(codes.every((c) => byCode.has(c))).toBe(true);
    // The nation reports on the day it consolidates, in Vietnam time.
    expect(wb.getWorksheet('Mẫu 03')!.getCell('C6').value).toEqual(new Date(`${vietnamDate(new Date())}T00:00:00Z`));

    const html = readFileSync(runs[1].outputs.validationHtml, 'utf8');
    for (const [code, status] of expectedStatus()) expect(html).toMatch(new RegExp(`<tr class="st-${status}"><th scope="row">${code} ·`));
    expect(html).toContain('(giờ Việt Nam)');
  });

  test('two runs with a correction between them: the changed indicators and cells, and the file that caused them', async () => {
    expect(runs[0].changes.previous).toBeNull();
    const { changes } = runs[1];
    expect(changes.previous?.id).toBe(runs[0].runId);
    expect(changes.submissions).toHaveLength(1);
    const corrected = changes.submissions[0];
    expect(corrected).toMatchObject({ unitCode: LOOP.corrected, oldFile: `${LOOP.corrected}_2026-03.xlsx`, newFile: `${LOOP.corrected}_2026-03_v2.xlsx`, oldStatus: 'accepted', newStatus: 'accepted' });
    // The cells that differ, against the two files as written.
    const v1 = clean(LOOP.corrected);
    const v2 = clean(LOOP.corrected, '2026-03-24', 999);
    const expected = v1.forms.F03!.rows.concat(v1.forms.F03!.total!).flatMap((row, r) =>
      row.values.flatMap((value, i) => {
        const other = v2.forms.F03!.rows.concat(v2.forms.F03!.total!)[r].values[i];
        return value === other ? [] : [{ cell: `${String.fromCharCode(67 + i + 1)}${row.sheetRow}`, old: value, new: other }];
      }),
    );
    expect(corrected.cells.map((c) => ({ cell: c.cell, old: c.old, new: c.new }))).toEqual(expected);
    // Every indicator that moved: the province's own and the nation's, old → new, caused by that file.
    const moved = changes.indicators.map((c) => `${c.unitCode} ${c.indicator}`);
    expect(moved.length).toBeGreaterThan(0);
    expect(moved.every((m) => m.startsWith(`${LOOP.corrected} `) || m.startsWith('VN '))).toBe(true);
    for (const c of changes.indicators) {
      expect(c.causes.map((x) => x.newFile)).toEqual([`${LOOP.corrected}_2026-03_v2.xlsx`]);
      expect(c.old?.value).not.toBe(c.new?.value);
    }
    // Q01 names the cells that differ, on the report that counts.
    const q01 = readCsv(runs[1].outputs.validationCsv).filter((r) => r.rule === 'Q01');
    expect(q01).toHaveLength(1);
    expect(q01[0]).toMatchObject({ unit_code: LOOP.corrected, sheet: 'Mẫu 03', cell: expected[0].cell });
    expect(q01[0].message_vi).toContain(`${expected.length} ô khác nhau: Mẫu 03!${expected[0].cell}`);
    // The summary and the report list it.
    const page = readFileSync(runs[1].outputs.report!, 'utf8');
    expect(page).toContain('Thay đổi so với lần tổng hợp trước');
    expect(page).toContain(`${LOOP.corrected}_2026-03_v2.xlsx`);
  });

  test('one feedback file per province, listing exactly its issues from validation.csv', async () => {
    const { outputs } = runs[1];
    expect(outputs.feedbackFiles.map((f) => f.slice(outputs.feedback.length + 1)).sort()).toEqual(codes.map((c) => `${c}_2026-03.xlsx`));
    const validation = readCsv(outputs.validationCsv);
    for (const [code, status] of expectedStatus()) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(join(outputs.feedback, `${code}_2026-03.xlsx`));
      const summary = wb.getWorksheet('Phản hồi')!;
      expect(String(summary.getCell('B5').value)).toBe(`${UNIT_STATUS_TEXT[status].glyph} ${UNIT_STATUS_TEXT[status].vi}`);
      const rows: string[][] = [];
      wb.getWorksheet('Vấn đề')!.eachRow((row, n) => {
        if (n > 1 && row.getCell(2).value) rows.push([2, 3, 4, 5, 6].map((c) => String(row.getCell(c).value ?? '')));
      });
      const own = validation.filter((v) => v.unit_code === code || v.unit_code.slice(0, 2) === code).map((v) => [v.rule, v.file, v.sheet, v.cell, v.message_vi]);
      expect(rows).toEqual(own);
      expect(own.length).toBeGreaterThan(0);
    }
    // The refused province sees the cell, what to fix and the value it typed.
    const refused = new ExcelJS.Workbook();
    await refused.xlsx.readFile(join(outputs.feedback, `${LOOP.refused}_2026-03.xlsx`));
    const v02 = refused.getWorksheet('Vấn đề')!.getRow(2);
    expect([v02.getCell(2).value, v02.getCell(5).value, v02.getCell(8).value]).toEqual(['V02', 'I10', '8']);
    expect(String(v02.getCell(7).value)).not.toBe('');
    // The corrected province sees what changed since its previous submission.
    const corrected = new ExcelJS.Workbook();
    await corrected.xlsx.readFile(join(outputs.feedback, `${LOOP.corrected}_2026-03.xlsx`));
    const changed: string[] = [];
    corrected.getWorksheet('Thay đổi')!.eachRow((row, n) => {
      if (n > 3) changed.push(String(row.getCell(2).value));
    });
    expect(changed).toEqual(runs[1].changes.submissions[0].cells.map((c) => c.cell));
    // Its indicators beside the nation, the target and a rank.
    const indicators = corrected.getWorksheet('Chỉ số')!;
    expect(indicators.getCell('A2').value).toBe('N09');
    expect(String(indicators.getCell('F2').value)).toMatch(/^\d+\/\d+$/);
  });

  test('the warehouse runs DuckDB on one thread, unless asked for more', async () => {
    const threadsOf = async (wh: Warehouse) => (await wh.all<{ t: number }>(`SELECT current_setting('threads')::INTEGER AS t`))[0].t;
    for (const [asked, expected] of [[undefined, 1], [2, 2]] as const) {
      const wh = await Warehouse.open(db, asked === undefined ? {} : { threads: asked });
      expect(await threadsOf(wh)).toBe(expected);
      wh.close();
    }
  });

  test('values.csv and the Parquet export equal the warehouse current values (read back with DuckDB)', async () => {
    const out = join(dir, 'parquet');
    const wh = await Warehouse.open(db);
    let stored: Record<string, unknown>[];
    try {
      stored = await wh.all(`SELECT period, province, unit, is_total, form, column_no, value::DOUBLE AS value, submission_id FROM current_values ORDER BY ALL`);
      await exportParquet(wh, out);
    } finally {
      wh.close();
    }
    const csv = readCsv(runs[1].outputs.values).map((r) => ({ period: r.period, province: r.province, unit: r.unit, is_total: r.is_total === '1', form: r.form, column_no: Number(r.column), value: Number(r.value), submission_id: Number(r.submission) }));
    const byKey = (a: Record<string, unknown>, b: Record<string, unknown>) => JSON.stringify(Object.values(a)).localeCompare(JSON.stringify(Object.values(b)));
    expect([...csv].sort(byKey)).toEqual([...stored].sort(byKey));
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      const glob = join(out, 'current_values', '*', '*.parquet').replace(/'/g, "''");
      const reader = await connection.runAndReadAll(
        `SELECT period, province, unit, is_total, form, column_no, value::DOUBLE AS value, submission_id FROM read_parquet('${glob}', hive_partitioning = true) ORDER BY ALL`,
      );
      expect(reader.getRowObjectsJS()).toEqual(stored);
      const partitions = await connection.runAndReadAll(`SELECT DISTINCT period FROM read_parquet('${join(out, 'submission_values', '*', '*.parquet')}', hive_partitioning = true)`);
      expect(partitions.getRowObjectsJS()).toEqual([{ period: '2026-03' }]);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });
});
