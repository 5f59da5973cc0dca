/**
 * The validation report of a period: every open issue, by province, with file, sheet and cell.
 * "Open" means: issues of the submissions that count, the cross-file checks of the period, and
 * refused files not yet made good by a later accepted report of the same unit (a file that could
 * not even be identified is listed while it is in the folder being consolidated).
 */
import { vietnamTime } from '../../core/format';
import type { Text } from '../../core/forms';
import type { UnitStatus } from '../../core/unit-status';
import type { Period } from '../../core/periods';
import { periodLabel } from '../../core/periods';
import type { ReportIssue } from '../../core/report-data';
import { RULES, RULE_IDS } from '../../core/rule-catalogue';
import { SEVERITIES, SEVERITY_NAME, SEVERITY_ORDER, type Issue, type RuleId, type Severity } from '../../core/submission';
import type { UnitRegistry } from '../../core/units';
import { html, joined } from './report/html';
import { statusCountsHtml, statusTableHtml, STATUS_CSS } from './report/status-table';
import type { SubmissionStatus } from '../warehouse/schema';
import { TextList, type Warehouse } from '../warehouse/warehouse';
import { toCsv } from './csv';

/** How a file stands: its submission's status, or `skipped` for a file of the folder not read. */
export type FileStatus = SubmissionStatus | 'skipped';

export interface ValidationEntry extends ReportIssue {
  unitName: string;
  /** Status of the file the issue is about; null for findings about a unit that sent nothing. */
  status: FileStatus | null;
  /** What the cell held, when the issue is about a cell. */
  valueFound: string | null;
}

interface IssueRow extends Record<string, unknown> {
  unit_code: string | null;
  file_name: string | null;
  status: SubmissionStatus | null;
  /** Stored from issues, so always a rule of the catalogue. */
  rule: RuleId;
  severity: Severity;
  sheet: string | null;
  row_no: number | null;
  column_no: number | null;
  cell: string | null;
  message_vi: string;
  message_en: string;
  value_found: string | null;
}

/** A file of a run as `runFiles` of `openIssues` names it: fingerprint and name. */
export const runFileKey = (hash: string, name: string) => `${hash}:${name}`;

/**
 * `runFiles`: the files of this run's folder (`runFileKey`). A refused file belongs to the batch
 * that refused it: a report refused by another period's batch (P01) is not an issue of its own.
 */
export async function openIssues(wh: Warehouse, registry: UnitRegistry, period: Period, runFiles: readonly string[]): Promise<ValidationEntry[]> {
  const rows = await wh.all<IssueRow>(
    `SELECT i.unit_code, i.file_name, s.status, i.rule, i.severity, i.sheet, i.row_no, i.column_no, i.cell, i.message_vi, i.message_en, i.value_found
     FROM issues i LEFT JOIN submissions s ON s.id = i.submission_id
     WHERE (i.origin = 'check' AND i.period = $period)
        OR (i.origin = 'file' AND s.status = 'current' AND s.period = $period)
        OR (i.origin = 'file' AND s.status = 'refused' AND s.batch_period = $period AND (
              list_contains($run_files::VARCHAR[], s.file_hash || ':' || s.file_name)
              OR (s.unit_code IS NOT NULL AND NOT EXISTS (
                    SELECT 1 FROM submissions a
                    WHERE a.unit_code = s.unit_code AND a.period = s.period AND a.status <> 'refused' AND a.id > s.id))))`,
    { period: period.code, run_files: new TextList(runFiles) },
  );
  const entries = rows.map(
    (r): ValidationEntry => ({
      rule: r.rule,
      severity: r.severity,
      sheet: r.sheet,
      row: r.row_no,
      column: r.column_no,
      cell: r.cell,
      message: { vi: r.message_vi, en: r.message_en },
      file: r.file_name ?? undefined,
      unitCode: r.unit_code,
      unitName: unitName(registry, r.unit_code, period),
      status: r.status,
      valueFound: r.value_found,
    }),
  );
  return entries.sort(compareEntries);
}

/**
 * The files of the folder that were not read as reports (lock files P07, other documents P06),
 * each with its verdict (naming its file), so that the report lists every file of the folder.
 */
export function skippedEntries(skipped: readonly { issue: Issue }[]): ValidationEntry[] {
  return skipped
    .map(({ issue }): ValidationEntry => ({ ...issue, unitCode: null, unitName: NOT_READ, status: 'skipped', valueFound: null }))
    .sort(compareEntries);
}

const NOT_READ = 'Tệp không đọc (không phải báo cáo) / Files not read (not reports)';

function unitName(registry: UnitRegistry, code: string | null, period: Period): string {
  if (!code) return 'Không xác định được đơn vị';
  return registry.find(code, period)?.name ?? registry.versions(code)[0]?.name ?? code;
}

const cmp = (a: string | number | null | undefined, b: string | number | null | undefined) =>
  a === b ? 0 : a == null ? 1 : b == null ? -1 : a < b ? -1 : 1;

/** By province (unidentified files last), then severity, file, sheet, row, column. */
function compareEntries(a: ValidationEntry, b: ValidationEntry): number {
  return (
    cmp(a.unitCode, b.unitCode) ||
    cmp(a.unitName, b.unitName) ||
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    cmp(a.file, b.file) ||
    cmp(a.rule, b.rule) ||
    cmp(a.sheet, b.sheet) ||
    cmp(a.row, b.row) ||
    cmp(a.column, b.column) ||
    cmp(a.message.vi, b.message.vi)
  );
}

const STATUS_TEXT: Record<FileStatus, Text> = {
  current: { vi: 'Đang dùng', en: 'Current' },
  superseded: { vi: 'Đã thay thế', en: 'Superseded' },
  refused: { vi: 'Bị từ chối', en: 'Refused' },
  skipped: { vi: 'Không đọc', en: 'Not read' },
};

export const VALIDATION_CSV_HEADER = [
  'unit_code', 'unit_name', 'file', 'file_status', 'rule', 'severity', 'sheet', 'cell', 'message_vi', 'message_en',
] as const;

export function validationCsv(entries: readonly ValidationEntry[]): string {
  return toCsv(
    VALIDATION_CSV_HEADER,
    entries.map((e) => [
      e.unitCode ?? '', e.unitName, e.file ?? '', e.status ?? '', e.rule, e.severity, e.sheet ?? '', e.cell ?? '', e.message.vi, e.message.en,
    ]),
    true,
  );
}

/** What a rule requires (what to fix when it is broken); undefined for an unknown id. */
export function ruleDescription(id: string): Text | undefined {
  return ruleLegend().find((r) => r.id === id)?.description;
}

/** Every rule id a report can show, with what it means. */
/** Every rule with what it checks and how to fix it, from the catalogue. */
function ruleLegend(): { id: RuleId; description: Text; fix: Text }[] {
  return RULE_IDS.map((id) => ({ id, description: RULES[id].title, fix: RULES[id].fix }));
}

/** A readable, self-contained HTML page (no script, no network), printable on A4. */
export function validationHtml(period: Period, entries: readonly ValidationEntry[], producedAt: string, statuses: readonly UnitStatus[] = []): string {
  const label = periodLabel(period);
  const counts = SEVERITIES.map((s) => [s, entries.filter((x) => x.severity === s).length] as const);
  const groups = new Map<string, ValidationEntry[]>();
  for (const entry of entries) {
    const key = entry.unitCode ?? entry.unitName;
    const group = groups.get(key);
    if (group) group.push(entry);
    else groups.set(key, [entry]);
  }
  const usedRules = new Set(entries.map((x) => x.rule));
  const sections = [...groups.values()].map((list) => {
    const head = list[0].unitCode ? `${list[0].unitCode} · ${list[0].unitName}` : list[0].unitName;
    const rows = list.map(
      (x) => html`<tr class="${x.severity}">
  <td>${SEVERITY_NAME[x.severity].vi}</td><td>${x.rule}</td><td>${x.file}</td>
  <td>${x.status && STATUS_TEXT[x.status].vi}</td><td>${x.sheet}</td><td>${x.cell}</td>
  <td>${x.message.vi}<div class="en">${x.message.en}</div></td>
</tr>`,
    );
    return html`<section>
<h2>${head} <small>(${list.length})</small></h2>
<table>
<colgroup><col style="width:7%"><col style="width:5%"><col style="width:14%"><col style="width:8%"><col style="width:7%"><col style="width:5%"><col></colgroup>
<thead><tr><th>Mức độ</th><th>Quy tắc</th><th>Tệp</th><th>Tình trạng tệp</th><th>Trang tính</th><th>Ô</th><th>Nội dung / Message</th></tr></thead>
<tbody>
${joined(rows, '\n')}
</tbody>
</table>
</section>`;
  });
  const legend = ruleLegend()
    .filter((r) => usedRules.has(r.id))
    .map(
      (r) =>
        html`<tr><td>${r.id}</td><td>${r.description.vi}<div class="en">${r.description.en}</div></td><td>${r.fix.vi}<div class="en">${r.fix.en}</div></td></tr>`,
    );
  return html`<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>Báo cáo kiểm tra số liệu — ${label.vi}</title>
<style>
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 13px; margin: 24px; color: #111; }
h1 { font-size: 20px; margin-bottom: 4px; }
h2 { font-size: 15px; margin: 20px 0 6px; border-bottom: 1px solid #999; }
small, .en { color: #555; font-size: 11px; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
td { overflow-wrap: anywhere; }
th, td { border: 1px solid #bbb; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #e8eef5; }
tr.error td:first-child { font-weight: bold; color: #a00; }
tr.warning td:first-child { color: #8a5a00; }
.counts span { margin-right: 18px; }
@media print { body { margin: 10mm; font-size: 10px; } section { break-inside: auto; } tr { break-inside: avoid; } }
@page { size: A4 landscape; }
${STATUS_CSS}
</style>
</head>
<body>
<h1>Báo cáo kiểm tra số liệu ${label.vi.toLocaleLowerCase('vi')} <small>/ Validation report, ${label.en}</small></h1>
<p>Lập lúc / produced ${vietnamTime(producedAt)}</p>
${statuses.length > 0 && html`<h2>Tình trạng báo cáo của các tỉnh <small>/ Status of each province</small></h2>\n${statusCountsHtml(statuses)}\n${statusTableHtml(statuses)}`}
<h2>Vấn đề theo tỉnh <small>/ Issues by province</small></h2>
<p class="counts">${counts.map(([s, n]) => html`<span>${SEVERITY_NAME[s].vi}: <b>${n}</b></span>`)}</p>
${entries.length === 0 ? html`<p>Không có vấn đề nào / No issues.</p>` : joined(sections, '\n')}
${legend.length > 0 && html`<h2>Giải thích quy tắc / Rules</h2>\n<table><colgroup><col style="width:7%"><col style="width:50%"><col></colgroup><thead><tr><th>Quy tắc / Rule</th><th>Nội dung / What it checks</th><th>Cách sửa / How to fix</th></tr></thead><tbody>\n${joined(legend, '\n')}\n</tbody></table>`}
</body>
</html>
`.toString();
}
