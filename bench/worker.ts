/**
 * One measured process of the bench (bench/run.ts spawns it, so that each measure has a process,
 * and a peak memory, of its own). Prints one JSON line on stdout.
 *
 *   parse <warm-up dir> <dir>…                    every .xlsx of the folders read with ExcelJS alone
 *   consolidate <db> <out> <warm-up dir> <dir>…   each folder consolidated as its period, in order
 *
 * Both first warm up (modules, JIT, DuckDB) on a month of another period, untimed (the
 * consolidation into an in-memory warehouse), so that every run is timed alike.
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import ExcelJS from 'exceljs';
import { parsePeriod } from '../core/periods';
import { consolidate } from '../pipeline/consolidate';
import { listWorkbooks } from '../pipeline/ingest/discover';
import { loadRegistry, loadTargets } from '../pipeline/reference';
import { Warehouse } from '../pipeline/warehouse/warehouse';

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

const peakRssMb = () => process.resourceUsage().maxRSS / 1024;
const quiet = { write: () => true };

async function parseAll(dirs: string[]): Promise<number> {
  const files = dirs.flatMap((d) => listWorkbooks(d));
  for (const f of files) await new ExcelJS.Workbook().xlsx.load(readFileSync(f.path) as unknown as ArrayBuffer);
  return files.length;
}

async function parse(warmUp: string, dirs: string[]): Promise<ParseResult> {
  await parseAll([warmUp]);
  const started = performance.now();
  const files = await parseAll(dirs);
  return { files, seconds: (performance.now() - started) / 1000, peakRssMb: peakRssMb() };
}

async function consolidateAll(db: string, out: string, warmUp: string, dirs: string[]): Promise<ConsolidateResult> {
  const registry = loadRegistry();
  const targets = loadTargets();
  const run = (wh: Warehouse, dir: string) => {
    const period = parsePeriod(basename(dir));
    return consolidate(wh, { inputDir: dir, period, outDir: join(out, period.code), registry, targets, report: false, progress: quiet });
  };
  const scratch = await Warehouse.open(':memory:');
  await run(scratch, warmUp);
  scratch.close();

  const wh = await Warehouse.open(db);
  const steps: ConsolidateResult['steps'] = [];
  let files = 0;
  const started = performance.now();
  for (const dir of dirs) {
    files += (await run(wh, dir)).files.total;
    steps.push({ period: basename(dir), files, seconds: (performance.now() - started) / 1000 });
  }
  wh.close();
  return { steps, peakRssMb: peakRssMb() };
}

const [mode, ...args] = process.argv.slice(2);
const result = mode === 'parse' ? await parse(args[0], args.slice(1)) : await consolidateAll(args[0], args[1], args[2], args.slice(3));
process.stdout.write(JSON.stringify(result) + '\n');
