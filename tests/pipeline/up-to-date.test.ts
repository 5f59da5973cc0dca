/**
 * A period whose inputs did not change is not consolidated again, and any change to what its
 * outputs derive from (files, reference data, the program, earlier periods in the warehouse, the
 * outputs themselves) makes it rebuilt.
 */
import { readFileSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { parsePeriod } from '../../core/periods';
import { TargetTable } from '../../core/targets';
import { consolidate } from '../../pipeline/consolidate';
import { Warehouse } from '../../pipeline/warehouse/warehouse';
import { provinceSubmission } from './fixtures';
import { registry, runCli, targets, tempDir, writeProvinceFile } from './helpers';

const MARCH = parsePeriod('2026-03');
const FEBRUARY = parsePeriod('2026-02');
const quiet = { write: () => true };

describe('skipping unchanged periods', () => {
  const dir = tempDir('up-to-date');
  const input = join(dir, '2026-03');
  const out = join(dir, 'out');
  let wh: Warehouse;
  const run = (opts: { targets?: TargetTable; inputDir?: string; period?: typeof MARCH; outDir?: string } = {}) =>
    consolidate(wh, { inputDir: opts.inputDir ?? input, period: opts.period ?? MARCH, outDir: opts.outDir ?? out, registry, targets: opts.targets ?? targets, report: false, progress: quiet });

  beforeAll(async () => {
    wh = await Warehouse.open(join(dir, 'w.duckdb'));
    for (const [i, code] of ['01', '51'].entries()) {
      await writeProvinceFile(input, provinceSubmission(registry, code, MARCH.code, { reportDate: '2026-03-20', seed: 40 + i }));
    }
  });
  afterAll(() => {
    wh.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a rerun keeps the outputs and says so; each kind of change rebuilds them', async () => {
    const first = await run();
    expect(first.outputsKept).toBe(false);
    const indicators = join(out, 'indicators.csv');
    const made = statSync(indicators).mtimeMs;

    const again = await run();
    expect(again.outputsKept).toBe(true);
    expect(again.files).toEqual({ total: 2, loaded: 0, unchanged: 2, refused: 0 });
    expect(again.submissions).toEqual(first.submissions);
    expect(statSync(indicators).mtimeMs).toBe(made);

    // Other targets.
    const raised = new TargetTable(targets.settings.map((s) => ({ ...s, target: s.target + 1 })));
    expect((await run({ targets: raised })).outputsKept).toBe(false);
    expect((await run({ targets: raised })).outputsKept).toBe(true);
    expect((await run()).outputsKept).toBe(false);

    // Another program.
    process.env.BHXH_PROGRAM_VERSION = 'another';
    try {
      expect((await run()).outputsKept).toBe(false);
    } finally {
      delete process.env.BHXH_PROGRAM_VERSION;
    }
    expect((await run()).outputsKept).toBe(false);

    // An output removed or changed.
    unlinkSync(indicators);
    expect((await run()).outputsKept).toBe(false);
    expect(readFileSync(indicators, 'utf8')).toMatch(/^period,unit_code,indicator,/);
    expect((await run()).outputsKept).toBe(true);

    // A new file in the folder.
    await writeProvinceFile(input, provinceSubmission(registry, '79', MARCH.code, { reportDate: '2026-03-20', seed: 42 }));
    const grown = await run();
    expect([grown.outputsKept, grown.files.loaded]).toEqual([false, 1]);
  });

  test('an earlier period changing in the warehouse rebuilds the period; a later one does not', async () => {
    expect((await run()).outputsKept).toBe(true);
    const april = join(dir, '2026-04');
    await writeProvinceFile(april, provinceSubmission(registry, '01', '2026-04', { reportDate: '2026-04-20', seed: 7 }));
    await run({ inputDir: april, period: parsePeriod('2026-04'), outDir: join(dir, 'out-04') });
    expect((await run()).outputsKept).toBe(true);
    const february = join(dir, '2026-02');
    await writeProvinceFile(february, provinceSubmission(registry, '01', FEBRUARY.code, { reportDate: '2026-02-20', seed: 8 }));
    await run({ inputDir: february, period: FEBRUARY, outDir: join(dir, 'out-02') });
    expect((await run()).outputsKept).toBe(false);
  });

  test('the command line names the periods it kept', () => {
    const args = ['consolidate', input, '--db', join(dir, 'cli.duckdb'), '--out', join(dir, 'cli-out'), '--no-report'];
    expect(runCli(args).stdout).not.toContain('outputs kept');
    const rerun = runCli(args);
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toMatch(/Kỳ 2026-03: \d tệp và dữ liệu tham chiếu không đổi, giữ kết quả cũ \/ \d files and reference data unchanged, outputs kept/);
  });
});
