/**
 * The whole warehouse as Parquet, one folder per table or view, partitioned by period
 * (`<dir>/<name>/period=2026-03/data_0.parquet`): DuckDB, Spark, Trino and Power BI read it as
 * it is, which is the path once the data outgrows one machine. The stable views are exported
 * too, so analysts get the same shapes as in the warehouse.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { VIEW_NAMES } from './views';
import type { Warehouse } from './warehouse';

/** Each exported dataset and the query giving it a `period` column to partition by. */
const EXPORTS: Record<string, string> = {
  submissions: `SELECT * FROM submissions`,
  submission_values: `SELECT s.period, v.* FROM submission_values v JOIN submissions s ON s.id = v.submission_id`,
  issues: `SELECT * FROM issues`,
  runs: `SELECT * FROM runs`,
  run_files: `SELECT r.period, f.* FROM run_files f JOIN runs r ON r.id = f.run_id`,
  run_units: `SELECT r.period, u.* FROM run_units u JOIN runs r ON r.id = u.run_id`,
  run_indicators: `SELECT r.period, i.* FROM run_indicators i JOIN runs r ON r.id = i.run_id`,
  ...Object.fromEntries(VIEW_NAMES.map((v) => [v, `SELECT * FROM ${v}`])),
};

/** A path as a SQL string literal (COPY takes no bound parameter for its target). */
function pathLiteral(path: string): string {
  return `'${path.replace(/'/g, "''")}'`;
}

export interface ExportResult {
  dir: string;
  datasets: { name: string; rows: number; path: string }[];
}

/** Writes every dataset under `dir`, replacing what an earlier export left there. */
export async function exportParquet(wh: Warehouse, dir: string): Promise<ExportResult> {
  const root = resolve(dir);
  mkdirSync(root, { recursive: true });
  const datasets: ExportResult['datasets'] = [];
  for (const [name, query] of Object.entries(EXPORTS)) {
    const path = join(root, name);
    rmSync(path, { recursive: true, force: true });
    const [{ n }] = await wh.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM (${query})`);
    // An empty table still gets its folder, with one file carrying the columns.
    if (n === 0) {
      mkdirSync(path, { recursive: true });
      await wh.run(`COPY (${query}) TO ${pathLiteral(join(path, 'empty.parquet'))} (FORMAT parquet)`);
    } else {
      await wh.run(`COPY (${query}) TO ${pathLiteral(path)} (FORMAT parquet, PARTITION_BY (period))`);
    }
    datasets.push({ name, rows: n, path });
  }
  return { dir: root, datasets };
}
