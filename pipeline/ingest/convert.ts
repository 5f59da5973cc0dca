/**
 * .ods and .xls files converted to .xlsx by LibreOffice, so that they are read by the same
 * reader as every other report. All the files of a batch go through one `soffice` run (starting
 * LibreOffice costs seconds), in a private temporary folder and profile: the originals are never
 * touched and nothing is left behind. Without LibreOffice the files are refused with how to save
 * them as .xlsx.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { Text } from '../../core/forms';

/** Generous: a batch of files on a slow machine; LibreOffice's first start alone takes seconds. */
const CONVERT_TIMEOUT_MS = 10 * 60_000;

/** The LibreOffice program to convert with, or why there is none (the .ods and .xls files' message says it). */
export type LibreOffice = { program: string } | { missing: Text };

export const NOT_INSTALLED: Text = { vi: 'máy này không có LibreOffice để chuyển đổi', en: 'LibreOffice is not installed on this machine to convert it' };

/**
 * The LibreOffice program: `BHXH_SOFFICE` when set (an installation outside PATH, or `none` to
 * do without), else `soffice` found on PATH.
 */
export function libreOfficeProgram(env: NodeJS.ProcessEnv = process.env): LibreOffice {
  const set = env.BHXH_SOFFICE;
  if (set === 'none') return { missing: NOT_INSTALLED };
  if (set !== undefined && set !== '') {
    return isExecutable(set)
      ? { program: set }
      : {
          missing: {
            vi: `BHXH_SOFFICE=${set} không chạy được (không có tệp đó, hoặc tệp không có quyền chạy); sửa biến này hoặc bỏ nó để tìm soffice trên PATH`,
            en: `BHXH_SOFFICE=${set} cannot be run (no such file, or it is not executable); fix the variable, or unset it to find soffice on PATH`,
          },
        };
  }
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'soffice');
    if (dir && isExecutable(candidate)) return { program: candidate };
  }
  return { missing: NOT_INSTALLED };
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export type Conversion = { data: Uint8Array } | { failure: Text };

/**
 * Converts the files at `paths` to .xlsx in one LibreOffice run; the answer maps each path to
 * the converted bytes or to why it could not be converted.
 */
export async function convertToXlsx<P extends string | Buffer>(paths: readonly P[], program: string): Promise<Map<P, Conversion>> {
  const out = new Map<P, Conversion>();
  if (paths.length === 0) return out;
  const work = mkdtempSync(join(tmpdir(), 'bhxh-convert-'));
  try {
    // Copies under plain numbered names: odd or clashing file names never reach the command line.
    const inputs: string[] = [];
    paths.forEach((path, i) => {
      const copy = join(work, `${i}${extname(path.toString()).toLowerCase()}`);
      try {
        copyFileSync(path, copy);
        inputs.push(copy);
      } catch {
        out.set(path, { failure: { vi: 'không sao chép được tệp để chuyển đổi', en: 'the file could not be copied for conversion' } });
      }
    });
    const outDir = join(work, 'out');
    let ran: Text | null = null;
    if (inputs.length > 0) {
      try {
        await promisify(execFile)(
          program,
          [`-env:UserInstallation=${pathToFileURL(join(work, 'profile')).href}`, '--headless', '--norestore', '--convert-to', 'xlsx', '--outdir', outDir, ...inputs],
          { timeout: CONVERT_TIMEOUT_MS },
        );
      } catch (err) {
        const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
        ran = { vi: `LibreOffice không chạy được (${reason})`, en: `LibreOffice failed (${reason})` };
      }
    }
    paths.forEach((path, i) => {
      if (out.has(path)) return;
      const converted = join(outDir, `${i}.xlsx`);
      if (existsSync(converted)) out.set(path, { data: readFileSync(converted) });
      else out.set(path, { failure: ran ?? { vi: 'LibreOffice không chuyển đổi được tệp (tệp hỏng hoặc có mật khẩu?)', en: 'LibreOffice could not convert the file (damaged or password-protected?)' } });
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return out;
}
