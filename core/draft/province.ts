/**
 * A province's own draft from its report (the add-in's open sheets, or a workbook read by the
 * reader): the same model as the nation's, with the province's totals and indicators. Figures
 * of earlier periods are not in one workbook, so its comparisons say they are missing.
 */
import type { Text } from '../forms';
import type { IndicatorValue } from '../indicators';
import { isPeriodCode, parsePeriod } from '../periods';
import type { Submission } from '../submission';
import { unitTotalsOf } from '../unit-totals';
import type { UnitRegistry } from '../units';
import { buildDraft } from './build';
import type { DraftFigures } from './figures';
import type { DraftDocument } from './model';

/** A report no draft can be built from; `text` says why, in both languages. */
export class DraftError extends Error {
  constructor(readonly text: Text) {
    super(`${text.vi} / ${text.en}`);
  }
}

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
  if (!isPeriodCode(sub.period)) {
    throw new DraftError({ vi: `Kỳ báo cáo "${sub.period}" không hợp lệ, chưa lập được dự thảo.`, en: `Invalid period "${sub.period}": no draft can be made.` });
  }
  const period = parsePeriod(sub.period);
  const unit = registry.find(sub.unitCode, period);
  if (!unit || unit.level !== 'province') {
    throw new DraftError({
      vi: `Dự thảo báo cáo được lập cho cả tỉnh, thành phố; "${sub.unitCode}" không phải mã một tỉnh trong kỳ ${period.code}.`,
      en: `The report draft is made for a whole province; "${sub.unitCode}" is no province code in ${period.code}.`,
    });
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
