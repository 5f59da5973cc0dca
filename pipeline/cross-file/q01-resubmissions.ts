/**
 * Q01: a unit sent more than one report for the period; the latest report date counts. The
 * finding names the cells that differ between the earlier version and the one that counts (and
 * points at the first of them).
 */
import type { Period } from '../../core/periods';
import { cellChangeText } from '../../core/revisions';
import { fileIssue } from '../../core/submission';
import { submissionDiff } from '../warehouse/diff';
import type { Warehouse } from '../warehouse/warehouse';
import { viDate } from '../../core/format';
import type { Finding } from './finding';

/** Cells named in the message; the feedback file and the report list them all. */
const CELLS_NAMED = 10;

export async function checkResubmissions(wh: Warehouse, period: Period): Promise<Finding[]> {
  const rows = await wh.all<{ unit: string; cur_id: number; cur_file: string; cur_date: string; old_id: number; old_file: string; old_date: string }>(
    `SELECT c.unit_code AS unit, c.id AS cur_id, c.file_name AS cur_file, strftime(c.report_date, '%Y-%m-%d') AS cur_date,
            s.id AS old_id, s.file_name AS old_file, strftime(s.report_date, '%Y-%m-%d') AS old_date
     FROM submissions s JOIN submissions c ON c.unit_code = s.unit_code AND c.period = s.period AND c.status = 'current'
     WHERE s.period = $period AND s.status = 'superseded'
     ORDER BY c.unit_code, s.report_date, s.id`,
    { period: period.code },
  );
  const findings: Finding[] = [];
  for (const r of rows) {
    const cells = await submissionDiff(wh, r.old_id, r.cur_id);
    const named = cells.slice(0, CELLS_NAMED).map((c) => cellChangeText(c));
    const more = cells.length > CELLS_NAMED ? cells.length - CELLS_NAMED : 0;
    const vi = cells.length
      ? `; ${cells.length} ô khác nhau: ${named.join(', ')}${more ? `, … và ${more} ô khác` : ''}`
      : '; hai bản có cùng số liệu';
    const en = cells.length
      ? `; ${cells.length} cells differ: ${cells.slice(0, CELLS_NAMED).map((c) => cellChangeText(c, 'en')).join(', ')}${more ? `, … and ${more} more` : ''}`
      : '; both versions hold the same figures';
    const issue = fileIssue('Q01', {
      vi: `Báo cáo nộp lại: dùng tệp ${r.cur_file} (ngày báo cáo ${viDate(r.cur_date)}); tệp ${r.old_file} (ngày ${viDate(r.old_date)}) được lưu làm lịch sử${vi}`,
      en: `Resubmission: ${r.cur_file} (report date ${r.cur_date}) is used; ${r.old_file} (${r.old_date}) is kept as history${en}`,
    });
    if (cells.length) Object.assign(issue, { sheet: cells[0].sheet, row: cells[0].sheetRow, column: cells[0].sheetColumn, cell: cells[0].cell });
    issue.file = r.cur_file;
    findings.push({ issue, unitCode: r.unit, submissionId: r.cur_id, valueFound: cells.length ? String(cells[0].new ?? '') : null });
  }
  return findings;
}
