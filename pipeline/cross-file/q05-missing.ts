/** Q05: provinces valid in the period from which no accepted report has arrived. */
import { periodLabel, type Period } from '../../core/periods';
import { fileIssue } from '../../core/submission';
import type { UnitRegistry } from '../../core/units';
import type { CurrentSubmission } from '../warehouse/queries';
import type { Finding } from './finding';

export function checkMissing(registry: UnitRegistry, period: Period, current: readonly CurrentSubmission[]): Finding[] {
  const received = new Set(current.map((s) => s.unitCode));
  const label = periodLabel(period);
  return registry
    .provinces(period)
    .filter((p) => !received.has(p.code))
    .map((p) => ({
      issue: fileIssue('Q05', {
        vi: `Chưa có báo cáo hợp lệ của ${p.name} (${p.code}) cho ${label.vi.toLocaleLowerCase('vi')}`,
        en: `No accepted report from ${p.name} (${p.code}) for ${label.en}`,
      }),
      unitCode: p.code,
      submissionId: null,
    }));
}
