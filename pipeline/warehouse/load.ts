/**
 * Loading judged files into the warehouse: for each, its submission row, the sheets it carried,
 * its values (long form, through the appender) and its issues; when it takes over from the unit's
 * current report of the period, that one becomes history in the same transaction. Files are
 * written a few to a transaction (a commit costs as much as writing a file): a kill leaves whole
 * submissions only, those of the transactions committed.
 */
import type { DuckDBAppender } from '@duckdb/node-api';
import { FORM_IDS } from '../../core/forms';
import { foundValue } from '../../core/found-value';
import { ranksAbove, type Ranked } from '../../core/precedence';
import { numericValue } from '../../core/rules';
import { isIsoDate } from '../../core/dates';
import type { FormRow, Issue, RawValue, Submission } from '../../core/submission';
import type { IngestedFile } from '../ingest/judge-file';
import { ARRIVAL_FORMAT, SUBMISSION_COLUMNS, TARGET_COLUMNS, TARGETS_FORM, type SubmissionStatus } from './schema';
import { nullableAppends, TextList, type Warehouse } from './warehouse';

export type LoadOutcome =
  /** New, and now the one that counts for its unit and period. */
  | 'current'
  /** New, but an existing submission with a later report date still counts (history). */
  | 'superseded'
  | 'refused'
  /** The very same file is already in the warehouse: nothing changed. */
  | 'unchanged';

interface ValueRow {
  form: string;
  rowCode: string;
  isTotal: boolean;
  sheetRow: number;
  column: number;
  /** The sheet column the value was read from. */
  sheetColumn: number | null;
  /** The sheet as named in the file. */
  sheet: string | null;
  value: number;
}

/** The non-blank numbers of a submission, one per cell (values V01 refused are left out). */
export function valueRows(sub: Submission): ValueRow[] {
  const out: ValueRow[] = [];
  const push = (form: string, rowCode: string, isTotal: boolean, sheetRow: number, column: number, sheetColumn: number | null, sheet: string | null, raw: RawValue) => {
    const value = numericValue(raw);
    if (value !== null) out.push({ form, rowCode, isTotal, sheetRow, column, sheetColumn, sheet, value });
  };
  for (const form of FORM_IDS) {
    const table = sub.forms[form];
    if (!table) continue;
    const rows: [FormRow, boolean][] = table.rows.map((r) => [r, false]);
    if (table.total) rows.push([table.total, true]);
    for (const [row, isTotal] of rows) {
      const code = isTotal ? sub.unitCode : row.unitCode;
      row.values.forEach((raw, i) => push(form, code, isTotal, row.sheetRow, i + 1, table.columns.data[i] ?? null, table.sheetName, raw));
    }
  }
  for (const t of sub.targets ?? []) {
    push(TARGETS_FORM, t.code, false, t.sheetRow, TARGET_COLUMNS.total, t.columns.total, sub.targetsSheetName ?? null, t.total);
    push(TARGETS_FORM, t.code, false, t.sheetRow, TARGET_COLUMNS.achieved, t.columns.achieved, sub.targetsSheetName ?? null, t.achieved);
  }
  return out;
}

/** The sheets a submission carried: its forms, and `targets` when it has the targets sheet. */
function sheetsOf(sub: Submission): string[] {
  return [...FORM_IDS.filter((f) => sub.forms[f]), ...(sub.targets ? [TARGETS_FORM] : [])];
}

/** `received_at` as DuckDB reads a TIMESTAMP literal (UTC). */
function timestampText(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '');
}

/** A stored submission, as far as loading needs to know it. */
interface Known {
  id: number;
  unitCode: string | null;
  period: string;
  batchPeriod: string;
  fileName: string;
  status: SubmissionStatus;
  hash: string;
  reportDate: string | null;
  arrivedAt: string | null;
}

/** The loader's appenders, by table; the submission first, its values and issues after it. */
const APPENDED = ['submissions', 'values', 'issues'] as const;

/** Files written per transaction. */
export const FILES_PER_TRANSACTION = 8;

const KNOWN_COLUMNS = `id, unit_code AS "unitCode", period, batch_period AS "batchPeriod", file_name AS "fileName", status,
  file_hash AS hash, strftime(report_date, '%Y-%m-%d') AS "reportDate", strftime(arrived_at, '${ARRIVAL_FORMAT}') AS "arrivedAt"`;

/**
 * Loads the files of one batch. What the warehouse already holds about them (the same files,
 * the reports of the period) is read once when the batch starts and kept up to date as files
 * are loaded: a batch is the warehouse's only writer (DuckDB locks the file). `load` writes
 * into the open transaction (begun by the first file after a commit), `commit` makes what was
 * loaded since durable. Submission ids follow the largest stored one.
 */
export class BatchLoader {
  /** Periods whose accepted reports are in `known`. */
  private readonly periods = new Set<string>();
  /**
   * The open transaction's appenders (a statement a submission row cost ~2 ms, as much as
   * judging the file); null when no transaction is open.
   */
  private open: Record<(typeof APPENDED)[number], DuckDBAppender> | null = null;
  /** Files loaded in the open transaction. */
  uncommitted = 0;

  private constructor(
    private readonly wh: Warehouse,
    private readonly batchPeriod: string,
    private known: Known[],
    private lastId: number,
  ) {}

  /** `hashes`: fingerprints of the batch's files. */
  static async open(wh: Warehouse, batchPeriod: string, hashes: readonly string[]): Promise<BatchLoader> {
    const known = await wh.all<Known & Record<string, unknown>>(
      `SELECT ${KNOWN_COLUMNS} FROM submissions WHERE list_contains($hashes::VARCHAR[], file_hash) OR (period = $period AND status <> 'refused')`,
      { hashes: new TextList(hashes), period: batchPeriod },
    );
    const [{ last }] = await wh.all<{ last: number }>(`SELECT coalesce(max(id), 0)::INTEGER AS last FROM submissions`);
    const loader = new BatchLoader(wh, batchPeriod, known, last);
    loader.periods.add(batchPeriod);
    return loader;
  }

  /**
   * Whether this very file is stored as an accepted report of the batch's period: it is then not
   * even parsed again. Anything else is judged afresh: a file refused before (the batch, the unit
   * list or the rules may have changed since), and a file accepted for another period (it gets
   * this batch's P01).
   */
  isAccepted(hash: string): boolean {
    return this.known.some((k) => k.hash === hash && k.status !== 'refused' && k.period === this.batchPeriod);
  }

  /** The accepted reports of a period (a file of another period than the batch's is rare). */
  private async reportsOf(period: string): Promise<void> {
    if (this.periods.has(period)) return;
    const rows = await this.wh.all<Known & Record<string, unknown>>(`SELECT ${KNOWN_COLUMNS} FROM submissions WHERE period = $period AND status <> 'refused'`, { period });
    const ids = new Set(this.known.map((k) => k.id));
    this.known.push(...rows.filter((r) => !ids.has(r.id)));
    this.periods.add(period);
  }

  async load(file: IngestedFile, receivedAt: Date): Promise<LoadOutcome> {
    const { wh } = this;
    const sub = file.refused ? null : file.submission;
    if (sub) await this.reportsOf(file.period);
    if (this.isAccepted(file.hash)) return 'unchanged';
    // The verdict this very file got in an earlier run of this batch is replaced; every other
    // record stays, even of the same bytes (three empty uploads are three refusals).
    const sameFile = this.known.filter(
      (k) => k.hash === file.hash && k.status === 'refused' && k.fileName === file.fileName && k.batchPeriod === this.batchPeriod,
    );
    const others = sub ? this.known.filter((k) => k.hash !== file.hash && k.unitCode === sub.unitCode && k.period === file.period && k.status !== 'refused') : [];
    const rank: Ranked = { reportDate: isIsoDate(file.submission?.reportDate) ? file.submission.reportDate : null, arrivedAt: file.arrivedAt, hash: file.hash };
    const outcome: LoadOutcome = !sub ? 'refused' : others.every((k) => ranksAbove(rank, k)) ? 'current' : 'superseded';
    const values = sub ? valueRows(sub) : [];
    const stored: Known = {
      ...rank,
      id: this.lastId + 1,
      unitCode: file.submission?.unitCode ?? null,
      period: file.period,
      batchPeriod: this.batchPeriod,
      fileName: file.fileName,
      status: outcome,
    };
    const supersedes = outcome === 'current' ? others.filter((k) => k.status === 'current') : [];

    const open = await this.begin();
    // Rows still in the appender are not in the table yet: the statements below must see them.
    if (sameFile.length > 0 || supersedes.length > 0) open.submissions.flushSync();
    for (const k of sameFile) await deleteSubmission(wh, k.id);
    if (supersedes.length > 0) {
      await wh.run(`UPDATE submissions SET status = 'superseded' WHERE unit_code = $unit_code AND period = $period AND status = 'current'`, {
        unit_code: sub!.unitCode,
        period: file.period,
      });
    }
    appendSubmission(open.submissions, {
      ...stored,
      receivedAt: timestampText(receivedAt),
      overrideReason: file.submission?.overrideReason || null,
      valueCount: values.length,
      forms: sub ? sheetsOf(sub) : [],
      reportDateCell: sub?.reportDateCell ?? null,
    });
    if (sub) appendValues(open.values, stored.id, values);
    const owner = { submissionId: stored.id, period: file.period, unitCode: stored.unitCode };
    writeIssues(open.issues, file.issues.map((issue) => ({ issue, ...owner, valueFound: foundValue(file.submission, issue) })), 'file');
    this.uncommitted++;
    // The batch's picture of the warehouse follows (a failed transaction ends the batch).
    this.lastId = stored.id;
    this.known = this.known.filter((k) => !sameFile.includes(k));
    for (const k of supersedes) k.status = 'superseded';
    this.known.push(stored);
    return outcome;
  }

  private async begin(): Promise<NonNullable<BatchLoader['open']>> {
    if (!this.open) {
      await this.wh.run('BEGIN TRANSACTION');
      this.open = { submissions: await this.wh.appender('submissions'), values: await this.wh.appender('submission_values'), issues: await this.wh.appender('issues') };
    }
    return this.open;
  }

  /** Makes the files loaded since the last commit durable. */
  async commit(): Promise<void> {
    if (!this.open) return;
    const appenders = APPENDED.map((table) => this.open![table]);
    this.open = null;
    this.uncommitted = 0;
    // Every appender closed inside the transaction, even after one fails: an appender left open
    // would flush its rows when collected, outside any transaction.
    let failure: { error: unknown } | null = null;
    for (const appender of appenders) {
      try {
        appender.closeSync();
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure) {
      await this.wh.run('ROLLBACK');
      throw failure.error;
    }
    await this.wh.commit();
  }

  /** Drops the files loaded since the last commit (after a failure: the batch ends). */
  async rollback(): Promise<void> {
    if (!this.open) return;
    const appenders = APPENDED.map((table) => this.open![table]);
    this.open = null;
    this.uncommitted = 0;
    // Closed inside the transaction, so that nothing they hold is flushed after it.
    for (const appender of appenders) {
      try {
        appender.closeSync();
      } catch {
        // A half-appended row: the rollback drops everything anyway.
      }
    }
    // After a failed COMMIT there is no transaction left: the COMMIT's error is the one to report.
    await this.wh.run('ROLLBACK').catch(() => undefined);
  }
}

async function deleteSubmission(wh: Warehouse, id: number): Promise<void> {
  for (const table of ['issues', 'submission_values']) {
    await wh.run(`DELETE FROM ${table} WHERE submission_id = $id`, { id });
  }
  await wh.run(`DELETE FROM submissions WHERE id = $id`, { id });
}

type SubmissionRow = Known & { receivedAt: string; overrideReason: string | null; valueCount: number; forms: string[]; reportDateCell: Submission['reportDateCell'] | null };

/**
 * A submission row, its columns appended in `SUBMISSION_COLUMNS`' order (the table's, checked
 * when the warehouse opens). DATE and TIMESTAMP columns take their text, cast by DuckDB as a
 * literal would be.
 */
function appendSubmission(a: DuckDBAppender, s: SubmissionRow): void {
  const { text, int, texts } = nullableAppends(a);
  const column: Record<(typeof SUBMISSION_COLUMNS)[number], () => void> = {
    id: () => a.appendInteger(s.id),
    unit_code: () => text(s.unitCode),
    period: () => a.appendVarchar(s.period),
    batch_period: () => a.appendVarchar(s.batchPeriod),
    report_date: () => text(s.reportDate),
    received_at: () => a.appendVarchar(s.receivedAt),
    file_name: () => a.appendVarchar(s.fileName),
    file_hash: () => a.appendVarchar(s.hash),
    status: () => a.appendVarchar(s.status),
    override_reason: () => text(s.overrideReason),
    value_count: () => a.appendInteger(s.valueCount),
    forms: () => texts(s.forms),
    arrived_at: () => text(s.arrivedAt),
    report_date_sheet: () => text(s.reportDateCell?.sheet),
    report_date_row: () => int(s.reportDateCell?.row),
    report_date_column: () => int(s.reportDateCell?.column),
  };
  for (const name of SUBMISSION_COLUMNS) column[name]();
  a.endRow();
}

function appendValues(appender: DuckDBAppender, id: number, values: ValueRow[]): void {
  const { int, text } = nullableAppends(appender);
  for (const v of values) {
    appender.appendInteger(id);
    appender.appendVarchar(v.form);
    appender.appendVarchar(v.rowCode);
    appender.appendBoolean(v.isTotal);
    appender.appendInteger(v.sheetRow);
    appender.appendInteger(v.column);
    appender.appendBigInt(BigInt(v.value));
    int(v.sheetColumn);
    text(v.sheet);
    appender.endRow();
  }
}

export interface OwnedIssue {
  issue: Issue;
  submissionId: number | null;
  period: string;
  unitCode: string | null;
  /** What the issue's cell held (core/found-value.ts), for the province's feedback. */
  valueFound?: string | null;
}

/** Writes issues through the appender: their text comes from files and never becomes SQL. */
export async function appendIssues(wh: Warehouse, rows: readonly OwnedIssue[], origin: 'file' | 'check'): Promise<void> {
  if (rows.length === 0) return;
  const appender = await wh.appender('issues');
  writeIssues(appender, rows, origin);
  appender.closeSync();
}

function writeIssues(appender: DuckDBAppender, rows: readonly OwnedIssue[], origin: 'file' | 'check'): void {
  const { text, int } = nullableAppends(appender);
  for (const { issue, submissionId, period, unitCode, valueFound } of rows) {
    int(submissionId);
    appender.appendVarchar(origin);
    appender.appendVarchar(period);
    text(unitCode);
    text(issue.file);
    appender.appendVarchar(issue.rule);
    appender.appendVarchar(issue.severity);
    text(issue.sheet);
    int(issue.row);
    int(issue.column);
    text(issue.cell);
    appender.appendVarchar(issue.message.vi);
    appender.appendVarchar(issue.message.en);
    text(valueFound);
    appender.endRow();
  }
}
