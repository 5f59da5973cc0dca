/**
 * The render threads (pipeline/outputs/render-pool.ts) and the periods written while the next
 * is loaded (`consolidatePeriods`): a failure on a thread reaches the run as the same error a
 * local write gives, summaries come in the order of the periods, and a period that fails
 * leaves the one before it written whole, with nothing still being written when the run ends.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildWorkbookModel } from '../../core/layout';
import { parsePeriod } from '../../core/periods';
import { consolidatePeriods, type ConsolidateOptions, type ConsolidationSummary } from '../../pipeline/consolidate';
import { render } from '../../pipeline/outputs/render-pool';
import { DATA_DIR } from '../../pipeline/reference';
import { Warehouse } from '../../pipeline/warehouse/warehouse';
import { registry, targets, tempDir } from './helpers';

const dir = tempDir('render-threads');

test("a write that fails on a render thread fails with the filesystem's own error, as a local one does", async () => {
  const path = join(dir, 'blocked', 'x.xlsx');
  // Where the temporary file must go there is a folder.
  mkdirSync(`${path}.${process.pid}.tmp`, { recursive: true });
  await expect(render({ kind: 'workbooks', files: [{ path, model: buildWorkbookModel({ registry, unitCode: '01', period: parsePeriod('2026-03') }) }] })).rejects.toMatchObject({
    code: 'EISDIR',
    syscall: 'open',
    message: expect.stringContaining('EISDIR'),
  });
  expect(existsSync(path)).toBe(false);
});

const month = (code: string, outRoot: string): ConsolidateOptions => {
  const inputDir = join(dir, 'in', code);
  if (!existsSync(inputDir)) cpSync(join(DATA_DIR, 'samples', code), inputDir, { recursive: true });
  return { inputDir, period: parsePeriod(code), outDir: join(outRoot, code), registry, targets, progress: { write: () => true } };
};

test('periods are summarised in order; a failing period leaves the previous one written whole and nothing being written', async () => {
  const out = join(dir, 'out');
  const wh = await Warehouse.open(join(dir, 'w.duckdb'));
  try {
    const heard: ConsolidationSummary[] = [];
    await consolidatePeriods(wh, [month('2026-01', out), month('2026-02', out)], (s) => heard.push(s));
    expect(heard.map((s) => s.period)).toEqual(['2026-01', '2026-02']);
    expect(heard.every((s) => existsSync(s.outputs.report!) && existsSync(s.outputs.draft!) && s.outputs.feedbackFiles.every((f) => existsSync(f)))).toBe(true);

    // 2026-03's outputs cannot go where asked (a file is there): it fails while 2026-01's files
    // are being written anew on the threads. Those are finished, in place and told of when the
    // run fails.
    rmSync(join(out, '2026-01'), { recursive: true });
    writeFileSync(join(out, '2026-03'), 'not a folder');
    const told: string[] = [];
    await expect(consolidatePeriods(wh, [month('2026-01', out), month('2026-03', out)], (s) => told.push(s.period))).rejects.toThrow(/đường dẫn là một tệp/);
    expect(told).toEqual(['2026-01']);
    expect(readdirSync(join(out, '2026-01'))).toEqual(expect.arrayContaining(['report.html', 'bao-cao_2026-01.docx', 'phan-hoi', 'national_2026-01.xlsx']));
    expect(readdirSync(out).sort()).toEqual(['2026-01', '2026-02', '2026-03']);
  } finally {
    wh.close();
  }
}, 300_000);
