/**
 * National monthly trend of the main Form 03 flows, one small panel per flow (their scales
 * differ by orders of magnitude), this year against the previous year where it is stored.
 * The years differ by colour, dash and point shape. New participants come from six-month and
 * annual reports only (Form 04), so they have no monthly trend; see the effectiveness chart.
 */
import type { TopLevelSpec } from 'vega-lite';
import { FORM_03 } from '../forms';
import type { MonthlyFlow } from '../report-data';
import { parsePeriod } from '../periods';
import { VEGA_LITE_SCHEMA } from './common';
import { D3_FORMAT } from './format';
import { CHART_CONFIG, COLOURS, DASH } from './theme';

/** Conferences, attendees, small-group sessions, loudspeaker broadcasts. */
export const TREND_COLUMNS: readonly number[] = [4, 5, 7, 16];

export interface TrendChartInput {
  flows: readonly MonthlyFlow[];
  /** The consolidated period: its year is "this year". */
  period: string;
}

/** Null when no month of this year holds any of the flows. */
export function monthlyTrendChart({ flows, period }: TrendChartInput): TopLevelSpec | null {
  const year = parsePeriod(period).year;
  const seriesOf = (y: number) => `Năm ${y}`;
  const rows = flows
    .filter((f) => TREND_COLUMNS.includes(f.column))
    .map((f) => ({ year: Number(f.month.slice(0, 4)), month: Number(f.month.slice(5, 7)), column: f.column, value: f.value }))
    .filter((f) => f.year === year || f.year === year - 1)
    .map((f) => ({ ...f, series: seriesOf(f.year), flow: FORM_03.columns[f.column - 1].label.vi }));
  const columns = TREND_COLUMNS.filter((c) => rows.some((r) => r.column === c && r.year === year));
  if (columns.length === 0) return null;
  const shown = rows.filter((r) => columns.includes(r.column));
  const lastMonth = Math.max(...shown.map((r) => r.month));
  const series = { field: 'series', type: 'nominal' as const, title: null, scale: { domain: [seriesOf(year), seriesOf(year - 1)] } };

  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: 'Diễn biến hằng tháng toàn quốc', subtitle: `Năm ${year} so với năm ${year - 1} · Mẫu 03, tổng các tỉnh` },
    config: CHART_CONFIG,
    data: { values: shown },
    facet: {
      field: 'flow',
      type: 'nominal',
      title: null,
      sort: columns.map((c) => FORM_03.columns[c - 1].label.vi),
      header: { labelAnchor: 'start' },
    },
    columns: 2,
    spec: {
      width: 250,
      height: 130,
      encoding: {
        x: {
          field: 'month',
          type: 'ordinal',
          title: null,
          scale: { domain: Array.from({ length: lastMonth }, (_, i) => i + 1) },
          axis: { labelExpr: "'T' + datum.value", labelAngle: 0 },
        },
        y: { field: 'value', type: 'quantitative', title: null, axis: { format: D3_FORMAT.count, tickMinStep: 1 } },
        color: { ...series, scale: { ...series.scale, range: [COLOURS.primary, COLOURS.muted] } },
      },
      layer: [
        {
          name: 'trend_lines',
          mark: { type: 'line', strokeWidth: 2 },
          encoding: { strokeDash: { ...series, scale: { ...series.scale, range: [[...DASH.solid], [...DASH.dashed]] } } },
        },
        {
          name: 'trend_points',
          mark: { type: 'point', filled: true, size: 30 },
          encoding: { shape: { ...series, scale: { ...series.scale, range: ['circle', 'square'] } } },
        },
      ],
    },
    resolve: { scale: { y: 'independent' } },
  };
}
