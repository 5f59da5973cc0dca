/** Q01: a unit sent more than one report for the period; the latest report date counts. */
import type { Period } from '../../core/periods';
import { fileIssue } from '../../core/submission';
import type { Warehouse } from '../warehouse/warehouse';
import { viDate } from '../../core/format';
import type { Finding } from './finding';

export async function checkResubmissions(wh: Warehouse, period: Period): Promise<Finding[]> {
  const rows = await wh.all<{ unit: string; cur_id: number; cur_file: string; cur_date: string; old_file: string; old_date: string }>(
    `SELECT c.unit_code AS unit, c.id AS cur_id, c.file_name AS cur_file, strftime(c.report_date, '%Y-%m-%d') AS cur_date,
            s.file_name AS old_file, strftime(s.report_date, '%Y-%m-%d') AS old_date
     FROM submissions s JOIN submissions c ON c.unit_code = s.unit_code AND c.period = s.period AND c.status = 'current'
     WHERE s.period = $1 AND s.status = 'superseded'
     ORDER BY c.unit_code, s.report_date, s.id`,
    [period.code],
  );
  return rows.map((r) => {
    const issue = fileIssue('Q01', {
      vi: `Báo cáo nộp lại: dùng tệp ${r.cur_file} (ngày báo cáo ${viDate(r.cur_date)}); tệp ${r.old_file} (ngày ${viDate(r.old_date)}) được lưu làm lịch sử`,
      en: `Resubmission: ${r.cur_file} (report date ${r.cur_date}) is used; ${r.old_file} (${r.old_date}) is kept as history`,
    });
    issue.file = r.cur_file;
    return { issue, unitCode: r.unit, submissionId: r.cur_id };
  });
}
