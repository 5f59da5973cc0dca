/** Writes a sample set as workbooks under one folder (`data/samples/` by default). */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isPeriodCode, parsePeriod } from '../../core/periods';
import type { TargetTable } from '../../core/targets';
import type { UnitRegistry } from '../../core/units';
import { writeSubmissionWorkbook } from '../../core/xlsx';
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

/** Removes the period folders of an earlier run (only folders named like a period), so no stale file survives. */
function clearPeriodFolders(outDir: string): void {
  for (const entry of readdirSync(outDir, { withFileTypes: true })) {
    if (entry.isDirectory() && isPeriodCode(entry.name)) rmSync(join(outDir, entry.name), { recursive: true });
  }
}

/** Writes every file and the README; returns the bytes written. */
export async function writeSampleSet(set: SampleSet, registry: UnitRegistry, targets: TargetTable, outDir: string): Promise<number> {
  mkdirSync(outDir, { recursive: true });
  clearPeriodFolders(outDir);
  let bytes = 0;
  for (const f of set.files) {
    const data = await sampleWorkbook(f, registry, targets);
    mkdirSync(dirname(join(outDir, f.file)), { recursive: true });
    writeFileSync(join(outDir, f.file), data);
    bytes += data.byteLength;
  }
  writeFileSync(join(outDir, 'README.md'), samplesReadme(set), 'utf8');
  return bytes;
}
