/**
 * Loading one judged file into the warehouse, in one transaction: its submission row, the sheets
 * it carried, its values (long form, through the appender) and its issues; when it takes over
 * from the unit's current report of the period, that one becomes history in the same transaction.
 */
import { FORM_IDS } from '../../core/forms';
import { numericValue } from '../../core/rules';
import type { FormRow, Issue, RawValue, Submission } from '../../core/submission';
import { isIsoDate, type IngestedFile } from '../ingest/read-file';
import { TARGET_COLUMNS, TARGETS_FORM, type SubmissionStatus } from './schema';
import { TextList, type Warehouse } from './warehouse';

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
  value: number;
}

/** The non-blank numbers of a submission, one per cell (values V01 refused are left out). */
export function valueRows(sub: Submission): ValueRow[] {
  const out: ValueRow[] = [];
  const push = (form: string, rowCode: string, isTotal: boolean, sheetRow: number, column: number, raw: RawValue) => {
    const value = numericValue(raw);
    if (value !== null) out.push({ form, rowCode, isTotal, sheetRow, column, value });
  };
  for (const form of FORM_IDS) {
    const table = sub.forms[form];
    if (!table) continue;
    const rows: [FormRow, boolean][] = table.rows.map((r) => [r, false]);
    if (table.total) rows.push([table.total, true]);
    for (const [row, isTotal] of rows) {
      const code = isTotal ? sub.unitCode : row.unitCode;
      row.values.forEach((raw, i) => push(form, code, isTotal, row.sheetRow, i + 1, raw));
    }
  }
  for (const t of sub.targets ?? []) {
    push(TARGETS_FORM, t.code, false, t.sheetRow, TARGET_COLUMNS.total, t.total);
    push(TARGETS_FORM, t.code, false, t.sheetRow, TARGET_COLUMNS.achieved, t.achieved);
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

/**
 * Fingerprints of files already accepted. The same accepted file again changes nothing; a
 * refused one is judged afresh (the batch, the unit list or the rules may have changed since),
 * its old verdict replaced.
 */
export async function acceptedHashes(wh: Warehouse, hashes: readonly string[]): Promise<Set<string>> {
  const rows = await wh.all<{ file_hash: string }>(
    `SELECT DISTINCT file_hash FROM submissions WHERE status <> 'refused' AND list_contains($1::VARCHAR[], file_hash)`,
    [new TextList(hashes)],
  );
  return new Set(rows.map((r) => r.file_hash));
}

interface Known {
  id: number;
  status: SubmissionStatus;
  same_file: boolean;
  report_date: string | null;
}

/**
 * Q01: of the reports of a unit for a period, the latest report date counts; on the same date,
 * the one received last. Whether a newly received report takes over from those already stored.
 */
export function takesOver(reportDate: string, stored: readonly { report_date: string | null }[]): boolean {
  return stored.every((k) => (k.report_date ?? '') <= reportDate);
}

export async function loadFile(wh: Warehouse, file: IngestedFile, batchPeriod: string, receivedAt: Date): Promise<LoadOutcome> {
  const sub = file.refused ? null : file.submission;
  // One read for both questions: was this very file seen, and what else did the unit send?
  const known = await wh.all<Known & Record<string, unknown>>(
    `SELECT id, status, file_hash = $1 AS same_file, strftime(report_date, '%Y-%m-%d') AS report_date
     FROM submissions WHERE file_hash = $1 OR (unit_code = $2 AND period = $3 AND status <> 'refused')`,
    [file.hash, sub?.unitCode ?? null, file.period],
  );
  const sameFile = known.filter((k) => k.same_file);
  if (sameFile.some((k) => k.status !== 'refused')) return 'unchanged';
  const others = known.filter((k) => !k.same_file);
  const outcome: LoadOutcome = !sub ? 'refused' : takesOver(sub.reportDate!, others) ? 'current' : 'superseded';
  const values = sub ? valueRows(sub) : [];

  return wh.transaction(async () => {
    for (const k of sameFile) await deleteSubmission(wh, k.id);
    if (outcome === 'current' && others.some((k) => k.status === 'current')) {
      await wh.run(`UPDATE submissions SET status = 'superseded' WHERE unit_code = $1 AND period = $2 AND status = 'current'`, [sub!.unitCode, file.period]);
    }
    const [{ id }] = await wh.all<{ id: number }>(
      `INSERT INTO submissions VALUES (nextval('submission_ids'), $1, $2, $3, $4::DATE, $5::TIMESTAMP, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [
        file.submission?.unitCode ?? null,
        file.period,
        batchPeriod,
        isIsoDate(file.submission?.reportDate) ? file.submission.reportDate : null,
        timestampText(receivedAt),
        file.fileName,
        file.hash,
        outcome,
        file.submission?.overrideReason || null,
        values.length,
        new TextList(sub ? sheetsOf(sub) : []),
      ],
    );
    if (sub) await appendValues(wh, id, values);
    const owner = { submissionId: id, period: file.period, unitCode: file.submission?.unitCode ?? null };
    await appendIssues(wh, file.issues.map((issue) => ({ issue, ...owner })), 'file');
    return outcome;
  });
}

async function deleteSubmission(wh: Warehouse, id: number): Promise<void> {
  for (const table of ['issues', 'submission_values']) {
    await wh.run(`DELETE FROM ${table} WHERE submission_id = $1`, [id]);
  }
  await wh.run(`DELETE FROM submissions WHERE id = $1`, [id]);
}

async function appendValues(wh: Warehouse, id: number, values: ValueRow[]): Promise<void> {
  const appender = await wh.appender('submission_values');
  for (const v of values) {
    appender.appendInteger(id);
    appender.appendVarchar(v.form);
    appender.appendVarchar(v.rowCode);
    appender.appendBoolean(v.isTotal);
    appender.appendInteger(v.sheetRow);
    appender.appendInteger(v.column);
    appender.appendBigInt(BigInt(v.value));
    appender.endRow();
  }
  appender.closeSync();
}

export interface OwnedIssue {
  issue: Issue;
  submissionId: number | null;
  period: string;
  unitCode: string | null;
}

/** Writes issues through the appender: their text comes from files and never becomes SQL. */
export async function appendIssues(wh: Warehouse, rows: readonly OwnedIssue[], origin: 'file' | 'check'): Promise<void> {
  if (rows.length === 0) return;
  const appender = await wh.appender('issues');
  const text = (s: string | null | undefined) => (s == null ? appender.appendNull() : appender.appendVarchar(s));
  const int = (n: number | null) => (n == null ? appender.appendNull() : appender.appendInteger(n));
  for (const { issue, submissionId, period, unitCode } of rows) {
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
    appender.endRow();
  }
  appender.closeSync();
}
