/**
 * Q06: two different reports of a unit for a period carry the same report date. Which one counts
 * is decided by arrival, then content (core/precedence.ts `ranksAbove`), never by the
 * order files were loaded in; the analyst is told, since only the province knows which is right.
 */
import { viDate } from '../../core/format';
import type { Period } from '../../core/periods';
import type { Warehouse } from '../warehouse/warehouse';
import { reportDateCellColumns, reportDateIssue, type Finding, type ReportDateCell } from './finding';

export async function checkSameDate(wh: Warehouse, period: Period): Promise<Finding[]> {
  const rows = await wh.all<{ unit: string; cur_id: number; cur_file: string; date: string; other_file: string; same_arrival: boolean } & ReportDateCell>(
    `SELECT c.unit_code AS unit, c.id AS cur_id, c.file_name AS cur_file, strftime(c.report_date, '%Y-%m-%d') AS date,
            o.file_name AS other_file, c.arrived_at = o.arrived_at AS same_arrival, ${reportDateCellColumns('c')}
     FROM submissions c JOIN submissions o
       ON o.unit_code = c.unit_code AND o.period = c.period AND o.report_date = c.report_date
      AND o.status = 'superseded' AND o.file_hash <> c.file_hash
     WHERE c.period = $period AND c.status = 'current'
     ORDER BY c.unit_code, o.file_name`,
    { period: period.code },
  );
  return rows.map((r) => {
    const why = r.same_arrival
      ? { vi: 'hai tệp đến cùng lúc nên chọn theo nội dung tệp', en: 'both arrived at the same time, so it is chosen by content' }
      : { vi: 'tệp đến sau', en: 'it arrived later' };
    const issue = reportDateIssue('Q06', r, {
      vi: `Hai báo cáo khác nhau cùng ngày báo cáo ${viDate(r.date)}: dùng tệp ${r.cur_file} (${why.vi}), tệp ${r.other_file} được lưu làm lịch sử; hãy hỏi lại tỉnh bản nào đúng`,
      en: `Two different reports dated ${r.date}: ${r.cur_file} is used (${why.en}), ${r.other_file} is kept as history; ask the province which is right`,
    });
    issue.file = r.cur_file;
    return { issue, unitCode: r.unit, submissionId: r.cur_id };
  });
}
