/**
 * `bao-cao_<P>.docx`: the national report draft (Mẫu 01 / Mẫu 02 one level up, core/draft) from
 * the same warehouse figures as the national workbook and indicators.csv, compared with the
 * previous month and the same period of the previous year where those were consolidated, with
 * the report's charts as pictures.
 */
import { join } from 'node:path';
import { vietnamDate } from '../../core/format';
import type { DraftFigures, DraftInput, NationalPart } from '../../core/draft/build';
import type { IndicatorValue } from '../../core/indicators';
import { parsePeriod, previousPeriod, type Period } from '../../core/periods';
import type { ReportData } from '../../core/report-data';
import type { TargetTable } from '../../core/targets';
import { unitTotalsOf } from '../../core/unit-totals';
import { NATIONAL_CODE, type UnitRegistry } from '../../core/units';
import { computeIndicators } from '../indicators/compute';
import { currentSubmissions, currentTotals } from '../warehouse/queries';
import type { Warehouse } from '../warehouse/warehouse';
import { nationalSubmission } from './national-workbook';

export interface NationalDraftInput {
  wh: Warehouse;
  registry: UnitRegistry;
  targets: TargetTable;
  period: Period;
  data: ReportData;
}

/** The same period one year earlier (2026-03 → 2025-03, 2026-H1 → 2025-H1, 2026 → 2025). */
export function sameLastYear(p: Period): Period {
  return parsePeriod(p.code.replace(/^\d{4}/, String(p.year - 1)));
}

/** The nation's figures of a period, or null when nothing of it was consolidated. */
async function nationFigures(input: NationalDraftInput, period: Period, known?: IndicatorValue[]): Promise<DraftFigures | null> {
  const { wh, registry } = input;
  if ((await currentSubmissions(wh, [period.code])).length === 0) return null;
  const submission = nationalSubmission(registry, period, await currentTotals(wh, [period.code]), null);
  const indicators = known ?? (await computeIndicators(wh, registry, input.targets, period));
  return { period, totals: unitTotalsOf(submission, Infinity), indicators: indicators.filter((v) => v.unitCode === NATIONAL_CODE) };
}

export async function nationalDraftInput(input: NationalDraftInput): Promise<DraftInput> {
  const { wh, registry, period, data } = input;
  const totals = await currentTotals(wh, [period.code]);
  const submission = nationalSubmission(registry, period, totals, null);
  const national: NationalPart = {
    provinces: data.provinces,
    indicators: data.indicators.filter((v) => v.unitCode !== NATIONAL_CODE),
    statuses: data.statuses,
    // The charts drawn, known once they are (render-jobs.ts).
    charts: [],
    provinceTotals: (submission.forms.F03?.rows ?? []).map((row, i) => ({
      code: row.unitCode,
      name: row.unitName,
      // The national submission's rows hold each province's totals as numbers (blank = null).
      totals: { forms: Object.fromEntries(Object.entries(submission.forms).map(([id, t]) => [id, t!.rows[i].values as (number | null)[]])), targets: {} },
    })),
  };
  const lastYearPeriod = sameLastYear(period);
  const previous = previousPeriod(period);
  const known = (p: Period) => (data.previousPeriod === p.code ? data.previousIndicators : undefined);
  return {
    level: 'national',
    unit: { code: NATIONAL_CODE, name: 'Bảo hiểm xã hội Việt Nam' },
    date: vietnamDate(data.producedAt),
    current: { period, totals: unitTotalsOf(submission, Infinity), indicators: data.indicators.filter((v) => v.unitCode === NATIONAL_CODE) },
    previous: period.kind === 'month' ? await nationFigures(input, previous, known(previous)) : null,
    lastYear: await nationFigures(input, lastYearPeriod, known(lastYearPeriod)),
    national,
  };
}

/** Where the national draft of a period goes. */
export const nationalDraftPath = (outDir: string, period: Period) => join(outDir, `bao-cao_${period.code}.docx`);
