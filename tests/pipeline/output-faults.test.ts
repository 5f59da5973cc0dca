/**
 * The outputs of a period under real faults: a disk that fills up while they are written (a
 * small tmpfs), a read-only disk (a tmpfs mounted `ro`) and a folder the user may not write, a
 * consolidation killed (SIGKILL) while writing them, and the leftovers of a kill between the two
 * renames of the swap. The previous outputs survive whole, no temporary file stays behind, the
 * run fails naming the cause, and what the outputs reuse (the charts' PNGs) still is reused.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { OutputFolder } from '../../pipeline/outputs/output-folder';
import { PROJECT_ROOT } from '../../pipeline/reference';
import { renderReport } from '../../pipeline/outputs/report/draw';
import { makeReportData } from '../charts/fixture';
import { asNobody, describeAsRoot, giveToNobody, mountTmpfs, remountReadOnly } from '../support/faults';
import { copySamples, NODE_ARGS, runCli, tempDir, withWarehouse } from './helpers';

const dir = tempDir('out-faults');
const input = join(dir, 'in');
beforeAll(() => copySamples(input, 4));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const consolidateArgs = (db: string, out: string, report = false) => ['consolidate', input, '--period', '2026-03', '--db', db, '--out', out, ...(report ? [] : ['--no-report'])];

/** Every file under `root` with its bytes, by relative path. */
function snapshot(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(root, path)] = readFileSync(path).toString('base64');
    }
  };
  walk(root);
  return files;
}

const bytesOf = (files: Record<string, string>) => Object.values(files).reduce((n, b) => n + Buffer.from(b, 'base64').length, 0);

/** A pid that no process has now. */
const deadPid = () => spawnSync('true').pid;

test('a consolidation killed while writing its outputs leaves the previous ones whole', async () => {
  const parent = join(dir, 'killed');
  const out = join(parent, '2026-03');
  const db = join(dir, 'killed.duckdb');
  expect(runCli(consolidateArgs(db, out)).code).toBe(0);
  const before = snapshot(out);
  // Killed once the new indicators.csv is staged, while the rest is still being written.
  const killed = await new Promise<boolean>((resolve, reject) => {
    const child = spawn(process.execPath, [...NODE_ARGS, ...consolidateArgs(db, out, true)], { cwd: PROJECT_ROOT, stdio: 'ignore' });
    const poll = setInterval(() => {
      const staging = readdirSync(parent).find((n) => n.startsWith('.2026-03.staging-'));
      if (staging && existsSync(join(parent, staging, 'indicators.csv'))) {
        clearInterval(poll);
        child.kill('SIGKILL');
      }
    }, 5);
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      clearInterval(poll);
      resolve(signal === 'SIGKILL');
    });
  });
  expect(killed).toBe(true);
  expect(snapshot(out)).toEqual(before);
  // The next run clears what the killed one left and replaces the outputs.
  expect(runCli(consolidateArgs(db, out, true)).code).toBe(0);
  expect(readdirSync(parent)).toEqual(['2026-03']);
  expect(readdirSync(out)).toEqual(expect.arrayContaining(['report.html', 'bao-cao_2026-03.docx', 'charts', 'phan-hoi', 'values.csv', '.inputs.json']));
  expect(readdirSync(out).filter((n) => n.endsWith('.tmp'))).toEqual([]);

  // A rebuilt period still reuses the PNG of a chart whose SVG did not change.
  const png = join(out, 'charts', readdirSync(join(out, 'charts')).find((n) => n.endsWith('.png'))!);
  writeFileSync(png, 'not redrawn');
  expect(runCli(consolidateArgs(db, out, true)).code).toBe(0);
  expect(readFileSync(png, 'utf8')).toBe('not redrawn');
}, 300_000);

describe('the output folder', () => {
  test('a swap cut short between its two renames is undone by the next run', async () => {
    const parent = join(dir, 'swap');
    mkdirSync(join(parent, '2026-03'), { recursive: true });
    writeFileSync(join(parent, '2026-03', 'indicators.csv'), 'old');
    const pid = deadPid();
    renameSync(join(parent, '2026-03'), join(parent, `.2026-03.old-${pid}`));
    mkdirSync(join(parent, `.2026-03.staging-${pid}`));
    const folder = await OutputFolder.prepare(join(parent, '2026-03'));
    expect(readFileSync(join(parent, '2026-03', 'indicators.csv'), 'utf8')).toBe('old');
    expect(readdirSync(parent).sort()).toEqual([`.2026-03.staging-${process.pid}`, '2026-03']);
    await folder.discard();
  });

  test('a folder holding other files is not replaced', async () => {
    const mine = join(dir, 'documents');
    mkdirSync(mine);
    writeFileSync(join(mine, 'letter.docx'), 'keep me');
    await expect(OutputFolder.prepare(mine)).rejects.toThrow(/đang chứa tệp khác.*holds other files/);
    expect(readdirSync(mine)).toEqual(['letter.docx']);
  });

  test('an output path that is a file is said so', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    await expect(OutputFolder.prepare(file)).rejects.toThrow(`Không ghi được kết quả vào ${file}: đường dẫn là một tệp, không phải thư mục`);
  });
});

describeAsRoot()('outputs on a faulty disk', () => {
  test('a disk that fills up while the outputs are written fails the run; the previous outputs stay whole, no temp file', () => {
    const disk = mountTmpfs(4096);
    try {
      const out = join(disk.path, '2026-03');
      const db = join(dir, 'full.duckdb');
      expect(runCli(consolidateArgs(db, out)).code).toBe(0);
      const before = snapshot(out);
      // Room for the data outputs a second time and a little more, not for the charts, the report and the Word draft.
      writeFileSync(join(disk.path, 'filler'), Buffer.alloc(4096 * 1024 - 2 * bytesOf(before) - 160 * 1024));
      const run = runCli(consolidateArgs(db, out, true));
      expect(run.stderr).toContain(
        `Không ghi được kết quả vào ${out}: đĩa đã đầy; kết quả cũ (nếu có) được giữ nguyên / Cannot write the outputs to ${out}: no space left on the disk`,
      );
      expect(run.code).toBe(2);
      expect(snapshot(out)).toEqual(before);
      expect(readdirSync(disk.path).sort()).toEqual(['2026-03', 'filler']);
    } finally {
      disk.release();
    }
  }, 300_000);

  test('a chart that cannot be written fails the report; it is not a drawing warning', async () => {
    const out = join(dir, 'charts-full');
    mkdirSync(out);
    const disk = mountTmpfs(64);
    try {
      writeFileSync(join(disk.path, 'filler'), Buffer.alloc(56 * 1024));
      symlinkSync(disk.path, join(out, 'charts'));
      await expect(renderReport(out, makeReportData({ period: '2026-H1' }))).rejects.toThrow(/ENOSPC/);
      expect(existsSync(join(out, 'report.html'))).toBe(false);
      expect(readdirSync(disk.path)).toEqual(['filler']);
    } finally {
      disk.release();
    }
  });

  test('a read-only output disk, or a folder the user may not write, is found before anything is loaded', async () => {
    const disk = mountTmpfs(1024);
    try {
      remountReadOnly(disk);
      const db = join(dir, 'ro.duckdb');
      const run = runCli(consolidateArgs(db, join(disk.path, '2026-03')));
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^Không ghi được kết quả vào .*: ổ đĩa chỉ cho đọc; .* \/ Cannot write the outputs to .*: the disk is read-only/);
      const [{ n }] = await withWarehouse(db, (wh) => wh.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM submissions`));
      expect(n).toBe(0);
    } finally {
      disk.release();
    }

    // nobody runs the CLI (root writes anywhere) with a warehouse of its own and outputs under a folder it may only read.
    chmodSync(dir, 0o755);
    const work = join(dir, 'nobody');
    mkdirSync(join(work, 'locked'), { recursive: true });
    giveToNobody(work);
    chmodSync(join(work, 'locked'), 0o555);
    const db = join(work, 'w.duckdb');
    const run = runCli(consolidateArgs(db, join(work, 'locked', '2026-03')), asNobody);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^Không ghi được kết quả vào .*locked\/2026-03: không có quyền ghi; .* \/ Cannot write the outputs to .*locked\/2026-03: permission denied/);
    const [{ n }] = await withWarehouse(db, (wh) => wh.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM submissions`));
    expect(n).toBe(0);
  });
});
