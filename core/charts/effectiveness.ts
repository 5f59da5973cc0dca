/**
 * Effectiveness: conferences held (Form 03 col 4) against new participants (Form 04 cols 7 + 8)
 * by province, each point labelled with its province. The dashed line through the origin is
 * the national ratio: provinces above it recruit more per conference than the country does.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ProvinceEffectiveness, ProvinceRef } from '../report-data';
import { provinceLabels, VEGA_LITE_SCHEMA } from './common';
import { viNumber } from '../format';
import { D3_FORMAT } from './format';
import { placeLabels } from './label-placement';
import { CHART_CONFIG, COLOURS } from './theme';

const WIDTH = 560;
const HEIGHT = 380;
const POINT_AREA = 45;
const LABEL_FONT_SIZE = 9;

export interface EffectivenessChartInput {
  effectiveness: readonly ProvinceEffectiveness[];
  provinces: readonly ProvinceRef[];
  periodLabel: string;
}

/** Null when no province has both figures (monthly periods carry no Form 04). */
export function effectivenessChart({ effectiveness, provinces, periodLabel }: EffectivenessChartInput): TopLevelSpec | null {
  const names = provinceLabels(provinces);
  const points = effectiveness
    .filter((e) => names.has(e.unitCode) && e.conferences !== null && e.newParticipants !== null)
    .map((e) => ({ name: names.get(e.unitCode)!, conferences: e.conferences!, participants: e.newParticipants! }));
  if (points.length === 0) return null;
  const conferences = points.reduce((n, p) => n + p.conferences, 0);
  const participants = points.reduce((n, p) => n + p.participants, 0);
  const ratio = conferences > 0 ? participants / conferences : null;
  const maxX = Math.max(1, ...points.map((p) => p.conferences));
  const maxY = Math.max(1, ...points.map((p) => p.participants));
  const x = { field: 'conferences', type: 'quantitative' as const, title: 'Hội nghị truyền thông (Mẫu 03, cột 4)', scale: { domain: [0, maxX * 1.08] }, axis: { format: D3_FORMAT.count } };
  const y = { field: 'participants', type: 'quantitative' as const, title: 'Người tham gia mới (Mẫu 04, cột 7 + 8)', scale: { domain: [0, maxY * 1.08] }, axis: { format: D3_FORMAT.count } };
  // The national ratio line, clipped to the plot: from the origin to where it leaves the frame.
  const lineEndX = ratio ? Math.min(maxX * 1.08, (maxY * 1.08) / ratio) : 0;
  // Labels are laid out in pixels, then expressed back in data units for the text layer.
  const toPxX = WIDTH / (maxX * 1.08);
  const toPxY = HEIGHT / (maxY * 1.08);
  const spots = placeLabels(
    points.map((p) => ({ x: p.conferences * toPxX, y: HEIGHT - p.participants * toPxY, text: p.name })),
    { width: WIDTH, height: HEIGHT },
    LABEL_FONT_SIZE,
    Math.sqrt(POINT_AREA / Math.PI),
  );
  const labels = points.map((p, i) => ({ name: p.name, conferences: spots[i].x / toPxX, participants: (HEIGHT - spots[i].y) / toPxY }));

  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: 'Hiệu quả hội nghị: số hội nghị và người tham gia mới theo tỉnh',
      subtitle: `${periodLabel} · đường nét đứt: bình quân toàn quốc ${ratio === null ? '—' : viNumber(ratio, 1)} người/hội nghị`,
    },
    config: CHART_CONFIG,
    width: WIDTH,
    height: HEIGHT,
    layer: [
      ...(ratio
        ? [
            {
              name: 'national_ratio',
              data: { values: [{ conferences: 0, participants: 0 }, { conferences: lineEndX, participants: lineEndX * ratio }] },
              mark: { type: 'line' as const, color: COLOURS.muted, strokeDash: [6, 3], strokeWidth: 1.5 },
              encoding: { x, y },
            },
          ]
        : []),
      {
        name: 'province_points',
        data: { values: points },
        mark: { type: 'point', filled: true, size: POINT_AREA, color: COLOURS.primary, opacity: 0.9 },
        encoding: { x, y },
      },
      {
        name: 'province_names',
        data: { values: labels },
        mark: { type: 'text', align: 'center', baseline: 'middle', fontSize: LABEL_FONT_SIZE, color: COLOURS.ink },
        encoding: { x, y, text: { field: 'name' } },
      },
    ],
  };
}
