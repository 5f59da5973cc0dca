/**
 * A load interrupted at any point leaves a warehouse that opens and holds only whole
 * submissions: a consolidation process is killed (SIGKILL) at random moments while it loads,
 * the warehouse is reopened and checked, and the next run finishes the job.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { parsePeriod } from '../../core/periods';
import type { Issue } from '../../core/submission';
import { valueRows } from '../../pipeline/warehouse/load';
import { Warehouse } from '../../pipeline/warehouse/warehouse';
import { loadBatch, provinceSubmission, seededRandom } from './fixtures';
import { NODE_ARGS, registry, runCli, tempDir, withWarehouse, writeProvinceFile } from './helpers';
import { PROJECT_ROOT } from '../../pipeline/reference';

const PERIOD = parsePeriod('2026-03');

/** Whole submissions only: stored values match what each submission says it holds, no orphans. */
async function expectWhole(wh: Warehouse): Promise<number> {
  const broken = await wh.all(
    `SELECT s.id, s.value_count, count(v.submission_id)::INTEGER AS stored
     FROM submissions s LEFT JOIN submission_values v ON v.submission_id = s.id
     GROUP BY s.id, s.value_count HAVING s.value_count <> count(v.submission_id)`,
  );
  expect(broken).toEqual([]);
  for (const table of ['submission_values', 'issues']) {
    const [orphans] = await wh.all<{ n: number }>(
      `SELECT count(*)::INTEGER AS n FROM ${table} t WHERE t.submission_id IS NOT NULL AND t.submission_id NOT IN (SELECT id FROM submissions)`,
    );
    expect([table, orphans.n]).toEqual([table, 0]);
  }
  const noForms = await wh.all(`SELECT id FROM submissions WHERE status <> 'refused' AND len(forms) = 0`);
  expect(noForms).toEqual([]);
  const [{ n }] = await wh.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM submissions WHERE status = 'current'`);
  return n;
}

/** Starts a consolidation and kills it `delayMs` after its `afterLoaded`-th newly loaded file. */
function killDuringLoad(args: string[], afterLoaded: number, delayMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...NODE_ARGS, ...args], { cwd: PROJECT_ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let loaded = 0;
    let killed = false;
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      loaded += (chunk.match(/đã nạp \/ loaded/g) ?? []).length;
      if (!killed && loaded >= afterLoaded) {
        killed = true;
        setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.on('error', reject);
    child.on('exit', () => resolve(loaded));
  });
}

describe('a load killed midway', () => {
  const dir = tempDir('crash');
  const input = join(dir, 'in');
  const db = join(dir, 'warehouse.duckdb');
  const args = ['consolidate', input, '--period', PERIOD.code, '--db', db, '--out', join(dir, 'out'), '--no-report'];
  let expectedValues = 0;

  beforeAll(async () => {
    for (const [i, p] of registry.provinces(PERIOD).entries()) {
      const sub = provinceSubmission(registry, p.code, PERIOD.code, { reportDate: '2026-03-20', seed: 500 + i });
      expectedValues += valueRows(sub).length;
      await writeProvinceFile(input, sub);
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('leaves only whole submissions, and the next run completes the batch', async () => {
    const rand = seededRandom(7);
    let current = 0;
    // The first run is killed as soon as it tells of a loaded file, so that it surely stops
    // midway; the next ones at random moments (a run now loads the 34 files in well under a
    // second, so these may find the batch already whole).
    for (let round = 0; round < 3; round++) {
      await killDuringLoad(args, round === 0 ? 1 : 2 + Math.floor(rand() * 4), round === 0 ? 0 : Math.floor(rand() * 60));
      const now = await withWarehouse(db, expectWhole);
      if (round === 0) {
        expect(now).toBeGreaterThan(0);
        expect(now).toBeLessThan(34);
      }
      expect(now).toBeGreaterThanOrEqual(current);
      current = now;
    }
    const run = runCli(args);
    expect(run.code).toBe(0);
    await withWarehouse(db, async (wh) => {
      expect(await expectWhole(wh)).toBe(34);
      const [{ n }] = await wh.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM submission_values`);
      expect(n).toBe(expectedValues);
    });
  }, 120_000);

  test('a failure inside the load transaction rolls the whole file back', async () => {
    const wh = await Warehouse.open(':memory:');
    try {
      const sub = provinceSubmission(registry, '01', PERIOD.code, { reportDate: '2026-03-20', seed: 1 });
      // An issue the warehouse cannot store, met after the values went in.
      const poisoned = { rule: 'V04', severity: 'warning', sheet: null, row: null, column: null, cell: null, message: { vi: null, en: null } } as unknown as Issue;
      const file = { fileName: '01.xlsx', hash: 'h1', submission: sub, issues: [poisoned], refused: false, period: PERIOD.code, arrivedAt: null };
      await expect(loadBatch(wh, PERIOD.code, [{ file, receivedAt: new Date() }])).rejects.toThrow();
      for (const table of ['submissions', 'submission_values', 'issues']) {
        const [{ n }] = await wh.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${table}`);
        expect([table, n]).toEqual([table, 0]);
      }
      expect(await loadBatch(wh, PERIOD.code, [{ file: { ...file, issues: [] }, receivedAt: new Date() }])).toEqual(['current']);
      expect(await expectWhole(wh)).toBe(1);
    } finally {
      wh.close();
    }
  });
});
