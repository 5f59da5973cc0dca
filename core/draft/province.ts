/**
 * A province's own draft from its report (the add-in's open sheets, or a workbook read by the
 * reader): the same model as the nation's, with the province's totals and indicators. Figures
 * of earlier periods are not in one workbook, so its comparisons say they are missing.
 */
import type { IndicatorValue } from '../indicators';
import { isPeriodCode, parsePeriod } from '../periods';
import type { Submission } from '../submission';
import { unitTotalsOf } from '../unit-totals';
import type { UnitRegistry } from '../units';
import { buildDraft } from './build';
import type { DraftFigures } from './figures';
import type { DraftDocument } from './model';

export class DraftError extends Error {}

/**
 * `indicators`: the unit's own (core/indicators evaluated over its totals); `earlier` the figures
 * of the month before and the same period last year where the caller has them.
 */
export function provinceDraft(
  sub: Submission,
  registry: UnitRegistry,
  indicators: readonly IndicatorValue[],
  date: string,
  earlier: { previous?: DraftFigures | null; lastYear?: DraftFigures | null } = {},
): DraftDocument {
  if (!isPeriodCode(sub.period)) throw new DraftError(`Kỳ báo cáo "${sub.period}" không hợp lệ / invalid period "${sub.period}"`);
  const period = parsePeriod(sub.period);
  const unit = registry.find(sub.unitCode, period);
  if (!unit || unit.level !== 'province') {
    throw new DraftError(`Mã "${sub.unitCode}" không phải một tỉnh trong kỳ ${period.code} / "${sub.unitCode}" is no province in ${period.code}`);
  }
  return buildDraft({
    level: 'province',
    unit: { code: unit.code, name: unit.name },
    date,
    current: { period, totals: unitTotalsOf(sub), indicators },
    previous: earlier.previous ?? null,
    lastYear: earlier.lastYear ?? null,
  });
}

/** `bao-cao_<unit>_<period>.docx`, anything odd in a code replaced so the name is always valid. */
export function draftFileName(sub: Submission): string {
  const safe = (s: string) => s.replace(/[^0-9A-Za-z-]+/g, '_') || 'khong-ro';
  return `bao-cao_${safe(sub.unitCode)}_${safe(sub.period)}.docx`;
}
