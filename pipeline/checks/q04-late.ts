/** Q04: a report dated on or after its deadline is late. */
import { dueBefore, isOnTime, type Period } from '../../core/periods';
import { fileIssue } from '../../core/submission';
import type { CurrentSubmission } from '../warehouse/queries';
import { type Finding, viDate } from './finding';

export function checkLate(period: Period, current: readonly CurrentSubmission[]): Finding[] {
  const due = dueBefore(period);
  return current
    .filter((s) => !isOnTime(period, s.reportDate))
    .map((s) => {
      const issue = fileIssue('Q04', 'info', {
        vi: `Nộp muộn: ngày báo cáo ${viDate(s.reportDate)}, hạn nộp trước ngày ${viDate(due)}`,
        en: `Late: report dated ${s.reportDate}, due before ${due}`,
      });
      issue.file = s.fileName;
      return { issue, unitCode: s.unitCode, submissionId: s.id };
    });
}
