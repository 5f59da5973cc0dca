/** `check`: judge files exactly as the consolidation would, without touching the warehouse. */
import { existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Period } from '../core/periods';
import type { Issue } from '../core/submission';
import type { UnitRegistry } from '../core/units';
import { NoReportFilesError, UsageError } from './errors';
import { listWorkbooks, sortFolder } from './ingest/discover';
import { judgeFile } from './ingest/judge-file';
import { convertBatch, readRaw } from './ingest/read-file';
import { createProgress, type ProgressStream } from './progress';

export interface CheckedFile {
  file: string;
  unitCode: string | null;
  period: string | null;
  reportDate: string | null;
  /** The consolidation would refuse it. */
  refused: boolean;
  /** Not a report (a lock file, another document): listed with why, not read. */
  skipped: boolean;
  issues: Issue[];
}

export async function checkFiles(target: string, registry: UnitRegistry, period: Period | null, progress?: ProgressStream): Promise<CheckedFile[]> {
  if (!existsSync(target)) throw new UsageError(`Không tìm thấy ${target} / Not found: ${target}`);
  const all = statSync(target).isDirectory() ? listWorkbooks(target) : [{ path: target, name: basename(target) }];
  const { reports: files, skipped } = sortFolder(all);
  if (files.length === 0) throw new NoReportFilesError(target);
  const conversions = await convertBatch(files);
  const bar = createProgress(files.length, 'check', progress);
  const checked: CheckedFile[] = skipped.map(({ file, issue }) => ({
    file: file.name,
    unitCode: null,
    period: null,
    reportDate: null,
    refused: false,
    skipped: true,
    issues: [issue],
  }));
  for (const f of files) {
    const judged = await judgeFile(await readRaw(f, conversions.get(f.path)), registry, period);
    checked.push({
      file: f.name,
      unitCode: judged.submission?.unitCode ?? null,
      period: judged.submission?.period ?? null,
      reportDate: judged.submission?.reportDate ?? null,
      refused: judged.refused,
      skipped: false,
      issues: judged.issues,
    });
    bar.tick(f.name, judged.refused ? 'không đạt / refused' : 'đạt / accepted', judged.refused);
  }
  bar.done();
  return checked.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** 0 when every file would be accepted without errors, else 1. */
export function checkExitCode(files: readonly CheckedFile[]): 0 | 1 {
  return files.some((f) => f.refused || f.issues.some((i) => i.severity === 'error')) ? 1 : 0;
}
