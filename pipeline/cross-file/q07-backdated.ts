/**
 * Q07: a report that arrived after another of its unit and period but is dated before it. Its
 * date cannot be when it was made; timeliness follows the first arrival (queries.ts
 * `firstReportDate`), so the backdated file cannot make a late province on time.
 */
import { viDate } from '../../core/format';
import type { Period } from '../../core/periods';
import type { Warehouse } from '../warehouse/warehouse';
import { reportDateCellColumns, reportDateIssue, type Finding, type ReportDateCell } from './finding';

export async function checkBackdated(wh: Warehouse, period: Period): Promise<Finding[]> {
  const rows = await wh.all<{ unit: string; id: number; file: string; date: string; first_file: string; first_date: string } & ReportDateCell>(
    `SELECT l.unit_code AS unit, l.id, l.file_name AS file, strftime(l.report_date, '%Y-%m-%d') AS date,
            e.file_name AS first_file, strftime(e.report_date, '%Y-%m-%d') AS first_date, ${reportDateCellColumns('l')}
     FROM submissions l JOIN submissions e
       ON e.unit_code = l.unit_code AND e.period = l.period AND e.status <> 'refused'
      AND e.arrived_at < l.arrived_at AND l.report_date < e.report_date
     WHERE l.period = $period AND l.status <> 'refused'
     ORDER BY l.unit_code, l.file_name, e.file_name`,
    { period: period.code },
  );
  return rows.map((r) => {
    const issue = reportDateIssue('Q07', r, {
      vi: `Ngày báo cáo ${viDate(r.date)} sớm hơn ngày ${viDate(r.first_date)} của tệp ${r.first_file} đã đến trước: ngày báo cáo có thể bị ghi lùi; việc đúng hạn tính theo lần nộp đầu tiên`,
      en: `Report dated ${r.date}, before ${r.first_date} on ${r.first_file}, which arrived first: the date may be backdated; timeliness follows the first arrival`,
    });
    issue.file = r.file;
    return { issue, unitCode: r.unit, submissionId: r.id };
  });
}
