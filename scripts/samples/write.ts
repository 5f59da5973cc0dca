/**
 * Writes a sample set as workbooks under one folder (`data/samples/` by default). A workbook that
 * already holds the same figures is left as it is: ExcelJS stamps every file with the time it
 * was written, and a rerun should change only the files whose figures changed.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { isPeriodCode, parsePeriod } from '../../core/periods';
import type { TargetTable } from '../../core/targets';
import type { UnitRegistry } from '../../core/units';
import type { Submission } from '../../core/submission';
import { readWorkbookFile, writeSubmissionWorkbook } from '../../core/xlsx';
import { samplesReadme } from './readme';
import type { SampleFile, SampleSet } from './sample-set';

export const SAMPLE_GENERATOR = 'bhxh-truyen-thong/generate-samples';

export async function sampleWorkbook(f: SampleFile, registry: UnitRegistry, targets: TargetTable): Promise<Uint8Array> {
  const period = parsePeriod(f.submission.period);
  return writeSubmissionWorkbook(f.submission, registry, {
    targetOf: (code) => targets.targetOfRow(code, period),
    generator: SAMPLE_GENERATOR,
  });
}

/** Removes what an earlier run left in the period folders (only folders named like a period) and the set no longer holds. */
function removeStale(outDir: string, keep: ReadonlySet<string>): void {
  for (const entry of readdirSync(outDir, { withFileTypes: true })) {
    if (!entry.isDirectory() || !isPeriodCode(entry.name)) continue;
    const dir = join(outDir, entry.name);
    for (const name of readdirSync(dir)) if (!keep.has(`${entry.name}/${name}`)) rmSync(join(dir, name), { recursive: true });
    if (readdirSync(dir).length === 0) rmdirSync(dir);
  }
}

/** What a reader gets from a sample workbook: its unit, period, date, rows (code, sheet row, values), totals and targets. */
export function sampleContent(s: Submission) {
  return {
    unitCode: s.unitCode,
    period: s.period,
    reportDate: s.reportDate,
    forms: Object.fromEntries(
      Object.entries(s.forms).map(([id, t]) => [id, { rows: t!.rows.map((r) => [r.unitCode, r.sheetRow, r.values]), total: t!.total!.values }]),
    ),
    targets: s.targets?.map((t) => [t.code, t.sheetRow, t.total, t.achieved]) ?? null,
  };
}

/** The workbook at `path` reads back, without a single issue, as exactly this submission. */
async function holds(path: string, s: Submission): Promise<boolean> {
  if (!existsSync(path)) return false;
  const { submission, issues } = await readWorkbookFile(readFileSync(path), path);
  return issues.length === 0 && submission !== null && isDeepStrictEqual(sampleContent(submission), sampleContent(s));
}

/** Writes every changed file and the README; returns how many files were written and their bytes. */
export async function writeSampleSet(set: SampleSet, registry: UnitRegistry, targets: TargetTable, outDir: string): Promise<{ written: number; bytes: number }> {
  mkdirSync(outDir, { recursive: true });
  removeStale(outDir, new Set(set.files.map((f) => f.file)));
  let written = 0;
  let bytes = 0;
  for (const f of set.files) {
    const path = join(outDir, f.file);
    if (await holds(path, f.submission)) continue;
    const data = await sampleWorkbook(f, registry, targets);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, data);
    written++;
    bytes += data.byteLength;
  }
  writeFileSync(join(outDir, 'README.md'), samplesReadme(set), 'utf8');
  return { written, bytes };
}
