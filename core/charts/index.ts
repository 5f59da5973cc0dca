/**
 * Vega-Lite chart builders: pure functions from report data to specs, used by the pipeline's
 * report (rendered to SVG and PNG on the server) and by the add-in's preview (rendered in the
 * task pane). Each chart is defined once, here.
 */
import type { TopLevelSpec } from 'vega-lite';
import { INDICATORS, type IndicatorId } from '../indicators';
import { parsePeriod, periodLabel } from '../periods';
import type { ReportData } from '../report-data';
import { nationalValue } from './common';
import { effectivenessChart } from './effectiveness';
import { rankedIndicatorChart } from './ranked';
import { reportingHeatmap } from './reporting';
import { tileMapChart } from './tile-map';
import { monthlyTrendChart } from './trend';

export { effectivenessChart } from './effectiveness';
export { rankedIndicatorChart, RANK_STATUS } from './ranked';
export { reportingHeatmap, STATUS_TEXT } from './reporting';
export { tileMapChart, tileMapFits, TILE_GRID } from './tile-map';
export { monthlyTrendChart, TREND_COLUMNS } from './trend';
export { unitPreviewChart } from './unit-preview';
export * from './format';
export { CHART_CONFIG, CHART_FONT, COLOURS } from './theme';
export { provinceLabels, shortPeriodLabel } from './common';

export type ChartSection = 'indicators' | 'map' | 'trend' | 'reporting' | 'effectiveness';

export interface ReportChart {
  /** File stem under `charts/`: `rank-N04`, `map-N04`, `trend`, `reporting`, `effectiveness`. */
  id: string;
  section: ChartSection;
  /** A note shown under the chart where its title does not say everything (Vietnamese). */
  caption?: string;
  spec: TopLevelSpec;
  indicator?: IndicatorId;
}

/** Preferred indicators for the tile map, the first with a national value wins. */
const MAP_INDICATOR_PREFERENCE: readonly IndicatorId[] = ['N04', 'N06', 'N12', 'N10', 'N13'];

export interface ReportChartOptions {
  /** Indicator the tile map is coloured by; default: the first of MAP_INDICATOR_PREFERENCE with a value. */
  mapIndicator?: IndicatorId;
}

/** Every chart of a leadership report, in reading order; charts without data are left out. */
export function buildReportCharts(data: ReportData, options: ReportChartOptions = {}): ReportChart[] {
  const period = parsePeriod(data.period);
  const label = periodLabel(period).vi;
  const { provinces, indicators } = data;
  const charts: ReportChart[] = [];
  const add = (chart: Omit<ReportChart, 'spec'> & { spec: TopLevelSpec | null }) => {
    if (chart.spec) charts.push({ ...chart, spec: chart.spec });
  };

  const present = new Set(indicators.map((v) => v.indicator));
  const mapIndicator =
    options.mapIndicator ?? MAP_INDICATOR_PREFERENCE.find((id) => nationalValue(indicators, id)?.value != null);
  if (mapIndicator && present.has(mapIndicator)) {
    add({
      id: `map-${mapIndicator}`,
      section: 'map',
      indicator: mapIndicator,
      caption: 'Mỗi ô là một tỉnh, thành phố, đặt theo vị trí tương đối (không theo tỷ lệ bản đồ).',
      spec: tileMapChart({ indicator: mapIndicator, provinces, values: indicators, periodLabel: label }),
    });
  }
  for (const def of INDICATORS) {
    if (def.unit !== 'percent' || !present.has(def.id)) continue;
    add({
      id: `rank-${def.id}`,
      section: 'indicators',
      indicator: def.id,
      spec: rankedIndicatorChart({ indicator: def.id, provinces, values: indicators, periodLabel: label }),
    });
  }
  add({
    id: 'trend',
    section: 'trend',
    spec: monthlyTrendChart({ flows: data.monthlyFlows, period: data.period }),
  });
  add({
    id: 'effectiveness',
    section: 'effectiveness',
    spec: effectivenessChart({ effectiveness: data.effectiveness, provinces, periodLabel: label }),
  });
  add({
    id: 'reporting',
    section: 'reporting',
    spec: reportingHeatmap({ reporting: data.reporting, provinces }),
  });
  return charts;
}
