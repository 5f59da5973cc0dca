/**
 * One consolidation of one period: every file of the folder judged and loaded (a few files to a
 * transaction, whole submissions only; a bad file never stops the batch), the cross-file checks,
 * the indicators, and the outputs in `out/<P>/`, replaced together (outputs/output-folder.ts).
 * Everything written is derived from the warehouse, so running the same consolidation twice
 * writes the same outputs.
 */
import { join } from 'node:path';
import type { IndicatorValue } from '../core/indicators';
import type { Period } from '../core/periods';
import { vietnamDate } from '../core/format';
import { formatIssue, type Issue, type Severity } from '../core/submission';
import type { RunChanges } from '../core/revisions';
import type { TargetTable } from '../core/targets';
import { countStatuses, type StatusCounts, type UnitStatus } from '../core/unit-status';
import { NATIONAL_CODE, type UnitRegistry } from '../core/units';
import { runCrossFileChecks } from './cross-file';
import { awaitedLater } from './awaited-later';
import { assertInputFolder, NoReportFilesError } from './errors';
import { computeIndicators } from './indicators/compute';
import { groupName } from './indicators/period-units';
import { listWorkbooks, sortFolder, type InputFile } from './ingest/discover';
import { judgeFirstFiles } from './ingest/judge-early';
import { forgetEarly, JUDGE_AHEAD, submitForJudging, type JudgeTicket } from './ingest/judge-pool';
import type { IngestedFile } from './ingest/judge-file';
import { readAll, readRaw } from './ingest/read-file';
import { nationalDraftInput, nationalDraftPath } from './outputs/draft';
import { FEEDBACK_DIR, feedbackWorkbooks } from './outputs/feedback';
import { gatherFeedback } from './outputs/feedback-data';
import { indicatorsCsv } from './outputs/indicators-csv';
import { nationalWorkbookModel } from './outputs/national-workbook';
import { OutputFolder } from './outputs/output-folder';
import { writeReport, type WrittenReport } from './outputs/report';
import type { RenderedReport } from './outputs/render-jobs';
import { render } from './outputs/render-pool';
import { buildReportData } from './outputs/report-data';
import { openIssues, runFileKey, skippedEntries, validationCsv, validationHtml, type ValidationEntry } from './outputs/validation';
import { keptOutputs, periodFingerprint, recordOutputs, type PeriodInputs } from './outputs/up-to-date';
import { valuesCsv } from './outputs/values-csv';
import { writeAtomic } from './outputs/write-atomic';
import { createProgress, type ProgressStream } from './progress';
import { BatchLoader, FILES_PER_TRANSACTION, type LoadOutcome } from './warehouse/load';
import { currentTotals } from './warehouse/queries';
import type { SubmissionStatus } from './warehouse/schema';
import { recordRun, runChanges } from './warehouse/runs';
import { periodStatuses } from './warehouse/statuses';
import { TextList, type Warehouse } from './warehouse/warehouse';

export interface ConsolidateOptions {
  inputDir: string;
  period: Period;
  outDir: string;
  registry: UnitRegistry;
  targets: TargetTable;
  /** Re-express pre-merger provinces under their successors in the indicators. */
  successors?: boolean;
  /** Render the charts and report.html (default); report-data.json is written either way. */
  report?: boolean;
  progress?: ProgressStream;
  now?: () => Date;
}

export interface FileResult {
  file: string;
  outcome: LoadOutcome;
  unitCode: string | null;
  /** How the file stands in the warehouse after this run. */
  status: SubmissionStatus;
  errors: number;
  warnings: number;
  /** The first error of the file, `sheet!cell [rule] message` (Vietnamese / English), if any. */
  firstError: string | null;
}

export interface ConsolidationSummary {
  period: string;
  inputDir: string;
  outDir: string;
  files: { total: number; loaded: number; unchanged: number; refused: number };
  fileResults: FileResult[];
  /** Files of the folder that are not reports (lock files, other documents), each with its verdict. */
  skipped: { file: string; issue: Issue }[];
  /** N13's figures (accepted reports) and how many provinces sent a file at all. */
  submissions: { expected: number; received: number; onTime: number; filesFrom: number };
  /** Every province expected in the period with its status (core/unit-status.ts). */
  statuses: UnitStatus[];
  statusCounts: StatusCounts;
  /** This run's record in the warehouse (`runs`). */
  runId: number;
  /** What changed since the previous run of the period. */
  changes: RunChanges;
  issues: Record<Severity, number>;
  outputs: {
    indicators: string;
    nationalWorkbook: string;
    validationCsv: string;
    validationHtml: string;
    /** `values.csv`: the figures that count, long form. */
    values: string;
    /** The `phan-hoi/` folder and the feedback file of each province. */
    feedback: string;
    feedbackFiles: string[];
    reportData: string;
    /** Null when run without the report (`--no-report`). */
    report: string | null;
    /** The national report draft, `bao-cao_<P>.docx`; null without the report (`--no-report`). */
    draft: string | null;
  };
  /** Chart problems met while rendering the report. */
  reportWarnings: string[];
  /** 0 when every file of the folder is accepted without errors, 1 otherwise. */
  exitCode: 0 | 1;
  /** Nothing the period's outputs derive from changed since they were made: they were kept. */
  outputsKept: boolean;
}

/**
 * How many bytes at most are handed to the judges ahead (JUDGE_AHEAD files at most): files of
 * 19 MB (a picture in each) are judged fewer at a time.
 */
const JUDGE_AHEAD_BYTES = 32 * 1024 * 1024;

const OUTCOME_TEXT: Record<LoadOutcome, string> = {
  current: 'đã nạp / loaded',
  superseded: 'đã nạp, lưu lịch sử (có bản mới hơn) / loaded as history (a later report counts)',
  refused: 'BỊ TỪ CHỐI / REFUSED',
  unchanged: 'đã có trong kho, bỏ qua / already in the warehouse',
};

/**
 * Work still under way when the function that started it returns (wrapped: a promise resolved
 * with a promise would wait for it).
 */
export interface Staged<T> {
  done: Promise<T>;
}

export async function consolidate(wh: Warehouse, opts: ConsolidateOptions): Promise<ConsolidationSummary> {
  return (await consolidateStaged(wh, opts)).done;
}

/**
 * Several periods, one after the other, as the CLI runs them: a period's files are made on the
 * render threads while the next period is loaded, and the next period's files are judged while
 * this one is checked and its outputs' data gathered (judge-early.ts); at most one period waits
 * for its files, so that a failure stops the run one period later at most, with nothing still
 * being written.
 * `done` hears each period's summary, in order, up to the failure. `loaded` runs once the last
 * period no longer needs the warehouse, while its files are still being made (the CLI writes
 * the warehouse file's checkpoint then).
 */
export async function consolidatePeriods(
  wh: Warehouse,
  runs: readonly ConsolidateOptions[],
  done: (summary: ConsolidationSummary) => void,
  loaded?: () => Promise<void>,
): Promise<void> {
  let writing: Promise<ConsolidationSummary> | null = null;
  const finish = async () => {
    const summary = await writing;
    writing = null;
    if (summary) done(summary);
  };
  try {
    let handing: Promise<unknown> = Promise.resolve();
    for (const [k, run] of runs.entries()) {
      const next = runs[k + 1];
      const handOver =
        next &&
        (() => {
          handing = judgeFirstFiles(next.inputDir, next.outDir, next.registry, next.period, Infinity);
        });
      // The files are all handed over before the next batch asks for them (never rejects).
      await handing;
      const staged = await consolidateStaged(wh, run, handOver);
      await finish();
      writing = staged.done;
    }
    await loaded?.();
    await finish();
  } catch (err) {
    // The period before the failure is finished (and told of) before the failure is.
    await finish().catch(() => undefined);
    throw err;
  }
}

/**
 * A consolidation whose warehouse work is done when this resolves. Its files may still be being
 * made on the render threads, so that the next period can be loaded meanwhile; `done` settles once
 * they are all written and the output folder replaced (or left as it was, on a failure).
 * `afterLoad` is called once the folder's files are loaded, if any of them had to be judged (none
 * is when the outputs are kept, or when every file was accepted before: then the next period's
 * likely were too, and judging them early would be for nothing).
 */
export async function consolidateStaged(wh: Warehouse, opts: ConsolidateOptions, afterLoad?: () => void): Promise<Staged<ConsolidationSummary>> {
  const { period, registry, targets } = opts;
  assertInputFolder(opts.inputDir);
  const startedAt = clock(opts)();
  const { reports: files, skipped } = sortFolder(listWorkbooks(opts.inputDir));
  if (files.length === 0) throw new NoReportFilesError(opts.inputDir);
  const read = await readAll(files);
  const hashes = read.map((r) => r.hash);
  const inputs: PeriodInputs = {
    period,
    files: files.map((f, i) => ({ name: f.name, hash: hashes[i] })),
    others: skipped.map((s) => s.file.name),
    registry,
    targets,
    successors: opts.successors ?? false,
    report: opts.report ?? true,
  };
  const kept = await keptOutputs(opts.outDir, await periodFingerprint(wh, inputs), opts.inputDir);
  if (kept) return { done: Promise.resolve(kept) };
  // Before anything is loaded: whether the outputs can be written at all.
  const out = await OutputFolder.prepare(opts.outDir);
  const discard = async (err: unknown): Promise<never> => {
    await out.discard();
    throw err;
  };
  let staged: Staged<ConsolidationSummary>;
  try {
    staged = await loadAndWrite(wh, opts, { files, skipped, read, hashes, inputs, startedAt }, out, afterLoad);
  } catch (err) {
    return discard(err);
  }
  // Awaited by the caller, maybe after the next period is loaded.
  const done = awaitedLater(
    staged.done.then(async (summary) => {
      await out.commit();
      return summary;
    }, discard),
  );
  return { done };
}

interface Batch {
  files: InputFile[];
  skipped: ReturnType<typeof sortFolder>['skipped'];
  read: Awaited<ReturnType<typeof readAll>>;
  /** The files' hashes, in their order. */
  hashes: string[];
  inputs: PeriodInputs;
  startedAt: Date;
}

const clock = (opts: ConsolidateOptions) => opts.now ?? (() => new Date());

/**
 * Loads the batch, computes the period and starts writing its outputs into `out`'s staging
 * folder; resolves once the warehouse is no longer needed, to the summary once all is written.
 */
async function loadAndWrite(wh: Warehouse, opts: ConsolidateOptions, batch: Batch, out: OutputFolder, afterLoad?: () => void): Promise<Staged<ConsolidationSummary>> {
  const { period, registry, targets } = opts;
  const { files, skipped, read, hashes, inputs, startedAt } = batch;
  const now = clock(opts);
  const progress = createProgress(files.length, period.code, opts.progress);
  const loader = await BatchLoader.open(wh, period.code, hashes);
  const outcomes: LoadOutcome[] = [];
  const record = (i: number, outcome: LoadOutcome) => {
    outcomes[i] = outcome;
    progress.tick(files[i].name, OUTCOME_TEXT[outcome], outcome === 'refused');
  };
  // Files are judged a few ahead on worker threads while this thread writes the warehouse, one
  // file at a time and in folder order. Files already accepted are not even parsed again.
  const tickets: (JudgeTicket | null)[] = [];
  const sizes: number[] = [];
  let aheadBytes = 0;
  const submitFrom = async (current: number) => {
    for (let i = tickets.length; i <= Math.min(current + JUDGE_AHEAD, files.length - 1); i++) {
      if (i > current && aheadBytes >= JUDGE_AHEAD_BYTES) return;
      if (loader.isAccepted(hashes[i])) {
        tickets.push(null);
        continue;
      }
      const raw = read[i].raw ?? (await readRaw(files[i]));
      // From here the judges hold the bytes (until the verdict): the batch keeps only the hash.
      read[i].raw = null;
      sizes[i] = raw.data?.length ?? 0;
      aheadBytes += sizes[i];
      tickets.push(submitForJudging(raw, registry, period));
    }
  };
  // Outcomes are told once their transaction is committed (a killed run never claims a file).
  const uncommitted: [number, LoadOutcome][] = [];
  const commit = async () => {
    await loader.commit();
    for (const [i, outcome] of uncommitted.splice(0)) record(i, outcome);
  };
  const loadOne = async (i: number, judged: IngestedFile) => {
    uncommitted.push([i, await loader.load(judged, now())]);
    if (loader.uncommitted >= FILES_PER_TRANSACTION) await commit();
  };
  let loading: Promise<void> = Promise.resolve();
  try {
    for (let i = 0; i < files.length; i++) {
      await submitFrom(i);
      const ticket = tickets[i];
      if (!ticket) {
        await loading;
        if (uncommitted.length === 0) record(i, 'unchanged');
        else uncommitted.push([i, 'unchanged']);
        continue;
      }
      const judged = await ticket.verdict();
      aheadBytes -= sizes[i];
      await loading;
      // A failed load surfaces at the next `await loading`.
      loading = awaitedLater(loadOne(i, judged));
    }
    await loading;
    await commit();
  } catch (err) {
    await loader.rollback();
    throw err;
  } finally {
    // Files handed over early that the batch did not take (accepted before) are let go with it.
    forgetEarly();
  }
  progress.done();
  if (tickets.some((t) => t !== null)) afterLoad?.();

  await runCrossFileChecks(wh, registry, period);
  const indicators = await computeIndicators(wh, registry, targets, period, { successors: opts.successors });
  const issues = await openIssues(wh, registry, period, files.map((f, i) => runFileKey(hashes[i], f.name)));
  const { expected: statuses, unexpected } = await periodStatuses(wh, registry, period);
  const statusCounts = countStatuses(statuses);
  const runFiles = files.map((f, i) => ({ name: f.name, hash: hashes[i], outcome: outcomes[i] }));
  const runId = await recordRun(wh, { period: period.code, startedAt, finishedAt: now(), inputDir: opts.inputDir, successors: opts.successors ?? false, files: runFiles, statuses, indicators });
  const changes = await runChanges(wh, runId);
  const producedAt = now().toISOString();

  const names = outputNames(period);
  const writing = await writeOutputs(wh, opts, out, names, { indicators, issues, skipped, statuses, unexpected, changes, producedAt }).catch((err) => {
    throw out.failure(err);
  });
  let fingerprint: string;
  let fileResults: FileResult[];
  try {
    fingerprint = await periodFingerprint(wh, inputs);
    fileResults = (await fileVerdicts(wh, period.code, runFiles)).map((r) => {
      const error = issues.find((i) => i.file === r.file && i.severity === 'error');
      return { ...r, firstError: error ? `${formatIssue({ ...error, file: undefined }, 'vi')} / ${error.message.en}` : null };
    });
  } catch (err) {
    // Nothing may still be writing into the staging folder when it is removed.
    await writing.done.catch(() => undefined);
    throw err;
  }
  const nation = (id: string) => indicators.find((v) => v.unitCode === NATIONAL_CODE && v.indicator === id);
  const count = (o: LoadOutcome) => fileResults.filter((f) => f.outcome === o).length;
  const summarize = (written: WrittenOutputs): ConsolidationSummary => ({
    period: period.code,
    inputDir: opts.inputDir,
    outDir: opts.outDir,
    files: { total: files.length, loaded: count('current') + count('superseded'), unchanged: count('unchanged'), refused: fileResults.filter((f) => f.status === 'refused').length },
    fileResults,
    skipped: skipped.map((s) => ({ file: s.file.name, issue: s.issue })),
    submissions: {
      expected: nation('N13')?.denominator ?? 0,
      received: nation('N13')?.numerator ?? 0,
      onTime: nation('N14')?.numerator ?? 0,
      filesFrom: statusCounts.received,
    },
    statuses,
    statusCounts,
    runId,
    changes,
    issues: {
      error: issues.filter((i) => i.severity === 'error').length,
      warning: issues.filter((i) => i.severity === 'warning').length,
      info: issues.filter((i) => i.severity === 'info').length,
    },
    outputs: {
      ...(Object.fromEntries(Object.entries(names).map(([k, name]) => [k, join(opts.outDir, name)])) as OutputNames),
      feedbackFiles: written.feedbackFiles.map((f) => out.finalPath(f)),
      reportData: out.finalPath(written.report.dataPath),
      report: written.report.reportPath && out.finalPath(written.report.reportPath),
      draft: written.draft && out.finalPath(written.draft),
    },
    reportWarnings: written.report.warnings,
    exitCode: fileResults.some((f) => f.status === 'refused' || f.errors > 0) ? 1 : 0,
    outputsKept: false,
  });
  const done = writing.done
    .then(async (written) => {
      const summary = summarize(written);
      await recordOutputs(out.staging, fingerprint, summary);
      return summary;
    })
    .catch((err: unknown) => {
      throw out.failure(err);
    });
  return { done: awaitedLater(done) };
}

type OutputNames = Pick<ConsolidationSummary['outputs'], 'indicators' | 'nationalWorkbook' | 'validationCsv' | 'validationHtml' | 'values' | 'feedback'>;

/** The period's outputs by name within the output folder. */
const outputNames = (period: Period): OutputNames => ({
  indicators: 'indicators.csv',
  nationalWorkbook: `national_${period.code}.xlsx`,
  validationCsv: 'validation.csv',
  validationHtml: 'validation.html',
  values: 'values.csv',
  feedback: FEEDBACK_DIR,
});

/** The files of a period's outputs, by their staged paths. */
interface WrittenOutputs {
  feedbackFiles: string[];
  report: WrittenReport;
  draft: string | null;
}

/**
 * The period's outputs, written into the staging folder: the data comes from the warehouse
 * before this resolves, the files made from it may still be being written (`done`).
 */
async function writeOutputs(
  wh: Warehouse,
  opts: ConsolidateOptions,
  out: OutputFolder,
  names: OutputNames,
  made: {
    indicators: IndicatorValue[];
    issues: ValidationEntry[];
    skipped: Batch['skipped'];
    statuses: UnitStatus[];
    unexpected: UnitStatus[];
    changes: RunChanges;
    producedAt: string;
  },
): Promise<Staged<WrittenOutputs>> {
  const { period, registry, targets } = opts;
  const { indicators, issues, skipped, statuses, unexpected, changes, producedAt } = made;
  // The data comes from the warehouse here; the files are made on the render threads meanwhile
  // (render-pool.ts): the report and its draft on one, the workbooks on the other. The previous
  // charts come along into the staging folder, so that a PNG whose SVG did not change is not
  // drawn again.
  const reportData = await buildReportData({ wh, registry, targets, period, indicators, issues, statuses, changes, successors: opts.successors ?? false, producedAt });
  const jobs: Promise<unknown>[] = [];
  // A failed job surfaces where it is awaited below.
  const started = <T>(job: Promise<T>) => (jobs.push(job), awaitedLater(job));
  let reporting: Promise<RenderedReport>;
  if (opts.report ?? true) {
    const draft = { path: nationalDraftPath(out.staging, period), input: await nationalDraftInput({ wh, registry, targets, period, data: reportData }) };
    await out.carryOver('charts');
    reporting = started(render({ kind: 'report', outDir: out.staging, data: reportData, draft }));
  } else {
    // Without the report only its data is written: no thread, nor Vega, for that.
    reporting = started(writeReport(out.staging, reportData, false).then((report) => ({ report, draft: null })));
  }
  try {
    const feedback = feedbackWorkbooks(out.staging, period, await gatherFeedback(wh, period, { expected: statuses, unexpected }, issues, indicators), producedAt);
    const national = nationalWorkbookModel({
      registry,
      targets,
      period,
      totals: await currentTotals(wh, [period.code]),
      reportDate: vietnamDate(producedAt),
      statuses,
      indicators,
      nameOf: (code) => groupName(registry, code, period, opts.successors),
    });
    const workbooks = started(render({ kind: 'workbooks', files: [...feedback, { path: out.path(names.nationalWorkbook), model: national }] }));
    await writeAtomic(out.path(names.indicators), indicatorsCsv(indicators));
    await writeAtomic(out.path(names.values), await valuesCsv(wh, period.code));
    const listed = [...issues, ...skippedEntries(skipped)];
    await writeAtomic(out.path(names.validationCsv), validationCsv(listed));
    await writeAtomic(out.path(names.validationHtml), validationHtml(period, listed, producedAt, statuses));
    const done = Promise.all([workbooks, reporting]).then(
      ([, { report, draft: draftPath }]) => ({ feedbackFiles: feedback.map((f) => f.path), report, draft: draftPath }),
      async (err: unknown) => {
        await Promise.allSettled(jobs);
        throw err;
      },
    );
    return { done: awaitedLater(done) };
  } catch (err) {
    // Nothing may still be writing into the staging folder when it is removed.
    await Promise.allSettled(jobs);
    throw err;
  }
}

/**
 * How each file of the folder stands in the warehouse, whether loaded now or before: as an
 * accepted report of the period (under whatever name it first came), else as this batch's
 * refusal of this very file.
 */
async function fileVerdicts(
  wh: Warehouse,
  batchPeriod: string,
  files: { name: string; hash: string; outcome: LoadOutcome }[],
): Promise<Omit<FileResult, 'firstError'>[]> {
  const rows = await wh.all<{ hash: string; name: string; unit_code: string | null; status: SubmissionStatus; errors: number; warnings: number }>(
    `SELECT s.file_hash AS hash, s.file_name AS name, s.unit_code, s.status,
            count(i.rule) FILTER (WHERE i.severity = 'error')::INTEGER AS errors,
            count(i.rule) FILTER (WHERE i.severity = 'warning')::INTEGER AS warnings
     FROM submissions s LEFT JOIN issues i ON i.submission_id = s.id AND i.origin = 'file'
     WHERE list_contains($hashes::VARCHAR[], s.file_hash) AND s.batch_period = $period
     GROUP BY ALL`,
    { hashes: new TextList(files.map((f) => f.hash)), period: batchPeriod },
  );
  return files.map((f) => {
    const r = rows.find((x) => x.hash === f.hash && x.status !== 'refused') ?? rows.find((x) => x.hash === f.hash && x.name === f.name)!;
    return { file: f.name, outcome: f.outcome, unitCode: r.unit_code, status: r.status, errors: r.errors, warnings: r.warnings };
  });
}
