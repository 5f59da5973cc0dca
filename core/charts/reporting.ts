/**
 * Reporting completeness and timeliness: provinces × periods, one cell per expected report,
 * coloured by status and marked with a glyph (✓ ! ✗ –) so that it reads without colour.
 */
import type { TopLevelSpec } from 'vega-lite';
import { comparePeriods, parsePeriod } from '../periods';
import type { ProvinceRef, ReportingCell, ReportingStatus } from '../report-data';
import { provinceLabels, shortPeriodLabel, VEGA_LITE_SCHEMA } from './common';
import { CHART_CONFIG, COLOURS } from './theme';

export const STATUS_TEXT: Record<ReportingStatus, { label: string; glyph: string; fill: string; ink: string }> = {
  on_time: { label: 'Đúng hạn', glyph: '✓', fill: COLOURS.primary, ink: '#ffffff' },
  late: { label: 'Trễ hạn', glyph: '!', fill: COLOURS.contrast, ink: COLOURS.ink },
  refused: { label: 'Bị từ chối', glyph: '✗', fill: COLOURS.refused, ink: '#ffffff' },
  missing: { label: 'Chưa nộp', glyph: '–', fill: COLOURS.missing, ink: COLOURS.ink },
};
const STATUSES: readonly ReportingStatus[] = ['on_time', 'late', 'refused', 'missing'];

export interface ReportingChartInput {
  reporting: readonly ReportingCell[];
  provinces: readonly ProvinceRef[];
}

/** Null when there is no reporting cell for any of the provinces. */
export function reportingHeatmap({ reporting, provinces }: ReportingChartInput): TopLevelSpec | null {
  const names = provinceLabels(provinces);
  const cells = reporting
    .filter((c) => names.has(c.unitCode))
    .map((c) => ({ name: names.get(c.unitCode)!, period: shortPeriodLabel(c.period), code: c.period, ...statusFields(c.status) }));
  if (cells.length === 0) return null;
  const periods = [...new Set(cells.map((c) => c.code))].sort((a, b) => comparePeriods(parsePeriod(a), parsePeriod(b)));
  const encoding = {
    x: { field: 'period', type: 'ordinal' as const, title: null, sort: periods.map(shortPeriodLabel), axis: { orient: 'top' as const, labelAngle: 0, ticks: false, domain: false } },
    y: { field: 'name', type: 'nominal' as const, title: null, sort: provinces.map((p) => names.get(p.code)!), axis: { ticks: false, domain: false, labelLimit: 140 } },
  };

  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: 'Tình hình nộp báo cáo của các tỉnh',
      subtitle: STATUSES.map((s) => `${STATUS_TEXT[s].glyph} ${STATUS_TEXT[s].label.toLowerCase()}`).join(' · '),
    },
    config: CHART_CONFIG,
    data: { values: cells },
    width: { step: 34 },
    height: { step: 15 },
    encoding,
    layer: [
      {
        name: 'reporting_cells',
        mark: { type: 'rect', stroke: '#9a9a9a', strokeWidth: 0.5 },
        encoding: {
          fill: {
            field: 'status',
            type: 'nominal',
            title: null,
            scale: { domain: STATUSES.map((s) => STATUS_TEXT[s].label), range: STATUSES.map((s) => STATUS_TEXT[s].fill) },
          },
        },
      },
      {
        name: 'reporting_glyphs',
        mark: { type: 'text', fontSize: 10, fontWeight: 'bold' },
        encoding: { text: { field: 'glyph' }, color: { field: 'ink', type: 'nominal', scale: null } },
      },
    ],
  };
}

function statusFields(status: ReportingStatus) {
  const s = STATUS_TEXT[status];
  return { status: s.label, glyph: s.glyph, ink: s.ink };
}
