/** Finding the files of a batch, and the periods of the bundled samples. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Text } from '../../core/forms';
import { comparePeriods, isPeriodCode, parsePeriod, type Period } from '../../core/periods';
import type { Issue } from '../../core/submission';
import { fileKind, isReportKind } from './file-kind';
import { lockFile, notAReport } from './file-rules';
import { walkFolder } from './walk';

export interface InputFile {
  /** What to open: bytes for what the walk found (names need not be UTF-8), a string for a path given. */
  path: Buffer | string;
  /** Relative to the input folder, with `/` separators: how the file is named in reports. */
  name: string;
  /** Why it is not read at all (a folder, a pipe, a link out of the folder…): refused with P02. */
  problem?: Text;
}

export const IS_FOLDER: Text = { vi: 'đây là một thư mục, không phải tệp', en: 'it is a directory, not a file' };

/**
 * Every file under `dir` (subfolders included, `walk.ts`), in name order so that a batch is
 * processed the same way every time. Nothing is left out here: file-kind.ts says which are
 * reports and which are listed as skipped (lock files, other documents). Listed with the reason
 * they are not read, so that they are reported rather than silently ignored: a folder named like
 * a report, an entry that is not a regular file or links out of the folder, and every subfolder
 * that could not be walked (it may hold reports, whatever its name).
 */
export function listWorkbooks(dir: string): InputFile[] {
  const found: InputFile[] = [];
  for (const entry of walkFolder(dir)) {
    const { path, name } = entry;
    if (entry.kind === 'file') found.push({ path, name });
    else if (entry.kind === 'folder') {
      if (isReportKind(fileKind(name))) found.push({ path, name, problem: IS_FOLDER });
    } else found.push({ path, name, problem: entry.reason });
  }
  return found.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** A folder's files split into the reports to judge and the rest, each with why it is skipped. */
export function sortFolder(files: readonly InputFile[]): { reports: InputFile[]; skipped: { file: InputFile; issue: Issue }[] } {
  const reports: InputFile[] = [];
  const skipped: { file: InputFile; issue: Issue }[] = [];
  for (const file of files) {
    const kind = fileKind(file.name);
    // What could not be read is refused (P02) when it is, or may hold, a report.
    const unreadFolder = file.problem !== undefined && file.name.endsWith('/');
    if (isReportKind(kind) || unreadFolder) reports.push(file);
    else skipped.push({ file, issue: { ...(kind === 'lock' ? lockFile() : notAReport()), file: file.name } });
  }
  return { reports, skipped };
}

/** Subfolders of `samplesDir` named after a period, in period order (2026-06 before 2026-H1). */
export function periodFolders(samplesDir: string): { period: Period; dir: string }[] {
  return readdirSync(samplesDir)
    .filter((name) => isPeriodCode(name) && statSync(join(samplesDir, name)).isDirectory())
    .map((name) => ({ period: parsePeriod(name), dir: join(samplesDir, name) }))
    .sort((a, b) => comparePeriods(a.period, b.period));
}
