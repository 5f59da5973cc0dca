/**
 * One % indicator across provinces: bars ranked from best to worst, the national value
 * (solid rule) and the target (dashed rule) drawn across, each bar labelled with its value.
 * Bars below target are light orange, the others dark blue, so they read in greyscale too.
 */
import type { TopLevelSpec } from 'vega-lite';
import { INDICATOR_BY_ID, type IndicatorId, type IndicatorValue } from '../indicators';
import type { ProvinceRef } from '../report-data';
import { nationalValue, provinceLabels, valueOf, VEGA_LITE_SCHEMA, wrapText } from './common';
import { D3_FORMAT, formatIndicatorValue } from './format';
import { CHART_CONFIG, COLOURS, DASH } from './theme';

export interface RankedChartInput {
  indicator: IndicatorId;
  provinces: readonly ProvinceRef[];
  /** This period's values of the provinces and of `VN`. */
  values: readonly IndicatorValue[];
  /** Vietnamese label of the period, for the subtitle. */
  periodLabel: string;
}

export const RANK_STATUS = { met: 'Đạt mục tiêu', below: 'Chưa đạt mục tiêu', none: 'Tỉnh' } as const;
const NO_DATA = 'chưa có số liệu';
const WIDTH = 230;
const RULE_KIND = { national: 'Toàn quốc', target: 'Mục tiêu' } as const;

export function rankedIndicatorChart({ indicator, provinces, values, periodLabel }: RankedChartInput): TopLevelSpec {
  const def = INDICATOR_BY_ID[indicator];
  const names = provinceLabels(provinces);
  const national = nationalValue(values, indicator);
  const target = national?.target ?? null;
  const rows = provinces.map((p) => {
    const value = valueOf(values, p.code, indicator)?.value ?? null;
    const status = target === null ? RANK_STATUS.none : value !== null && value >= target ? RANK_STATUS.met : RANK_STATUS.below;
    return { code: p.code, name: names.get(p.code)!, value, status, label: value === null ? NO_DATA : formatIndicatorValue(indicator, value) };
  });
  // Best first; provinces without a value go last, in code order.
  const ranked = [...rows].sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity) || a.code.localeCompare(b.code));
  const rules = [
    national?.value != null ? { kind: RULE_KIND.national, value: national.value } : null,
    target !== null ? { kind: RULE_KIND.target, value: target } : null,
  ].filter((r) => r !== null);
  const highest = Math.max(0, ...rows.map((r) => r.value ?? 0), ...rules.map((r) => r.value));
  const percent = def.unit === 'percent';
  // Every layer states the same x scale, axis and title, so that nothing is merged or renamed.
  const x = (field: string) => ({
    field,
    type: 'quantitative' as const,
    title: percent ? 'Tỷ lệ' : 'Giá trị',
    // A % axis runs to 100 % (further only when bad data exceeds it) so charts compare at a glance.
    scale: { domain: [0, percent ? Math.max(1, highest) : highest * 1.1 || 1] },
    axis: { format: percent ? D3_FORMAT.percentAxis : D3_FORMAT.count, orient: 'top' as const, grid: true },
  });
  const y = {
    field: 'name',
    type: 'nominal' as const,
    sort: ranked.map((r) => r.name),
    title: null,
    axis: { labelLimit: 140, ticks: false, domain: false },
  };
  const subtitle = [
    periodLabel,
    `Toàn quốc: ${formatIndicatorValue(indicator, national?.value ?? null)}`,
    target !== null ? `Mục tiêu: ${formatIndicatorValue(indicator, target)}` : 'không có mục tiêu',
  ].join(' · ');

  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: wrapText(`${def.id}. ${def.label.vi}`, 42), subtitle: wrapText(subtitle, 60) },
    width: WIDTH,
    height: { step: 14 },
    config: CHART_CONFIG,
    layer: [
      {
        name: 'province_bars',
        data: { values: ranked },
        mark: { type: 'bar', height: { band: 0.75 } },
        encoding: {
          x: x('value'),
          y,
          color: target === null
            ? { value: COLOURS.primary }
            : {
                field: 'status',
                type: 'nominal',
                title: null,
                scale: { domain: [RANK_STATUS.met, RANK_STATUS.below], range: [COLOURS.primary, COLOURS.contrast] },
              },
        },
      },
      ...(rules.length > 0
        ? [
            {
              name: 'reference_rules',
              data: { values: rules },
              mark: { type: 'rule' as const, color: COLOURS.ink, strokeWidth: 1.5 },
              encoding: {
                x: x('value'),
                strokeDash: {
                  field: 'kind',
                  type: 'nominal' as const,
                  title: null,
                  legend: { orient: 'bottom' as const },
                  scale: {
                    domain: rules.map((r) => r.kind),
                    range: rules.map((r) => [...(r.kind === RULE_KIND.national ? DASH.solid : DASH.dashed)]),
                  },
                },
              },
            },
          ]
        : []),
      {
        // Values in a column right of the plot, clear of bars and rules.
        name: 'province_labels',
        data: { values: ranked },
        mark: { type: 'text', align: 'left', fontSize: 9.5, color: COLOURS.ink },
        encoding: { x: { value: WIDTH + 6 }, y, text: { field: 'label', type: 'nominal' } },
      },
    ],
  };
}
