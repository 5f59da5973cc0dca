/**
 * The cross-file checks Q01–Q07 of a period, recomputed from the warehouse at every
 * consolidation of it and stored (replacing the previous run's) so the report reads one place.
 */
import type { Period } from '../../core/periods';
import type { UnitRegistry } from '../../core/units';
import { appendIssues } from '../warehouse/load';
import { currentSubmissions } from '../warehouse/queries';
import type { Warehouse } from '../warehouse/warehouse';
import type { Finding } from './finding';
import { checkResubmissions } from './q01-resubmissions';
import { checkAgainstMonths } from './q02-months';
import { checkOutliers } from './q03-outliers';
import { checkLate } from './q04-late';
import { checkMissing } from './q05-missing';
import { checkSameDate } from './q06-same-date';
import { checkBackdated } from './q07-backdated';

export async function runCrossFileChecks(wh: Warehouse, registry: UnitRegistry, period: Period): Promise<Finding[]> {
  const current = await currentSubmissions(wh, [period.code]);
  const findings = [
    ...(await checkResubmissions(wh, period)),
    ...(await checkAgainstMonths(wh, registry, period, current)),
    ...(await checkOutliers(wh, registry, period, current)),
    ...checkLate(period, current),
    ...checkMissing(registry, period, current),
    ...(await checkSameDate(wh, period)),
    ...(await checkBackdated(wh, period)),
  ];
  await wh.transaction(async () => {
    await wh.run(`DELETE FROM issues WHERE origin = 'check' AND period = $period`, { period: period.code });
    await appendIssues(wh, findings.map((f) => ({ ...f, period: period.code })), 'check');
  });
  return findings;
}
