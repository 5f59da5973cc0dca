/** Running the pipeline as its users do (the CLI, in a child process) on files written to a temp dir. */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseCsv } from '../../core/csv';
import type { Submission } from '../../core/submission';
import { writeSubmissionWorkbook } from '../../core/xlsx';
import { DATA_DIR, loadRegistry, loadTargets, PROJECT_ROOT } from '../../pipeline/reference';
import { Warehouse } from '../../pipeline/warehouse/warehouse';

export const registry = loadRegistry();
export const targets = loadTargets();

/** The compiled CLI, as `npm run consolidate` / `check` run it (built on first use). */
export const CLI = join(PROJECT_ROOT, 'scripts', 'cli.mjs');
/** Node itself runs the launcher and the CLI in one process: a signal sent to it reaches the CLI. */
export const NODE_ARGS = [CLI];

const made: string[] = [];
// Every test file that makes temp folders here has them removed when its tests are done: by `rm`
// where fs.rmSync cannot (a folder nested past what one system call's path takes).
afterAll(() => {
  for (const dir of made.splice(0)) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      spawnSync('rm', ['-rf', dir]);
    }
  }
});

/** A new folder under the system's temp folder, removed after the test file's last test. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `bhxh-${prefix}-`));
  made.push(dir);
  return dir;
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `wrap` runs the CLI through another command (e.g. as another user: tests/support/faults.ts). */
export function runCli(args: string[], wrap?: (command: string, args: string[]) => [string, string[]]): CliRun {
  const [command, all] = (wrap ?? ((c, a) => [c, a]))(process.execPath, [...NODE_ARGS, ...args]);
  const r = spawnSync(command, all, { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Writes a submission as a province would send it: `<dir>/<unit>_<period>[_vN].xlsx`. */
export async function writeProvinceFile(dir: string, sub: Submission, version = 1): Promise<string> {
  const path = join(dir, `${sub.unitCode}_${sub.period}${version > 1 ? `_v${version}` : ''}.xlsx`);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, await writeSubmissionWorkbook(sub, registry));
  return path;
}

/** The first `count` bundled March sample files, copied into `dest` (a small, fixed batch). */
export function copySamples(dest: string, count: number): void {
  const samples = join(DATA_DIR, 'samples', '2026-03');
  mkdirSync(dest, { recursive: true });
  for (const name of readdirSync(samples).slice(0, count)) copyFileSync(join(samples, name), join(dest, name));
}

export function readCsv(path: string): Record<string, string>[] {
  return parseCsv(readFileSync(path, 'utf8'));
}

/** Opens a warehouse the CLI wrote (after it exited), runs `fn`, closes it. */
export async function withWarehouse<T>(path: string, fn: (wh: Warehouse) => Promise<T>): Promise<T> {
  const wh = await Warehouse.open(path);
  try {
    return await fn(wh);
  } finally {
    wh.close();
  }
}

/** Row counts of every warehouse table. */
export async function tableCounts(wh: Warehouse): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of ['submissions', 'submission_values', 'issues']) {
    const [row] = await wh.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${table}`);
    out[table] = row.n;
  }
  return out;
}
