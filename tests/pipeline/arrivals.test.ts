/**
 * What the warehouse keeps and which report counts must not depend on the order files were
 * loaded in: every refused file keeps its own record, a tie on report date is decided by
 * arrival then content (and flagged), timeliness follows the first arrival, and a file of the
 * wrong period is refused however often it was loaded before.
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parsePeriod } from '../../core/periods';
import { consolidate, type ConsolidationSummary } from '../../pipeline/consolidate';
import { sha256 } from '../../pipeline/ingest/read-file';
import { Warehouse } from '../../pipeline/warehouse/warehouse';
import { provinceSubmission } from './fixtures';
import { readCsv, registry, targets, tempDir, withWarehouse, writeProvinceFile } from './helpers';

const MARCH = parsePeriod('2026-03');
const dir = tempDir('arrivals');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let runs = 0;
/** One consolidation in process; the outputs go to a folder of their own. */
async function run(db: string, input: string, period = MARCH): Promise<ConsolidationSummary & { out: string }> {
  const out = join(dir, `out-${++runs}`);
  const wh = await Warehouse.open(db);
  try {
    const summary = await consolidate(wh, { inputDir: input, period, outDir: out, registry, targets, report: false, progress: { write: () => true } });
    return { ...summary, out };
  } finally {
    wh.close();
  }
}

/** Sets a file's modification time (its arrival) to `minute` minutes past 2026-03-25 08:00 UTC. */
function arrive(path: string, minute: number): void {
  const at = new Date(Date.UTC(2026, 2, 25, 8, minute));
  utimesSync(path, at, at);
}

const currentFile = (db: string, unit: string) =>
  withWarehouse(db, async (wh) => (await wh.all<{ f: string }>(`SELECT file_name AS f FROM submissions WHERE unit_code = $unit AND status = 'current'`, { unit })).map((r) => r.f));

test('refused files with identical bytes each keep their own record, across names and periods', async () => {
  const input = join(dir, 'empty');
  const db = join(dir, 'empty.duckdb');
  await writeProvinceFile(input, provinceSubmission(registry, '51', MARCH.code, { reportDate: '2026-03-20', seed: 1 }));
  for (const name of ['a.xlsx', 'b.xlsx', 'sub/c.xlsx']) {
    mkdirSync(join(input, 'sub'), { recursive: true });
    writeFileSync(join(input, name), '');
  }
  for (let i = 0; i < 2; i++) {
    const summary = await run(db, input);
    expect(summary.files.refused).toBe(3);
    expect(readCsv(join(summary.out, 'validation.csv')).filter((r) => r.rule === 'L00').map((r) => r.file).sort()).toEqual(['a.xlsx', 'b.xlsx', 'sub/c.xlsx']);
  }
  const april = join(dir, 'empty-april');
  mkdirSync(april);
  writeFileSync(join(april, 'a.xlsx'), '');
  await run(db, april, parsePeriod('2026-04'));
  const stored = await withWarehouse(db, (wh) => wh.all<{ f: string; b: string }>(`SELECT file_name AS f, batch_period AS b FROM submissions WHERE status = 'refused' ORDER BY b, f`));
  expect(stored).toEqual([
    { f: 'a.xlsx', b: '2026-03' },
    { f: 'b.xlsx', b: '2026-03' },
    { f: 'sub/c.xlsx', b: '2026-03' },
    { f: 'a.xlsx', b: '2026-04' },
  ]);
}, 60_000);

describe('two reports of one unit with the same report date', () => {
  const folder = join(dir, 'tie');
  let early: string;
  let late: string;

  beforeAll(async () => {
    // Named so that the later arrival comes first in name order, i.e. is loaded first.
    late = await writeProvinceFile(folder, provinceSubmission(registry, '51', MARCH.code, { reportDate: '2026-03-20', seed: 11 }));
    early = await writeProvinceFile(folder, provinceSubmission(registry, '51', MARCH.code, { reportDate: '2026-03-20', seed: 12 }), 2);
    arrive(late, 30);
    arrive(early, 10);
  });

  test('the later arrival counts whatever the loading order, and the analyst is warned', async () => {
    const db = join(dir, 'tie.duckdb');
    const summary = await run(db, folder);
    expect(await currentFile(db, '51')).toEqual(['51_2026-03.xlsx']);
    const q06 = readCsv(join(summary.out, 'validation.csv')).filter((r) => r.rule === 'Q06');
    expect(q06).toHaveLength(1);
    expect(q06[0]).toMatchObject({ severity: 'warning', file: '51_2026-03.xlsx', cell: 'C6' });
    expect(q06[0].message_vi).toContain('51_2026-03_v2.xlsx');
    expect(q06[0].message_en).toContain('it arrived later');

    // Built another way: the earlier arrival alone first, then the whole folder.
    const other = join(dir, 'tie-history.duckdb');
    const alone = join(dir, 'tie-alone');
    mkdirSync(alone);
    copyFileSync(early, join(alone, '51_2026-03_v2.xlsx'));
    arrive(join(alone, '51_2026-03_v2.xlsx'), 10);
    await run(other, alone);
    await run(other, folder);
    expect(await currentFile(other, '51')).toEqual(['51_2026-03.xlsx']);
  }, 60_000);

  test('arriving at the same time, the content decides, not the name', async () => {
    const same = join(dir, 'tie-same');
    mkdirSync(same);
    // The file with the smaller fingerprint gets the name that is loaded last.
    const [small, large] = [late, early].sort((a, b) => (sha256(readFileSync(a)) < sha256(readFileSync(b)) ? -1 : 1));
    copyFileSync(small, join(same, 'z.xlsx'));
    copyFileSync(large, join(same, 'a.xlsx'));
    arrive(join(same, 'z.xlsx'), 10);
    arrive(join(same, 'a.xlsx'), 10);
    const db = join(dir, 'tie-same.duckdb');
    const summary = await run(db, same);
    expect(await currentFile(db, '51')).toEqual(['a.xlsx']);
    const q06 = readCsv(join(summary.out, 'validation.csv')).find((r) => r.rule === 'Q06')!;
    expect(q06.message_en).toContain('chosen by content');
  }, 60_000);

  test("the warning points at the report date where the clerk's file has it, not at the template's cell", async () => {
    const moved = join(dir, 'tie-moved');
    mkdirSync(moved);
    // The later file's title block sits a row lower (a line inserted above it).
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(late) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Mẫu 03')!;
    sheet.spliceRows(1, 0, ['Bản sửa lại']);
    writeFileSync(join(moved, '51_2026-03.xlsx'), new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    copyFileSync(early, join(moved, '51_2026-03_v2.xlsx'));
    arrive(join(moved, '51_2026-03.xlsx'), 30);
    arrive(join(moved, '51_2026-03_v2.xlsx'), 10);
    const summary = await run(join(dir, 'tie-moved.duckdb'), moved);
    const q06 = readCsv(join(summary.out, 'validation.csv')).filter((r) => r.rule === 'Q06');
    expect(q06).toEqual([expect.objectContaining({ file: '51_2026-03.xlsx', sheet: 'Mẫu 03', cell: 'C7' })]);
  }, 60_000);
});

test('a backdated resubmission does not make a late report on time, and is flagged', async () => {
  const folder = join(dir, 'backdated');
  const first = await writeProvinceFile(folder, provinceSubmission(registry, '51', MARCH.code, { reportDate: '2026-04-02', seed: 21 }));
  const second = await writeProvinceFile(folder, provinceSubmission(registry, '51', MARCH.code, { reportDate: '2026-03-20', seed: 22 }), 2);
  arrive(first, 0);
  arrive(second, 60 * 24 * 10);
  const summary = await run(join(dir, 'backdated.duckdb'), folder);
  expect(summary.submissions.onTime).toBe(0);
  const rows = readCsv(join(summary.out, 'validation.csv'));
  expect(rows.filter((r) => r.rule === 'Q04').map((r) => r.message_en)).toEqual([expect.stringContaining('2026-04-02')]);
  const q07 = rows.filter((r) => r.rule === 'Q07');
  expect(q07).toHaveLength(1);
  expect(q07[0]).toMatchObject({ severity: 'warning', file: '51_2026-03_v2.xlsx', cell: 'C6' });
  expect(q07[0].message_vi).toContain('51_2026-03.xlsx');
}, 60_000);

test('a folder of the wrong period is refused even when its files are already loaded', async () => {
  const folder = join(dir, 'wrong-period');
  await writeProvinceFile(folder, provinceSubmission(registry, '51', MARCH.code, { reportDate: '2026-03-20', seed: 31 }));
  const db = join(dir, 'wrong-period.duckdb');
  expect((await run(db, folder)).exitCode).toBe(0);
  const april = await run(db, folder, parsePeriod('2026-04'));
  expect(april.exitCode).toBe(1);
  expect(april.fileResults).toEqual([expect.objectContaining({ file: '51_2026-03.xlsx', outcome: 'refused', status: 'refused' })]);
  expect(readCsv(join(april.out, 'validation.csv')).map((r) => r.rule)).toContain('P01');
  // The March report itself is untouched, and April's refusal is no issue of March.
  const march = await run(db, folder);
  expect(march.exitCode).toBe(0);
  expect(march.fileResults).toEqual([expect.objectContaining({ outcome: 'unchanged', status: 'current' })]);
  expect(readCsv(join(march.out, 'validation.csv')).map((r) => r.rule)).not.toContain('P01');
}, 60_000);
