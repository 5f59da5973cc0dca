/**
 * Q03 compares a unit with its own history only: across the 2025 merger a reused code names a
 * different unit (the new 08 Tuyên Quang took in Hà Giang), so the old unit's months do not count.
 */
import { join } from 'node:path';
import { parsePeriod } from '../../core/periods';
import type { Submission } from '../../core/submission';
import { consolidate } from '../../pipeline/consolidate';
import { Warehouse } from '../../pipeline/warehouse/warehouse';
import { provinceSubmission, recomputeTotal } from './fixtures';
import { registry, targets, tempDir, writeProvinceFile } from './helpers';

/** The unit's Form 03 activity multiplied, totals kept consistent. */
function scaled(sub: Submission, factor: number): Submission {
  const table = sub.forms.F03!;
  for (const row of table.rows) row.values = row.values.map((v) => (typeof v === 'number' ? v * factor : v));
  recomputeTotal(table);
  return sub;
}

async function outliersOf(months: { period: string; factor: number }[]): Promise<string[]> {
  const dir = tempDir('history');
  const wh = await Warehouse.open(join(dir, 'w.duckdb'));
  try {
    let last: string[] = [];
    for (const [i, m] of months.entries()) {
      const sub = scaled(provinceSubmission(registry, '08', m.period, { reportDate: `${m.period}-20`, seed: 7 + (i % 2) }), m.factor);
      await writeProvinceFile(join(dir, m.period), sub);
      await consolidate(wh, { inputDir: join(dir, m.period), period: parsePeriod(m.period), outDir: join(dir, 'out', m.period), registry, targets, report: false, progress: { write: () => true } });
      const rows = await wh.all<{ cell: string }>(`SELECT cell FROM issues WHERE rule = 'Q03' AND period = $period`, { period: m.period });
      last = rows.map((r) => r.cell);
    }
    return last;
  } finally {
    wh.close();
  }
}

describe('Q03 across the 2025 merger', () => {
  test('a jump within one unit is flagged', async () => {
    const months = ['2025-07', '2025-08', '2025-09', '2025-10', '2025-11'].map((period) => ({ period, factor: 1 }));
    months.push({ period: '2025-12', factor: 10 });
    expect((await outliersOf(months)).length).toBeGreaterThan(0);
  }, 60_000);

  test("the predecessor's months are not the merged province's history", async () => {
    const months = ['2025-02', '2025-03', '2025-04', '2025-05', '2025-06'].map((period) => ({ period, factor: 1 }));
    months.push({ period: '2025-07', factor: 10 });
    expect(registry.find('08', '2025-06')).not.toBe(registry.find('08', '2025-07'));
    expect(await outliersOf(months)).toEqual([]);
  }, 60_000);
});
