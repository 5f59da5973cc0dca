/**
 * `npm run consolidate` and `npm run check` (see HELP in args.ts). Exit codes: 0 clean,
 * 1 files refused or carrying errors, 2 usage or fatal error. User errors are printed as
 * messages, never as stack traces. Each command imports only what it uses: `check` never loads
 * DuckDB or the charts (the compiled CLI, scripts/cli.mjs, keeps those in chunks of their own).
 */
// First, before any thread starts: the engines' settings (engine-settings.ts).
import './engine-settings';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { isPeriodCode, parsePeriod, type Period } from '../core/periods';
import { formatIssue, SEVERITY_ORDER, type Issue } from '../core/submission';
import { formatIndicatorValue } from '../core/charts/format';
import { vietnamTime } from '../core/format';
import type { IndicatorId } from '../core/indicators';
import { submissionChangeText, type RunChanges } from '../core/revisions';
import { statusDetail, UNIT_STATUS_KINDS, UNIT_STATUS_TEXT } from '../core/unit-status';
import { HELP, parseArgs, type CheckArgs, type ConsolidateArgs, type ExportArgs } from './args';
import type { ConsolidationSummary } from './consolidate';
import type { Warehouse as WarehouseType } from './warehouse/warehouse';
import { assertInputFolder, NoReportFilesError, OutputError, UsageError, WarehouseError } from './errors';
import { periodFolders } from './ingest/discover';
import { DATA_DIR, loadRegistry, loadTargets, PROJECT_ROOT } from './reference';

const DEFAULT_DB = join(DATA_DIR, 'warehouse.duckdb');
const DEFAULT_OUT = join(PROJECT_ROOT, 'out');
const SAMPLES_DIR = join(DATA_DIR, 'samples');

const say = (line = '') => process.stdout.write(line + '\n');

/** Errors first, then warnings; the rest is in the validation report. */
function issueLines(issues: readonly Issue[], limit = 8): string[] {
  const shown = issues.filter((i) => i.severity !== 'info').sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  const lines = shown.slice(0, limit).map((i) => `    ${formatIssue({ ...i, file: undefined }, 'vi')} / ${i.message.en}`);
  if (shown.length > limit) lines.push(`    … và ${shown.length - limit} vấn đề khác / and ${shown.length - limit} more`);
  return lines;
}

/** What moved since the previous run of the period: the provinces' reports, then the indicators. */
function printChanges(c: RunChanges, limit = 12): void {
  if (!c.previous) {
    say('  Thay đổi / changes: lần tổng hợp đầu tiên của kỳ / first run of the period');
    return;
  }
  if (c.submissions.length === 0 && c.indicators.length === 0) {
    say(`  Thay đổi / changes: không có so với lần trước (${vietnamTime(c.previous.startedAt)}) / none since the previous run`);
    return;
  }
  say(`  Thay đổi so với lần trước (${vietnamTime(c.previous.startedAt)}) / changes since the previous run: ${c.submissions.length} tỉnh / provinces, ${c.indicators.length} chỉ số / indicator values`);
  for (const sub of c.submissions) say(`    ${submissionChangeText(sub, 5)}`);
  for (const i of c.indicators.slice(0, limit)) {
    const v = (f: typeof i.old) => (f ? formatIndicatorValue(i.indicator as IndicatorId, f.value) : '—');
    say(`    ${i.unitCode} ${i.indicator}: ${v(i.old)} → ${v(i.new)} (${i.causes.map((x) => x.newFile ?? x.refusedFile ?? x.unitCode).join(', ') || 'không do báo cáo nào / no report changed'})`);
  }
  if (c.indicators.length > limit) say(`    … và ${c.indicators.length - limit} thay đổi khác / and ${c.indicators.length - limit} more (report-data.json)`);
}

function printSummary(s: ConsolidationSummary): void {
  const f = s.files;
  if (s.outputsKept) {
    say(`Kỳ ${s.period}: ${f.total} tệp và dữ liệu tham chiếu không đổi, giữ kết quả cũ / ${f.total} files and reference data unchanged, outputs kept: ${s.outDir}`);
    return;
  }
  say(`Kỳ ${s.period}: ${f.total} tệp — nạp ${f.loaded}, đã có ${f.unchanged}, từ chối ${f.refused} / ${f.total} files — ${f.loaded} loaded, ${f.unchanged} unchanged, ${f.refused} refused`);
  for (const k of s.skipped) say(`  – ${k.file}: ${k.issue.message.vi} / ${k.issue.message.en}`);
  for (const r of s.fileResults.filter((x) => x.status === 'refused')) {
    say(`  ✗ ${r.file}: bị từ chối / refused (${r.errors} lỗi / errors)`);
    if (r.firstError) say(`      ${r.firstError}`);
  }
  const sub = s.submissions;
  say(`  Báo cáo được chấp nhận (N13) / accepted reports: ${sub.received}/${sub.expected} tỉnh, đúng hạn / on time ${sub.onTime}; có gửi tệp / sent a file: ${sub.filesFrom}/${sub.expected}`);
  const c = s.statusCounts;
  say(`  Tình trạng / status: ${UNIT_STATUS_KINDS.map((k) => `${UNIT_STATUS_TEXT[k].glyph} ${UNIT_STATUS_TEXT[k].vi.toLocaleLowerCase('vi')} ${c.byStatus[k]}`).join(', ')}`);
  for (const u of s.statuses.filter((x) => x.status !== 'accepted' || x.refused.length > 0)) {
    const t = UNIT_STATUS_TEXT[u.status];
    const detail = statusDetail(u).vi;
    say(`    ${t.glyph} ${u.unitCode} ${u.unitName}: ${t.vi} / ${t.en}${detail ? ` — ${detail}` : ''}`);
  }
  printChanges(s.changes);
  say(`  Vấn đề / issues: ${s.issues.error} lỗi / errors, ${s.issues.warning} cảnh báo / warnings, ${s.issues.info} thông tin / info`);
  say(`  Kết quả / outputs: ${s.outDir}`);
  say(`    ${basename(s.outputs.indicators)}, ${basename(s.outputs.nationalWorkbook)}, ${basename(s.outputs.validationCsv)}, ${basename(s.outputs.validationHtml)}`);
  say(`  Báo cáo kiểm tra / validation report: ${s.outputs.validationHtml}`);
  if (s.outputs.draft) say(`  Dự thảo báo cáo (Word) / report draft: ${s.outputs.draft}`);
  say(`  Số liệu dạng dài / values (long form): ${s.outputs.values}`);
  say(`  Phản hồi cho các tỉnh / feedback to provinces: ${s.outputs.feedback} (${s.outputs.feedbackFiles.length} tệp / files)`);
  for (const w of s.reportWarnings) say(`  Biểu đồ / chart: ${w}`);
}

/** The period of a run: `--period`, else the folder's name when it is a period code. */
function periodOf(args: ConsolidateArgs, dir: string): Period {
  if (args.period) return args.period;
  const name = basename(resolve(dir));
  if (isPeriodCode(name)) return parsePeriod(name);
  throw new UsageError(`Cần --period (vd. --period 2026-03) / --period is required (e.g. --period 2026-03)`);
}

async function runConsolidate(args: ConsolidateArgs): Promise<number> {
  const registry = loadRegistry();
  const targets = loadTargets();
  const runs: { dir: string; period: Period; out: string }[] = [];
  if (args.inputDir) {
    assertInputFolder(resolve(args.inputDir));
    const period = periodOf(args, args.inputDir);
    runs.push({ dir: resolve(args.inputDir), period, out: resolve(args.out ?? join(DEFAULT_OUT, period.code)) });
  } else {
    if (!existsSync(SAMPLES_DIR)) throw new UsageError(`Chưa có dữ liệu mẫu ${SAMPLES_DIR}; chạy npm run samples / No samples; run npm run samples`);
    const folders = periodFolders(SAMPLES_DIR).filter((f) => !args.period || f.period.code === args.period.code);
    if (folders.length === 0) throw new UsageError(`Không có dữ liệu mẫu cho kỳ này / No samples for that period`);
    const outRoot = resolve(args.out ?? DEFAULT_OUT);
    for (const f of folders) runs.push({ dir: f.dir, period: f.period, out: join(outRoot, f.period.code) });
  }
  // The threads first: they load their libraries while this one loads DuckDB and reads the files.
  const [{ startJudging, stopJudging }, { startRendering, stopRendering }] = await Promise.all([import('./ingest/judge-pool'), import('./outputs/render-pool')]);
  // One period's folder is a brief command: its threads get small young generations (worker-thread.ts).
  const brief = runs.length === 1;
  startJudging({ brief });
  startRendering(args.report === false ? ['workbooks'] : ['workbooks', 'report'], { brief });
  const stopThreads = () => Promise.all([stopJudging(), stopRendering()]);
  // The first period's first files to the judging thread before DuckDB loads (judge-early.ts).
  await (await import('./ingest/judge-early')).judgeFirstFiles(runs[0].dir, runs[0].out, registry, runs[0].period);
  const [{ consolidatePeriods }, { Warehouse }] = await Promise.all([import('./consolidate'), import('./warehouse/warehouse')]);
  let wh: WarehouseType | undefined;
  const summaries: ConsolidationSummary[] = [];
  try {
    wh = await Warehouse.open(resolve(args.db ?? DEFAULT_DB));
    await consolidatePeriods(
      wh,
      runs.map((run) => ({ inputDir: run.dir, period: run.period, outDir: run.out, registry, targets, successors: args.successors, report: args.report })),
      (summary) => {
        summaries.push(summary);
        if (!args.json) printSummary(summary);
      },
      () => wh!.checkpoint(),
    );
  } catch (err) {
    wh?.close();
    await stopThreads();
    throw err;
  }
  await stopThreads();
  wh.close();
  const last = summaries[summaries.length - 1];
  if (args.json) {
    process.stdout.write(JSON.stringify(args.inputDir ? last : summaries, null, 2) + '\n');
  } else {
    say();
    say(`Kho dữ liệu / warehouse: ${wh.path}`);
    if (summaries.length > 1) {
      say('Báo cáo từng kỳ / reports by period:');
      for (const s of summaries) say(`  ${s.period}: ${s.outputs.report ?? s.outputs.reportData}${s.outputs.draft ? `, ${basename(s.outputs.draft)}` : ''}`);
      const kept = summaries.filter((s) => s.outputsKept).map((s) => s.period);
      if (kept.length > 0) say(`Kỳ không đổi, không làm lại / periods unchanged, skipped: ${kept.join(', ')}`);
    }
    say(`Báo cáo / report: ${last.outputs.report ?? last.outputs.reportData}`);
    if (last.outputs.draft) say(`Dự thảo báo cáo (Word) / report draft: ${last.outputs.draft}`);
  }
  // The bundled samples carry planted problems on purpose (data/samples/README.md): their
  // refusals are the demonstration, not a failure of the run.
  return args.inputDir ? last.exitCode : 0;
}

async function runCheck(args: CheckArgs): Promise<number> {
  const { checkExitCode, checkFiles } = await import('./check-files');
  const files = await checkFiles(args.target!, loadRegistry(), args.period);
  if (args.json) {
    process.stdout.write(JSON.stringify(files, null, 2) + '\n');
    return checkExitCode(files);
  }
  for (const f of files) {
    if (f.skipped) {
      say(`– ${f.file}: ${f.issues[0].message.vi} / ${f.issues[0].message.en}`);
      continue;
    }
    const what = f.unitCode ? `${f.unitCode}, ${f.period ?? '?'}` : 'không xác định / unidentified';
    const errors = f.issues.filter((i) => i.severity === 'error').length;
    const warnings = f.issues.filter((i) => i.severity === 'warning').length;
    const verdict = f.refused
      ? 'không đạt, sẽ bị từ chối / would be refused'
      : errors > 0
        ? 'đạt nhờ giải trình, còn lỗi / accepted by override, errors remain'
        : 'đạt / accepted';
    say(`${f.refused ? '✗' : '✓'} ${f.file} (${what}): ${verdict} — ${errors} lỗi / errors, ${warnings} cảnh báo / warnings`);
    // How the file was read, when it took more than reading it (an .ods or .xls converted).
    for (const note of f.issues.filter((i) => i.rule === 'P04')) say(`    ${note.message.vi} / ${note.message.en}`);
    for (const line of issueLines(f.issues)) say(line);
  }
  return checkExitCode(files);
}

async function runExport(args: ExportArgs): Promise<number> {
  const [{ Warehouse }, { exportParquet }] = await Promise.all([import('./warehouse/warehouse'), import('./warehouse/export')]);
  const wh = await Warehouse.open(resolve(args.db ?? DEFAULT_DB), { threads: availableParallelism() });
  try {
    const result = await exportParquet(wh, args.parquet!);
    if (args.json) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    else {
      say(`Đã ghi Parquet / Parquet written: ${result.dir}`);
      for (const d of result.datasets) say(`  ${d.name}: ${d.rows} dòng / rows`);
    }
  } finally {
    wh.close();
  }
  return 0;
}

async function main(argv: readonly string[]): Promise<number> {
  try {
    const args = parseArgs(argv);
    if (args.help) {
      say(HELP);
      return 0;
    }
    if (args.command === 'export') return await runExport(args);
    return args.command === 'check' ? await runCheck(args) : await runConsolidate(args);
  } catch (err) {
    if (err instanceof NoReportFilesError) {
      process.stderr.write(`${err.message}\n`);
      return 1;
    }
    if (err instanceof UsageError) {
      process.stderr.write(`${err.message}\n(npm run consolidate -- --help)\n`);
      return 2;
    }
    if (err instanceof WarehouseError || err instanceof OutputError) {
      process.stderr.write(`${err.message}\n`);
      return 2;
    }
    const detail = err instanceof Error ? err.message : String(err);
    process.stderr.write(`Lỗi không mong đợi / Unexpected error: ${detail}\n`);
    if (process.env.BHXH_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    return 2;
  }
}

let finished = false;
// A native call that never answers (DuckDB on a full disk) leaves nothing for the event loop, and
// Node would exit 0 in silence: a run that did not finish must say so and fail.
process.on('beforeExit', () => {
  if (finished) return;
  finished = true;
  process.stderr.write('Lần chạy dừng khi chưa xong: một thao tác không bao giờ trả lời (thường là kho dữ liệu trên đĩa đầy) / The run stopped before it finished: an operation never answered (typically the warehouse on a full disk)\n');
  process.exitCode = 2;
});
main(process.argv.slice(2)).then((code) => {
  finished = true;
  process.exitCode = code;
});
