/** Finding the files of a batch, and the periods of the bundled samples. */
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { comparePeriods, isPeriodCode, parsePeriod, type Period } from '../../core/periods';

export interface InputFile {
  path: string;
  /** Relative to the input folder, with `/` separators: how the file is named in reports. */
  name: string;
}

/**
 * Every `.xlsx` under `dir` (subfolders included), in name order so that a batch is processed
 * the same way every time. Excel's lock files (`~$…`) and hidden files are skipped; a folder
 * named `*.xlsx` is listed, so that it is reported rather than silently ignored.
 */
export function listWorkbooks(dir: string): InputFile[] {
  const found: InputFile[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.name.startsWith('~$') || entry.name.startsWith('.')) continue;
      const path = join(folder, entry.name);
      const isWorkbookName = /\.xlsx$/i.test(entry.name);
      if (entry.isDirectory() && !isWorkbookName) walk(path);
      else if (isWorkbookName) found.push({ path, name: relative(dir, path).split(sep).join('/') });
    }
  };
  walk(dir);
  return found.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Subfolders of `samplesDir` named after a period, in period order (2026-06 before 2026-H1). */
export function periodFolders(samplesDir: string): { period: Period; dir: string }[] {
  return readdirSync(samplesDir)
    .filter((name) => isPeriodCode(name) && statSync(join(samplesDir, name)).isDirectory())
    .map((name) => ({ period: parsePeriod(name), dir: join(samplesDir, name) }))
    .sort((a, b) => comparePeriods(a.period, b.period));
}
