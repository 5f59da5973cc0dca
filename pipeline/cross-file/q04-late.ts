/** Q04: a report first dated on or after its deadline is late (a later correction does not count). */
import { FORM_03 } from '../../core/forms';
import { TITLE_BLOCK } from '../../core/layout';
import { dueBefore, isOnTime, type Period } from '../../core/periods';
import { cellIssue } from '../../core/submission';
import type { CurrentSubmission } from '../warehouse/queries';
import { viDate } from '../../core/format';
import type { Finding } from './finding';

export function checkLate(period: Period, current: readonly CurrentSubmission[]): Finding[] {
  const due = dueBefore(period);
  return current
    .filter((s) => !isOnTime(period, s.firstReportDate))
    .map((s) => {
      const issue = cellIssue('Q04', FORM_03.sheetName, TITLE_BLOCK.reportDate.row, TITLE_BLOCK.reportDate.column, {
        vi: `Nộp muộn: ngày báo cáo ${viDate(s.firstReportDate)}, hạn nộp trước ngày ${viDate(due)}`,
        en: `Late: report dated ${s.firstReportDate}, due before ${due}`,
      });
      issue.file = s.fileName;
      return { issue, unitCode: s.unitCode, submissionId: s.id, valueFound: s.firstReportDate };
    });
}
