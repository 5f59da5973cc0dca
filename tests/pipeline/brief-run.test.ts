/**
 * A command of one period starts every thread with the brief run's limits (pipeline/worker-thread.ts
 * BRIEF_RUN_LIMITS): each thread writes the limits it runs with, through a module every thread of
 * the CLI loads first (`--require` passes to worker threads).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BRIEF_RUN_LIMITS } from '../../pipeline/worker-thread';
import { CLI, copySamples, tempDir } from './helpers';
import { PROJECT_ROOT } from '../../pipeline/reference';

test("one period's folder: the judging thread and both render threads run with the brief run's young generation", () => {
  const dir = tempDir('brief-run');
  const input = join(dir, 'in');
  copySamples(input, 3);
  const spy = join(dir, 'limits.cjs');
  const heard = join(dir, 'limits.jsonl');
  writeFileSync(
    spy,
    `const wt = require('node:worker_threads');\nif (!wt.isMainThread) require('node:fs').appendFileSync(${JSON.stringify(heard)}, JSON.stringify(wt.resourceLimits) + '\\n');\n`,
  );
  writeFileSync(heard, '');
  const run = spawnSync(process.execPath, ['--require', spy, CLI, 'consolidate', input, '--period', '2026-03', '--db', join(dir, 'w.duckdb'), '--out', join(dir, 'out')], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
  expect(run.stderr).not.toContain('Unexpected error');
  expect(run.status).toBe(0);
  const limits = readFileSync(heard, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { maxYoungGenerationSizeMb: number });
  // The judging thread (one on two cores, more on more), the workbooks' and the report's.
  expect(limits.length).toBeGreaterThanOrEqual(3);
  expect(limits.map((l) => l.maxYoungGenerationSizeMb)).toEqual(limits.map(() => BRIEF_RUN_LIMITS.maxYoungGenerationSizeMb));
});
