/** Whole files: blank templates and filled workbooks (writing: ./write, reading: ./read.ts). */
import { buildWorkbookModel, LayoutError, type WorkbookOptions } from '../layout';
import { isPeriodCode, parsePeriod, type Period } from '../periods';
import type { Submission } from '../submission';
import type { UnitRegistry } from '../units';
import { writeWorkbook } from './write';

type Extras = Pick<WorkbookOptions, 'targetOf' | 'generator'>;

/** A workbook holding a submission's values (filled reports, samples, the national workbook `VN`). */
export async function writeSubmissionWorkbook(sub: Submission, registry: UnitRegistry, opts: Extras = {}): Promise<Uint8Array> {
  if (!isPeriodCode(sub.period)) {
    throw new LayoutError(`Kỳ báo cáo "${sub.period}" không hợp lệ / Invalid period "${sub.period}"`);
  }
  const period = parsePeriod(sub.period);
  return writeWorkbook(buildWorkbookModel({ registry, unitCode: sub.unitCode, period, submission: sub, ...opts }));
}

/** The blank template of a unit and period; throws LayoutError for a unit unknown in the period. */
export async function blankTemplate(
  registry: UnitRegistry,
  unitCode: string,
  period: Period | string,
  opts: Extras & { reportDate?: string | null } = {},
): Promise<Uint8Array> {
  const p = typeof period === 'string' ? parsePeriod(period) : period;
  return writeWorkbook(buildWorkbookModel({ registry, unitCode, period: p, ...opts }));
}
