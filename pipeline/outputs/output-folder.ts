/**
 * The outputs of one period, replaced together. Everything is written into a staging folder
 * beside the output folder (`.<name>.staging-<pid>`), flushed to disk (every file and folder
 * fsynced), and swapped in by two renames: the old folder aside, the new one in place, then the
 * old one removed. A reader or a kill therefore never meets a new `indicators.csv` beside an old
 * `report.html`, and no temporary file is left among the outputs. The one instant between the
 * two renames leaves no folder at all; the next run puts the old one back. Staging and old
 * folders of runs that died are removed by the next run.
 *
 * Whether the outputs can be written is found out before anything is loaded (`prepare`), and a
 * write that fails later (a full disk) fails the run with the real cause, leaving the previous
 * outputs as they were.
 */
import { copyFile, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import type { Text } from '../../core/forms';
import { OutputError } from '../errors';
import { RECORD } from './up-to-date';

/** What this program writes into an output folder (a folder holding anything else is not ours to replace). */
const OUR_OUTPUTS =
  /^(indicators\.csv|values\.csv|national_.+\.xlsx|validation\.(csv|html)|report-data\.json|report\.html|bao-cao_.+\.docx|charts|phan-hoi|\.inputs\.json|.+\.\d+\.tmp)$/;

function writeProblem(err: unknown): Text {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ENOSPC') return { vi: 'đĩa đã đầy', en: 'no space left on the disk' };
  if (code === 'EDQUOT') return { vi: 'đã hết hạn mức dung lượng', en: 'disk quota exceeded' };
  if (code === 'EROFS') return { vi: 'ổ đĩa chỉ cho đọc', en: 'the disk is read-only' };
  if (code === 'EACCES' || code === 'EPERM') return { vi: 'không có quyền ghi', en: 'permission denied' };
  if (code === 'ENOTDIR' || code === 'EEXIST') return { vi: 'đường dẫn là một tệp, không phải thư mục', en: 'the path is a file, not a folder' };
  return { vi: `lỗi hệ thống (${code})`, en: `system error (${code})` };
}

/** A filesystem error (it has an errno code) met while writing the outputs into `where`. */
function cannotWrite(where: string, err: unknown): OutputError {
  const why = writeProblem(err);
  return new OutputError(
    `Không ghi được kết quả vào ${where}: ${why.vi}; kết quả cũ (nếu có) được giữ nguyên / ` +
      `Cannot write the outputs to ${where}: ${why.en}; the previous outputs, if any, are kept`,
  );
}

/** Node's filesystem errors carry the failed system call (DuckDB's and the program's own do not). */
const isFsError = (err: unknown) => typeof (err as NodeJS.ErrnoException)?.syscall === 'string';

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const exists = (path: string) => stat(path).then(
  () => true,
  () => false,
);

async function fsyncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Every file and folder under `dir` (and `dir` itself) flushed to disk. The files are synced all
 * at once (the filesystem groups them into few journal commits), the folders after their files.
 * Windows cannot open a folder to sync it; its files are synced all the same.
 */
async function fsyncTree(dir: string): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  await Promise.all(entries.map((e) => (e.isDirectory() ? fsyncTree(join(dir, e.name)) : fsyncPath(join(dir, e.name)))));
  if (process.platform !== 'win32') await fsyncPath(dir);
}

export class OutputFolder {
  private constructor(
    /** Where the outputs end up. */
    readonly dir: string,
    /** Where they are written meanwhile. */
    readonly staging: string,
  ) {}

  /**
   * Checks that `dir` can be replaced and its parent written (the staging folder is made there),
   * after clearing what runs that died left behind. Throws `OutputError` when it cannot.
   */
  static async prepare(dir: string): Promise<OutputFolder> {
    const parent = dirname(dir);
    const name = basename(dir);
    let present: string[];
    try {
      await mkdir(parent, { recursive: true });
      await OutputFolder.recover(parent, name);
      present = (await exists(dir)) ? await readdir(dir) : [];
    } catch (err) {
      throw cannotWrite(dir, err);
    }
    if (!present.includes(RECORD) && !present.every((n) => OUR_OUTPUTS.test(n))) {
      throw new OutputError(
        `Thư mục kết quả ${dir} đang chứa tệp khác; kết quả được thay toàn bộ ở mỗi lần chạy nên hãy chọn một thư mục mới hoặc trống (--out) / ` +
          `The output folder ${dir} holds other files; outputs replace it whole at every run, so choose a new or empty folder (--out)`,
      );
    }
    const staging = join(parent, `.${name}.staging-${process.pid}`);
    try {
      await rm(staging, { recursive: true, force: true });
      await mkdir(staging);
    } catch (err) {
      throw cannotWrite(dir, err);
    }
    return new OutputFolder(dir, staging);
  }

  /** Leftovers of dead runs: an old folder put back if the swap was cut short, the rest removed. */
  private static async recover(parent: string, name: string): Promise<void> {
    const leftover = new RegExp(`^\\.${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(staging|old)-(\\d+)$`);
    const entries = await readdir(parent);
    for (const entry of entries) {
      const m = leftover.exec(entry);
      if (!m || isAlive(Number(m[2]))) continue;
      if (m[1] === 'old' && !entries.includes(name)) await rename(join(parent, entry), join(parent, name));
      else await rm(join(parent, entry), { recursive: true, force: true });
    }
  }

  /** Where an output named `name` (`charts/x.svg`…) is written until the swap. */
  path(name: string): string {
    return join(this.staging, name);
  }

  /** Where a staged path will be once the outputs are swapped in. */
  finalPath(stagedPath: string): string {
    return join(this.dir, relative(this.staging, stagedPath));
  }

  /**
   * Copies the previous outputs' `sub` folder into the staging folder, for what can be reused
   * rather than made again (the charts: a PNG is drawn only when its SVG changed).
   */
  async carryOver(sub: string): Promise<void> {
    const from = join(this.dir, sub);
    const names = await readdir(from).catch(() => [] as string[]);
    if (names.length === 0) return;
    await mkdir(this.path(sub), { recursive: true });
    for (const n of names.filter((x) => !x.endsWith('.tmp'))) await copyFile(join(from, n), join(this.path(sub), n));
  }

  /** Flushes the staged outputs to disk and swaps them in for the previous ones. */
  async commit(): Promise<void> {
    const parent = dirname(this.dir);
    const old = join(parent, `.${basename(this.dir)}.old-${process.pid}`);
    let movedAside = false;
    try {
      await fsyncTree(this.staging);
      if (await exists(this.dir)) {
        await rename(this.dir, old);
        movedAside = true;
      }
      await rename(this.staging, this.dir);
    } catch (err) {
      if (movedAside) await rename(old, this.dir).catch(() => undefined);
      await this.discard();
      throw cannotWrite(this.dir, err);
    }
    // Swapped in: what is left is tidying, which the next run would finish anyway.
    if (process.platform !== 'win32') await fsyncPath(parent).catch(() => undefined);
    if (movedAside) await rm(old, { recursive: true, force: true }).catch(() => undefined);
  }

  /** Removes the staged outputs (the run failed): the previous outputs stay as they were. */
  async discard(): Promise<void> {
    await rm(this.staging, { recursive: true, force: true }).catch(() => undefined);
  }

  /** An error met while writing into the staging folder, as the user should read it. */
  failure(err: unknown): unknown {
    return isFsError(err) ? cannotWrite(this.dir, err) : err;
  }
}
