/**
 * The warehouse under real faults: a damaged file, a file another process holds, a disk that
 * fills up during a COMMIT and during the checkpoint at the end. Each is named for what it is
 * (in Vietnamese, then English), fails the run, and loses nothing already committed.
 */
import { closeSync, copyFileSync, fstatSync, openSync, readdirSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR } from '../../pipeline/reference';
import { Warehouse } from '../../pipeline/warehouse/warehouse';
import { describeAsRoot, mountTmpfs } from '../support/faults';
import { runCli, tempDir, withWarehouse } from './helpers';

const SAMPLES = join(DATA_DIR, 'samples', '2026-03');
const noStackTrace = (text: string) => expect(text).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);

const dir = tempDir('wh-faults');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const consolidate = (db: string, out = join(dir, 'out')) => runCli(['consolidate', SAMPLES, '--period', '2026-03', '--db', db, '--out', out, '--no-report']);

test('a damaged warehouse is called damaged, with how to rebuild it, not "in use"', async () => {
  const db = join(dir, 'damaged.duckdb');
  const wh = await Warehouse.open(db);
  await wh.checkpoint();
  wh.close();
  // Garbage inside every block after the file headers: the block checksums no longer match.
  const fd = openSync(db, 'r+');
  for (let at = 12288 + 64; at < fstatSync(fd).size; at += 262144) writeSync(fd, Buffer.alloc(32, 0x5a), 0, 32, at);
  closeSync(fd);
  const run = consolidate(db);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain(`Kho dữ liệu ${db} bị hỏng`);
  expect(run.stderr).toContain('is damaged');
  expect(run.stderr).toContain('consolidate every period again from the province folders');
  expect(run.stderr).not.toContain('in use');
  noStackTrace(run.stderr);
});

test('a warehouse whose submissions table has its columns in another order is refused, not written into the wrong ones', async () => {
  const db = join(dir, 'reordered.duckdb');
  const wh = await Warehouse.open(db);
  // Dropped and added again: the column moves to the end of the table.
  await wh.run('ALTER TABLE submissions DROP COLUMN override_reason');
  await wh.run('ALTER TABLE submissions ADD COLUMN override_reason VARCHAR');
  wh.close();
  await expect(Warehouse.open(db)).rejects.toThrow(/có các cột khác với chương trình.*\/ The warehouse's submissions table has other columns than this program writes/s);
  const run = consolidate(db);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('use --db with a new file');
  noStackTrace(run.stderr);
});

test('a warehouse held by another process is "in use"', async () => {
  const db = join(dir, 'held.duckdb');
  const holder = await Warehouse.open(db);
  try {
    const run = consolidate(db);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('đang được một tiến trình khác sử dụng / The warehouse');
    expect(run.stderr).toContain('is in use by another process');
  } finally {
    holder.close();
  }
});

describeAsRoot()('a full disk under the warehouse', () => {
  /** The warehouse on a 4 MB tmpfs with `freeKb` left: DuckDB meets ENOSPC as on a real disk. */
  function onFullDisk(freeKb: number, then: (db: string) => void): void {
    const disk = mountTmpfs(4096);
    try {
      writeFileSync(join(disk.path, 'filler'), Buffer.alloc((4096 - freeKb) * 1024));
      then(join(disk.path, 'w.duckdb'));
    } finally {
      disk.release();
    }
  }

  test('a full disk during the loads fails the run, named, never "cannot rollback" nor a silent exit 0', () => {
    onFullDisk(64, (db) => {
      const run = consolidate(db);
      expect(run.code).toBe(2);
      // DuckDB either fails the COMMIT (named as the warehouse's problem) or never answers (the
      // run then says it stopped before it finished; Node alone would exit 0 in silence).
      expect(run.stderr).toMatch(
        new RegExp(`(Không ghi hoặc đọc được kho dữ liệu ${db} .*Failed to commit.*No space left on device|Lần chạy dừng khi chưa xong.* / The run stopped before it finished)`),
      );
      expect(run.stderr).not.toMatch(/rollback/i);
      noStackTrace(run.stderr);
    });
  });

  test('a checkpoint that fails at the end fails the run; what was committed is kept', async () => {
    onFullDisk(600, (db) => {
      const run = consolidate(db);
      // Every file was loaded (the summary is printed) before the checkpoint ran out of space.
      expect(run.stdout).toContain('Kỳ 2026-03: 34 tệp');
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/checkpoint.*No space left on device/);
      noStackTrace(run.stderr);
      for (const name of readdirSync(join(db, '..')).filter((n) => n.startsWith('w.duckdb'))) copyFileSync(join(db, '..', name), join(dir, name));
    });
    await withWarehouse(join(dir, 'w.duckdb'), async (wh) => {
      const [{ n }] = await wh.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM submissions`);
      expect(n).toBe(34);
    });
  });
});
