/**
 * One measured process of the bench (bench/run.ts spawns it, so that each measure has a process,
 * and a peak memory, of its own). Prints one JSON line on stdout.
 *
 *   floor <warm-up dir> <dir>…                    every .xlsx unzipped (node:zlib) and its sheets scanned for cells
 *   hash <warm-up dir> <dir>…                     every .xlsx read and hashed (sha256), as a rerun must
 *   parse <warm-up dir> <dir>…                    every .xlsx of the folders read with ExcelJS alone
 *   read <warm-up dir> <dir>…                     every .xlsx read as the pipeline does: guard, then the fast grids
 *   consolidate <db> <out> <warm-up dir> <dir>…   each folder consolidated as its period, in order
 *
 * Every mode first warms up (modules, JIT, DuckDB) on a month of another period, untimed (the
 * consolidation into an in-memory warehouse), so that every run is timed alike.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import ExcelJS from 'exceljs';
import { parsePeriod } from '../core/periods';
import { consolidate, consolidatePeriods, type ConsolidateOptions } from '../pipeline/consolidate';
import { stopRendering } from '../pipeline/outputs/render-pool';
import { listWorkbooks } from '../pipeline/ingest/discover';
import { stopJudging } from '../pipeline/ingest/judge-pool';
import { loadRegistry, loadTargets } from '../pipeline/reference';
import { Warehouse } from '../pipeline/warehouse/warehouse';
import { inspectWorkbook } from '../core/xlsx/guard';
import { gridsFromParts, isGridPart } from '../core/xlsx/fast-grids';
import { partText, readZip } from '../tests/hardening/zip';
import { peakRssMb } from '../tests/support/peak-memory';

export interface ParseResult {
  files: number;
  seconds: number;
  peakRssMb: number;
}

export interface ConsolidateResult {
  /** Cumulative seconds and files after each folder. */
  steps: { period: string; files: number; seconds: number }[];
  peakRssMb: number;
}

const quiet = { write: () => true };

type Reading = (bytes: Buffer) => unknown;

const READINGS: Record<string, Reading> = {
  /** The least any reader must do: inflate every part and find the cells of the sheets. */
  floor: (bytes) => {
    let cells = 0;
    for (const part of readZip(bytes)) {
      const text = partText(part);
      if (part.name.startsWith('xl/worksheets/')) for (let at = text.indexOf('<c '); at >= 0; at = text.indexOf('<c ', at + 3)) cells++;
    }
    return cells;
  },
  hash: (bytes) => createHash('sha256').update(bytes).digest('hex'),
  parse: (bytes) => new ExcelJS.Workbook().xlsx.load(bytes as unknown as ArrayBuffer),
  read: (bytes) => {
    const inspected = inspectWorkbook(bytes, isGridPart);
    if (inspected.refusal) throw new Error(inspected.refusal.reason.en);
    return gridsFromParts(inspected.parts);
  },
};

async function readAllWith(reading: Reading, dirs: string[]): Promise<number> {
  const files = dirs.flatMap((d) => listWorkbooks(d));
  for (const f of files) await reading(readFileSync(f.path));
  return files.length;
}

async function timeReading(reading: Reading, warmUp: string, dirs: string[]): Promise<ParseResult> {
  await readAllWith(reading, [warmUp]);
  const started = performance.now();
  const files = await readAllWith(reading, dirs);
  return { files, seconds: (performance.now() - started) / 1000, peakRssMb: peakRssMb() };
}

async function consolidateAll(db: string, out: string, warmUp: string, dirs: string[]): Promise<ConsolidateResult> {
  const registry = loadRegistry();
  const targets = loadTargets();
  const options = (dir: string): ConsolidateOptions => {
    const period = parsePeriod(basename(dir));
    return { inputDir: dir, period, outDir: join(out, period.code), registry, targets, report: false, progress: quiet };
  };
  const run = (wh: Warehouse, dir: string) => consolidate(wh, options(dir));
  const scratch = await Warehouse.open(':memory:');
  await run(scratch, warmUp);
  scratch.close();

  const wh = await Warehouse.open(db);
  const steps: ConsolidateResult['steps'] = [];
  let files = 0;
  const started = performance.now();
  // As the CLI runs them: a period's files are written while the next period is loaded.
  await consolidatePeriods(
    wh,
    dirs.map((dir) => options(dir)),
    (summary) => {
      files += summary.files.total;
      steps.push({ period: summary.period, files, seconds: (performance.now() - started) / 1000 });
    },
  );
  wh.close();
  await Promise.all([stopJudging(), stopRendering()]);
  return { steps, peakRssMb: peakRssMb() };
}

const [mode, ...args] = process.argv.slice(2);
const result = mode in READINGS ? await timeReading(READINGS[mode], args[0], args.slice(1)) : await consolidateAll(args[0], args[1], args[2], args.slice(3));
process.stdout.write(JSON.stringify(result) + '\n');
