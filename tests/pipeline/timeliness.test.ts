/** Timeliness counts when a report first arrived: a correction after the deadline is not late. */
import { join } from 'node:path';
import { parsePeriod } from '../../core/periods';
import { consolidate } from '../../pipeline/consolidate';
import { Warehouse } from '../../pipeline/warehouse/warehouse';
import { provinceSubmission } from './fixtures';
import { registry, targets, tempDir, writeProvinceFile } from './helpers';

async function timeliness(dates: string[]): Promise<{ q04: { cell: string; message_vi: string }[]; n14: number | null }> {
  const dir = tempDir('timely');
  for (const [i, reportDate] of dates.entries()) {
    await writeProvinceFile(join(dir, 'in'), provinceSubmission(registry, '51', '2026-03', { reportDate, seed: 3 + i }), i + 1);
  }
  const wh = await Warehouse.open(join(dir, 'w.duckdb'));
  try {
    const summary = await consolidate(wh, { inputDir: join(dir, 'in'), period: parsePeriod('2026-03'), outDir: join(dir, 'out'), registry, targets, report: false, progress: { write: () => true } });
    const q04 = await wh.all<{ cell: string; message_vi: string }>(`SELECT cell, message_vi FROM issues WHERE rule = 'Q04'`);
    return { q04, n14: summary.submissions.onTime };
  } finally {
    wh.close();
  }
}

test('a correction dated after the deadline keeps the first, on-time arrival', async () => {
  expect(await timeliness(['2026-03-20', '2026-03-30'])).toEqual({ q04: [], n14: 1 });
}, 60_000);

test('a first report after the deadline is late, at the report-date cell', async () => {
  const { q04, n14 } = await timeliness(['2026-03-29']);
  expect(n14).toBe(0);
  expect(q04).toHaveLength(1);
  expect(q04[0].cell).toBe('C6');
  expect(q04[0].message_vi).toContain('29/03/2026');
}, 60_000);
