/**
 * A unit's own indicators N01–N12 for the add-in's preview: % indicators as bars on a 0–100 %
 * scale with the target as a tick, the per-unit averages (not comparable on one scale) as a
 * small table of value and target.
 */
import type { TopLevelSpec } from 'vega-lite';
import { INDICATOR_BY_ID, type IndicatorId, type IndicatorValue } from '../indicators';
import { VEGA_LITE_SCHEMA, wrapText } from './common';
import { D3_FORMAT, formatIndicatorValue, MISSING_TEXT } from './format';
import { CHART_CONFIG, COLOURS } from './theme';

/** N13/N14 describe the reporting of many units: meaningless for one unit's own report. */
const PREVIEW_EXCLUDED: readonly IndicatorId[] = ['N13', 'N14'];
const LABEL_CHARS = 26;

export interface UnitPreviewOptions {
  title?: string;
  /** Width of the plot in pixels (the task pane is narrow). */
  width?: number;
  /**
   * For a pane of ~320 px that lists the indicators in a table above: bars labelled by id only
   * (N01…), in a readable size, and no panel of averages (the table has them).
   */
  compact?: boolean;
  /** Caption of the % panel, in the reader's language. */
  percentTitle?: string;
}

export function unitPreviewChart(values: readonly IndicatorValue[], options: UnitPreviewOptions = {}): TopLevelSpec {
  const width = options.width ?? 160;
  const rows = values
    .filter((v) => !PREVIEW_EXCLUDED.includes(v.indicator))
    .sort((a, b) => a.indicator.localeCompare(b.indicator))
    .map((v) => {
      const def = INDICATOR_BY_ID[v.indicator];
      return {
        // Wrapped, not truncated: the task pane is narrow and the labels are long.
        name: options.compact ? def.id : wrapText(`${def.id}. ${def.label.vi}`, LABEL_CHARS).join('\n'),
        unit: def.unit,
        value: v.value,
        target: v.target,
        valueText: formatIndicatorValue(v.indicator, v.value),
        targetText: v.target === null ? MISSING_TEXT : formatIndicatorValue(v.indicator, v.target),
      };
    });
  const percent = rows.filter((r) => r.unit === 'percent');
  const ratios = options.compact ? [] : rows.filter((r) => r.unit === 'ratio');
  const fontSize = options.compact ? 12 : 10;
  const y = {
    field: 'name',
    type: 'nominal' as const,
    title: null,
    // In id order: a layer whose value is blank would otherwise put its rows last.
    sort: rows.map((r) => r.name),
    axis: { labelExpr: "split(datum.value, '\\n')", labelOffset: { expr: "-(length(split(datum.value, '\\n')) - 1) * 6" }, labelLimit: 0, ticks: false, domain: false, labelFontSize: fontSize, labelLineHeight: 12 },
  };
  const x = (field: string) => ({
    field,
    type: 'quantitative' as const,
    title: null,
    scale: { domain: [0, Math.max(1, ...percent.map((r) => r.value ?? 0))] },
    axis: { format: D3_FORMAT.percentAxis, orient: 'top' as const, tickCount: 5 },
  });
  const percentPanel = {
    title: { text: options.percentTitle ?? 'Tỷ lệ (vạch đen: mục tiêu)', fontSize: 11 },
    data: { values: percent },
    width,
    height: { step: options.compact ? 28 : 40 },
    layer: [
      { name: 'preview_bars', mark: { type: 'bar' as const, color: COLOURS.primary, height: { band: 0.6 } }, encoding: { x: x('value'), y } },
      {
        name: 'preview_targets',
        mark: { type: 'tick' as const, color: COLOURS.ink, thickness: 2.5 },
        encoding: { x: x('target'), y },
      },
      {
        name: 'preview_values',
        transform: [{ calculate: 'isValid(datum.value) ? datum.value : 0', as: 'labelAt' }],
        mark: { type: 'text' as const, align: 'left' as const, dx: 3, fontSize, color: COLOURS.ink },
        encoding: { x: x('labelAt'), y, text: { field: 'valueText' } },
      },
    ],
  };
  const ratioPanel = {
    title: { text: 'Chỉ số bình quân', fontSize: 11 },
    data: { values: ratios.flatMap((r) => [
      { name: r.name, column: 'Giá trị', text: r.valueText },
      { name: r.name, column: 'Mục tiêu', text: r.targetText },
    ]) },
    width: { step: 60 },
    height: { step: 40 },
    mark: { type: 'text' as const, fontSize: 10, color: COLOURS.ink },
    encoding: {
      y,
      x: { field: 'column', type: 'nominal' as const, title: null, sort: ['Giá trị', 'Mục tiêu'], axis: { orient: 'top' as const, labelAngle: 0, ticks: false, domain: false } },
      text: { field: 'text' },
    },
  };
  const panels = [percent.length ? percentPanel : null, ratios.length ? ratioPanel : null].filter((p) => p !== null);
  if (panels.length === 0) {
    return {
      $schema: VEGA_LITE_SCHEMA,
      config: CHART_CONFIG,
      data: { values: [{ text: 'Chưa có số liệu để tính chỉ số' }] },
      mark: { type: 'text', fontSize: 11, color: COLOURS.ink },
      encoding: { text: { field: 'text' } },
    };
  }

  return {
    $schema: VEGA_LITE_SCHEMA,
    ...(options.title ? { title: options.title } : {}),
    config: CHART_CONFIG,
    vconcat: panels,
    resolve: { scale: { y: 'independent' } },
  };
}
