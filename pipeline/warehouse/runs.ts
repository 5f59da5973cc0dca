/**
 * Every consolidation run is recorded (`runs`, `run_files`, `run_units`, `run_indicators`):
 * when, which files, each province's status and the report that counted, and the indicators it
 * produced. Comparing a run with the previous run of the same period tells what changed (an
 * indicator, old → new) and which submission caused it, so a correction never moves a
 * published figure without a trace.
 */
import type { IndicatorValue } from '../../core/indicators';
import type { IndicatorChange, RunChanges, RunRef, SubmissionChange } from '../../core/revisions';
import type { UnitStatus, UnitStatusKind } from '../../core/unit-status';
import type { LoadOutcome } from './load';
import { submissionDiff } from './diff';
import { nullableAppends, TextList, type Warehouse } from './warehouse';

export interface RunInput {
  period: string;
  startedAt: Date;
  finishedAt: Date;
  inputDir: string;
  successors: boolean;
  files: readonly { name: string; hash: string; outcome: LoadOutcome }[];
  statuses: readonly UnitStatus[];
  indicators: readonly IndicatorValue[];
}

/** A TIMESTAMP literal in UTC, as the warehouse stores every time. */
const utc = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');

/** Records a run in one transaction; returns its id. */
export async function recordRun(wh: Warehouse, run: RunInput): Promise<number> {
  return wh.transaction(async () => {
    const [{ id }] = await wh.all<{ id: number }>(`SELECT coalesce(max(id), 0)::INTEGER + 1 AS id FROM runs`);
    await wh.run(`INSERT INTO runs VALUES ($id, $period, $started_at::TIMESTAMP, $finished_at::TIMESTAMP, $input_dir, $file_count, $successors)`, {
      id,
      period: run.period,
      started_at: utc(run.startedAt),
      finished_at: utc(run.finishedAt),
      input_dir: run.inputDir,
      file_count: run.files.length,
      successors: run.successors,
    });
    const stored = await wh.all<{ id: number; hash: string; unit_code: string | null; status: string }>(
      `SELECT id, file_hash AS hash, unit_code, status FROM submissions WHERE list_contains($hashes::VARCHAR[], file_hash)`,
      { hashes: new TextList(run.files.map((f) => f.hash)) },
    );
    const byHash = new Map(stored.map((s) => [s.hash, s]));
    const files = await wh.appender('run_files');
    const file = nullableAppends(files);
    for (const f of run.files) {
      const s = byHash.get(f.hash);
      files.appendInteger(id);
      files.appendVarchar(f.name);
      files.appendVarchar(f.hash);
      file.int(s?.id);
      file.text(s?.unit_code || null);
      files.appendVarchar(f.outcome);
      files.appendVarchar(s?.status ?? 'refused');
      files.endRow();
    }
    files.closeSync();
    const units = await wh.appender('run_units');
    const unit = nullableAppends(units);
    for (const u of run.statuses) {
      units.appendInteger(id);
      units.appendVarchar(u.unitCode);
      units.appendVarchar(u.status);
      unit.int(u.current?.id);
      unit.text(u.current?.fileName);
      unit.text(u.refused[u.refused.length - 1]?.fileName);
      units.endRow();
    }
    units.closeSync();
    const values = await wh.appender('run_indicators');
    const { double: num } = nullableAppends(values);
    for (const v of run.indicators) {
      values.appendInteger(id);
      values.appendVarchar(v.unitCode);
      values.appendVarchar(v.indicator);
      num(v.numerator);
      num(v.denominator);
      num(v.value);
      num(v.target);
      values.endRow();
    }
    values.closeSync();
    return id;
  });
}

const RUN_REF = `id, strftime(started_at, '%Y-%m-%dT%H:%M:%SZ') AS "startedAt", file_count AS files`;

/** What changed between the run and the previous run of its period. */
export async function runChanges(wh: Warehouse, runId: number): Promise<RunChanges> {
  const [run] = await wh.all<RunRef & { period: string; successors: boolean } & Record<string, unknown>>(`SELECT ${RUN_REF}, period, successors FROM runs WHERE id = $run`, { run: runId });
  const [previous] = await wh.all<RunRef & Record<string, unknown>>(
    `SELECT ${RUN_REF} FROM runs WHERE period = $period AND successors = $successors AND id < $run ORDER BY id DESC LIMIT 1`,
    { period: run.period, successors: run.successors, run: runId },
  );
  const ref = { id: run.id, startedAt: run.startedAt, files: run.files };
  if (!previous) return { run: ref, previous: null, submissions: [], indicators: [] };

  const unitRows = await wh.all<{ unit_code: string; old_status: UnitStatusKind | null; new_status: UnitStatusKind; old_id: number | null; new_id: number | null; old_file: string | null; new_file: string | null; refused_file: string | null }>(
    `SELECT n.unit_code, o.status AS old_status, n.status AS new_status, o.submission_id AS old_id, n.submission_id AS new_id,
            o.file_name AS old_file, n.file_name AS new_file, n.refused_file
     FROM (SELECT * FROM run_units WHERE run_id = $run) n LEFT JOIN (SELECT * FROM run_units WHERE run_id = $previous) o ON o.unit_code = n.unit_code
     WHERE o.submission_id IS DISTINCT FROM n.submission_id OR o.status IS DISTINCT FROM n.status OR o.refused_file IS DISTINCT FROM n.refused_file
     ORDER BY n.unit_code`,
    { previous: previous.id, run: runId },
  );
  const submissions: SubmissionChange[] = [];
  for (const r of unitRows) {
    const cells = r.old_id !== null && r.new_id !== null && r.old_id !== r.new_id ? await submissionDiff(wh, r.old_id, r.new_id) : [];
    submissions.push({ unitCode: r.unit_code, oldStatus: r.old_status, newStatus: r.new_status, oldFile: r.old_file, newFile: r.new_file, refusedFile: r.refused_file, cells });
  }

  const figureRows = await wh.all<{ unit_code: string; indicator: string; o_n: number | null; o_d: number | null; o_v: number | null; n_n: number | null; n_d: number | null; n_v: number | null; o_present: boolean; n_present: boolean }>(
    `SELECT coalesce(n.unit_code, o.unit_code) AS unit_code, coalesce(n.indicator, o.indicator) AS indicator,
            o.numerator AS o_n, o.denominator AS o_d, o.value AS o_v, n.numerator AS n_n, n.denominator AS n_d, n.value AS n_v,
            o.run_id IS NOT NULL AS o_present, n.run_id IS NOT NULL AS n_present
     FROM (SELECT * FROM run_indicators WHERE run_id = $previous) o
     FULL OUTER JOIN (SELECT * FROM run_indicators WHERE run_id = $run) n ON n.unit_code = o.unit_code AND n.indicator = o.indicator
     WHERE o.run_id IS NULL OR n.run_id IS NULL
        OR o.numerator IS DISTINCT FROM n.numerator OR o.denominator IS DISTINCT FROM n.denominator OR o.value IS DISTINCT FROM n.value
     ORDER BY coalesce(n.unit_code, o.unit_code) = 'VN' DESC, coalesce(n.unit_code, o.unit_code), coalesce(n.indicator, o.indicator)`,
    { previous: previous.id, run: runId },
  );
  const [{ units }] = await wh.all<{ units: string[] }>(`SELECT list(unit_code) AS units FROM run_units WHERE run_id = $run`, { run: runId });
  const provinces = new Set(units ?? []);
  const indicators = figureRows.map((r): IndicatorChange => {
    // The nation (or a successor group) moves with every province's change; a province with its own.
    const own = provinces.has(r.unit_code) ? submissions.filter((s) => s.unitCode === r.unit_code) : submissions;
    return {
      unitCode: r.unit_code,
      indicator: r.indicator,
      old: r.o_present ? { numerator: r.o_n, denominator: r.o_d, value: r.o_v } : null,
      new: r.n_present ? { numerator: r.n_n, denominator: r.n_d, value: r.n_v } : null,
      causes: own,
    };
  });
  return { run: ref, previous: { id: previous.id, startedAt: previous.startedAt, files: previous.files }, submissions, indicators };
}
