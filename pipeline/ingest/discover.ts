/** Finding the files of a batch, and the periods of the bundled samples. */
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { comparePeriods, isPeriodCode, parsePeriod, type Period } from '../../core/periods';
import type { Issue } from '../../core/submission';
import { fileKind, isReportKind } from './file-kind';
import { lockFile, notAReport } from './file-rules';

export interface InputFile {
  path: string;
  /** Relative to the input folder, with `/` separators: how the file is named in reports. */
  name: string;
}

/**
 * Every file under `dir` (subfolders included), in name order so that a batch is processed the
 * same way every time. Nothing is left out here: file-kind.ts says which are reports and which
 * are listed as skipped (lock files, other documents). A folder named `*.xlsx` is listed, so that
 * it is reported rather than silently ignored.
 */
export function listWorkbooks(dir: string): InputFile[] {
  const found: InputFile[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      const isWorkbookName = isReportKind(fileKind(entry.name));
      if (entry.isDirectory() && !isWorkbookName) walk(path);
      else found.push({ path, name: relative(dir, path).split(sep).join('/') });
    }
  };
  walk(dir);
  return found.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** A folder's files split into the reports to judge and the rest, each with why it is skipped. */
export function sortFolder(files: readonly InputFile[]): { reports: InputFile[]; skipped: { file: InputFile; issue: Issue }[] } {
  const reports: InputFile[] = [];
  const skipped: { file: InputFile; issue: Issue }[] = [];
  for (const file of files) {
    const kind = fileKind(file.name);
    if (isReportKind(kind)) reports.push(file);
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
