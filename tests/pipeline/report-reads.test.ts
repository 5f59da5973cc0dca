/**
 * The reports' rows a consolidation reads many times are read once (Warehouse.reportReads), and
 * never outlive a change: in one open warehouse, a corrected report loaded for the same period
 * is what the next reads see.
 */
import { join } from 'node:path';
import { parsePeriod } from '../../core/periods';
import { consolidate } from '../../pipeline/consolidate';
import { currentSubmissions, currentTotals, type TotalValue } from '../../pipeline/warehouse/queries';
import { Warehouse } from '../../pipeline/warehouse/warehouse';
import { provinceSubmission } from './fixtures';
import { registry, targets, tempDir, writeProvinceFile } from './helpers';

const PERIOD = '2026-03';

test('a corrected report loaded into the same open warehouse replaces what was read before it', async () => {
  const dir = tempDir('reads');
  const path = join(dir, 'w.duckdb');
  let wh = await Warehouse.open(path);
  try {
    const run = (folder: string) =>
      consolidate(wh, { inputDir: join(dir, folder), period: parsePeriod(PERIOD), outDir: join(dir, 'out'), registry, targets, report: false, progress: { write: () => true } });
    const first = provinceSubmission(registry, '51', PERIOD, { reportDate: `${PERIOD}-10`, seed: 3 });
    const corrected = provinceSubmission(registry, '51', PERIOD, { reportDate: `${PERIOD}-20`, seed: 4 });
    await writeProvinceFile(join(dir, 'first'), first);
    await writeProvinceFile(join(dir, 'corrected'), corrected, 2);
    const total = (rows: TotalValue[]) => rows.find((t) => t.form === 'F03' && t.column === 1)?.value;

    await run('first');
    const before = await currentTotals(wh, [PERIOD]);
    expect(total(before)).toBe(first.forms.F03!.total!.values[0]);
    // Read twice: the second answer is the rows kept, shared and frozen.
    expect(await currentTotals(wh, [PERIOD])).toEqual(before);
    expect(() => {
      (before[0] as { value: number }).value = -1;
    }).toThrow(TypeError);
    expect((await currentSubmissions(wh, [PERIOD])).map((s) => s.reportDate)).toEqual([`${PERIOD}-10`]);

    await run('corrected');
    expect((await currentSubmissions(wh, [PERIOD])).map((s) => s.reportDate)).toEqual([`${PERIOD}-20`]);
    const after = await currentTotals(wh, [PERIOD]);
    expect(total(after)).toBe(corrected.forms.F03!.total!.values[0]);
    expect(total(after)).not.toBe(total(before));
    // What a warehouse opened afresh reads.
    wh.close();
    wh = await Warehouse.open(path);
    expect(await currentTotals(wh, [PERIOD])).toEqual(after);

    // Each way the reports change without a consolidation: a statement on its own…
    const dates = async () => (await currentSubmissions(wh, [PERIOD])).map((s) => s.reportDate);
    expect(await dates()).toEqual([`${PERIOD}-20`]);
    await wh.run(`UPDATE submissions SET report_date = DATE '${PERIOD}-21' WHERE status = 'current'`);
    expect(await dates()).toEqual([`${PERIOD}-21`]);
    // …one undone, the rows read inside its transaction included…
    await wh.run('BEGIN TRANSACTION');
    await wh.run(`UPDATE submissions SET report_date = DATE '${PERIOD}-22' WHERE status = 'current'`);
    expect(await dates()).toEqual([`${PERIOD}-22`]);
    await wh.run('ROLLBACK');
    expect(await dates()).toEqual([`${PERIOD}-21`]);
    // …and rows appended after a read, outside any transaction.
    const appender = await wh.appender('submission_values');
    const id = (await currentSubmissions(wh, [PERIOD]))[0].id;
    const count = (await currentTotals(wh, [PERIOD])).length;
    appender.appendInteger(id);
    for (const v of ['targets', 'T9']) appender.appendVarchar(v);
    appender.appendBoolean(false);
    for (const n of [30, 1]) appender.appendInteger(n);
    appender.appendBigInt(7n);
    appender.appendNull();
    appender.appendNull();
    appender.endRow();
    appender.closeSync();
    expect(await currentTotals(wh, [PERIOD])).toHaveLength(count + 1);
  } finally {
    wh.close();
  }
}, 60_000);
