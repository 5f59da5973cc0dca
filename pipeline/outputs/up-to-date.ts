/**
 * Periods whose inputs did not change are not consolidated again. After a consolidation has
 * written a period's outputs it records in `<out>/.inputs.json` a fingerprint of everything they
 * derive from: the folder's files (names and sha256, and the names of those that are not
 * reports), the reference data (units, targets), the program's version, the options, and the
 * warehouse's submissions of this period and of every earlier one (the checks and the report look
 * back); beside it, the size of every output file and the run's summary. A later run that finds the same fingerprint and the outputs as they were
 * skips the period: nothing judged, loaded, computed or drawn.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { comparePeriods, isPeriodCode, parsePeriod, type Period } from '../../core/periods';
import type { TargetTable } from '../../core/targets';
import type { UnitRegistry } from '../../core/units';
import type { ConsolidationSummary } from '../consolidate';
import { programVersion } from '../version';
import type { Warehouse } from '../warehouse/warehouse';
import { writeAtomic } from './write-atomic';

/** The record of what a folder's outputs derive from; every output folder has one. */
export const RECORD = '.inputs.json';

export interface PeriodInputs {
  period: Period;
  files: readonly { name: string; hash: string }[];
  /** Files of the folder that are not reports (listed in the summary). */
  others: readonly string[];
  registry: UnitRegistry;
  targets: TargetTable;
  successors: boolean;
  report: boolean;
}

interface Record {
  fingerprint: string;
  /** Every file under the output folder but this record, with its size. */
  outputs: { [path: string]: number };
  summary: ConsolidationSummary;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const referenceKeys = new WeakMap<object, string>();
function referenceKey(reference: UnitRegistry | TargetTable): string {
  let key = referenceKeys.get(reference);
  if (!key) {
    key = sha256(JSON.stringify('units' in reference ? reference.units : reference.settings));
    referenceKeys.set(reference, key);
  }
  return key;
}

/** The warehouse's submissions of `period` and of the periods before it, as one digest. */
async function warehouseKey(wh: Warehouse, period: Period): Promise<string> {
  const rows = await wh.all<{ period: string; n: number; last: number; digest: string }>(
    `SELECT period, count(*)::INTEGER AS n, max(id)::INTEGER AS last, sum(hash(id, status, file_hash))::VARCHAR AS digest
     FROM submissions GROUP BY period ORDER BY period`,
  );
  const relevant = rows.filter((r) => !isPeriodCode(r.period) || comparePeriods(parsePeriod(r.period), period) <= 0);
  return sha256(JSON.stringify(relevant));
}

export async function periodFingerprint(wh: Warehouse, inputs: PeriodInputs): Promise<string> {
  return sha256(
    JSON.stringify({
      period: inputs.period.code,
      version: programVersion(),
      files: inputs.files.map((f) => [f.name, f.hash]),
      others: inputs.others,
      units: referenceKey(inputs.registry),
      targets: referenceKey(inputs.targets),
      successors: inputs.successors,
      report: inputs.report,
      warehouse: await warehouseKey(wh, inputs.period),
    }),
  );
}

async function outputSizes(outDir: string): Promise<Record['outputs']> {
  const sizes: Record['outputs'] = {};
  const entries = await readdir(outDir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile() || entry.name === RECORD) continue;
    const path = join(entry.parentPath, entry.name);
    sizes[relative(outDir, path)] = (await stat(path)).size;
  }
  return sizes;
}

/** Records that the outputs in `outDir` are those of `fingerprint` (written last, after them). */
export async function recordOutputs(outDir: string, fingerprint: string, summary: ConsolidationSummary): Promise<void> {
  const record: Record = { fingerprint, outputs: await outputSizes(outDir), summary };
  await writeAtomic(join(outDir, RECORD), JSON.stringify(record) + '\n');
}

/**
 * The summary of the run that made the outputs in `outDir`, when they are those of `fingerprint`
 * and every one of them is still there as it was written; else null (the period is rebuilt).
 */
export async function keptOutputs(outDir: string, fingerprint: string, inputDir: string): Promise<ConsolidationSummary | null> {
  let record: Record;
  try {
    record = JSON.parse(await readFile(join(outDir, RECORD), 'utf8')) as Record;
  } catch {
    return null;
  }
  if (record.fingerprint !== fingerprint) return null;
  const sizes = await outputSizes(outDir);
  const expected = Object.entries(record.outputs);
  if (Object.keys(sizes).length !== expected.length || expected.some(([path, size]) => sizes[path] !== size)) return null;
  const s = record.summary;
  const moved = (path: string) => join(outDir, relative(s.outDir, path));
  return {
    ...s,
    outputsKept: true,
    inputDir,
    outDir,
    files: { ...s.files, loaded: 0, unchanged: s.files.total },
    fileResults: s.fileResults.map((f) => ({ ...f, outcome: 'unchanged' })),
    outputs: Object.fromEntries(Object.entries(s.outputs).map(([k, v]) => [k, typeof v === 'string' ? moved(v) : v])) as ConsolidationSummary['outputs'],
  };
}
