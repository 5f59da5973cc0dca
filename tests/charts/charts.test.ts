import type { TopLevelSpec } from 'vega-lite';
import {
  buildReportCharts,
  effectivenessChart,
  rankedIndicatorChart,
  TILE_GRID,
  tileMapChart,
  unitPreviewChart,
  type ReportChart,
} from '../../core/charts';
import { NATIONAL_CODE } from '../../core/units';
import { loadRegistry } from '../../pipeline/reference';
import { svgToPng } from '../../pipeline/outputs/report/png';
import { compileChart, renderChart, type RenderedChart } from '../../pipeline/outputs/report/render';
import { HOSTILE, makeReportData } from './fixture';
import { markCount, markTexts, pngSize, svgSize } from './svg';

const data = makeReportData({ period: '2026-H1', missing: ['12', '96'] });
const monthly = makeReportData({ period: '2026-03', missing: ['01'] });
const reported = data.provinces.length - 2;

const rendered = new Map<string, { chart: ReportChart; out: RenderedChart }>();
beforeAll(async () => {
  for (const chart of buildReportCharts(data)) rendered.set(chart.id, { chart, out: await renderChart(chart.spec) });
});
const svgOf = (id: string) => {
  const hit = rendered.get(id);
  if (!hit) throw new Error(`chart ${id} not built; have ${[...rendered.keys()].join(', ')}`);
  return hit.out.svg;
};

describe('report charts of a six-month period', () => {
  test('the expected charts are built: map, every % indicator ranked, trend, effectiveness, reporting', () => {
    expect([...rendered.keys()]).toEqual([
      'map-N04',
      ...['N01', 'N02', 'N03', 'N04', 'N05', 'N06', 'N08', 'N10', 'N13', 'N14'].map((id) => `rank-${id}`),
      'trend',
      'effectiveness',
      'reporting',
    ]);
  });

  test('every spec compiles and renders without a Vega-Lite or Vega warning', () => {
    for (const [id, { out }] of rendered) expect({ id, warnings: out.warnings }).toEqual({ id, warnings: [] });
  });

  test('the warning check works: a spec with an incompatible channel is reported', () => {
    const warnings: string[] = [];
    compileChart({ data: { values: [{ a: 1 }] }, mark: 'rect', encoding: { x: { field: 'a', type: 'quantitative' }, strokeDash: { value: [2, 2] } } }, warnings);
    expect(warnings.join('\n')).toMatch(/strokeDash/);
  });

  test('ranked charts: one bar per reporting province, one value label per province, national and target rules', () => {
    for (const id of ['N01', 'N04', 'N10', 'N13']) {
      const svg = svgOf(`rank-${id}`);
      const withValue = data.indicators.filter((v) => v.indicator === id && v.unitCode !== NATIONAL_CODE && v.value !== null).length;
      expect(markCount(svg, 'province_bars')).toBe(withValue);
      expect(markCount(svg, 'province_labels')).toBe(data.provinces.length);
      // N10 and N13 have no target (data/targets.csv): the national rule only.
      expect(markCount(svg, 'reference_rules')).toBe(['N10', 'N13'].includes(id) ? 1 : 2);
    }
    expect(markCount(svgOf('rank-N04'), 'province_bars')).toBe(reported);
  });

  test('ranked bars run from best to worst, provinces without a value last', () => {
    const labels = markTexts(svgOf('rank-N04'), 'province_labels');
    const values = labels.filter((l) => l !== 'chưa có số liệu').map((l) => Number(l.replace('%', '').replace(',', '.')));
    expect(values).toEqual([...values].sort((a, b) => b - a));
    expect(labels.slice(-2)).toEqual(['chưa có số liệu', 'chưa có số liệu']);
  });

  test('Vietnamese number formatting: decimal comma, dot thousands, Vietnamese text', () => {
    const rank = svgOf('rank-N04');
    const national = data.indicators.find((v) => v.unitCode === NATIONAL_CODE && v.indicator === 'N04')!.value!;
    expect(rank).toContain(`Toàn quốc: ${(national * 100).toFixed(1).replace('.', ',')}%`);
    expect(rank).toMatch(/>\d{1,2},\d%</); // a bar label such as 45,5%
    expect(rank).toContain('>20%<'); // axis
    expect(rank).not.toMatch(/>\d+\.\d%</);
    const trend = svgOf('trend');
    expect(trend).toMatch(/>\d{1,3}\.\d{3}</); // axis such as 40.000
    expect(trend).not.toMatch(/>\d{1,3},\d{3}</);
    expect(svgOf('effectiveness')).toMatch(/bình quân toàn quốc \d+,\d người\/hội nghị/);
    expect(svgOf('map-N04')).toContain('Tỷ lệ lực lượng lao động');
  });

  test('tile map: one tile and one value per province, placed on distinct squares', () => {
    const svg = svgOf('map-N04');
    expect(markCount(svg, 'province_tiles')).toBe(34);
    expect(markCount(svg, 'province_tile_values')).toBe(34);
    expect(markTexts(svg, 'province_tile_values').filter((t) => t === '—')).toHaveLength(2);
  });

  test('reporting heat map: one cell and one glyph per province and period', () => {
    const svg = svgOf('reporting');
    const periods = new Set(data.reporting.map((c) => c.period)).size;
    expect(periods).toBe(7);
    expect(markCount(svg, 'reporting_cells')).toBe(34 * periods);
    expect(markCount(svg, 'reporting_glyphs')).toBe(34 * periods);
  });

  test('effectiveness: one labelled point per province with both figures', () => {
    const svg = svgOf('effectiveness');
    expect(markCount(svg, 'province_points')).toBe(reported);
    const names = markTexts(svg, 'province_names');
    expect(names).toHaveLength(reported);
    expect(names).toContain('Hồ Chí Minh');
  });

  test('trend: four flows, this year and last year as separate lines with points', () => {
    const svg = svgOf('trend');
    expect(markCount(svg, 'trend_lines')).toBe(4 * 2);
    // 6 months this year + 12 last year, per flow.
    expect(markCount(svg, 'trend_points')).toBe(4 * (6 + 12));
    for (const label of ['Hội nghị truyền thông', 'Người tham dự hội nghị', 'Cuộc truyền thông nhóm nhỏ', 'Lượt phát thanh trên loa truyền thanh', 'Năm 2026', 'Năm 2025']) {
      expect(svg).toContain(label);
    }
  });

  test('PNGs are drawn at twice the SVG size and are not blank', async () => {
    for (const id of ['map-N04', 'rank-N04', 'trend']) {
      const svg = svgOf(id);
      const png = await svgToPng(svg);
      const size = svgSize(svg);
      expect(pngSize(png)).toEqual({ width: size.width * 2, height: size.height * 2 });
      expect(png.length).toBeGreaterThan(20_000);
    }
  });

  test('server-side layout uses real font widths: charts are not padded for guessed text widths', () => {
    // With Vega's fallback guess (0.8 em per character) this chart is over 500 px wide.
    expect(svgSize(svgOf('rank-N04')).width).toBeLessThan(430);
  });
});

describe('other periods and inputs', () => {
  test('a monthly report: the monthly % indicators, a map by N12, no effectiveness (no Form 04)', async () => {
    const charts = buildReportCharts(monthly);
    expect(charts.map((c) => c.id)).toEqual(['map-N12', 'rank-N10', 'rank-N13', 'rank-N14', 'trend', 'reporting']);
    for (const chart of charts) expect((await renderChart(chart.spec)).warnings).toEqual([]);
    const map = await renderChart(charts[0].spec);
    expect(markTexts(map.svg, 'province_tile_values')).toContain('—'); // Hà Nội did not report
  });

  test('the tile grid covers exactly the 34 provinces valid from 1 July 2025, one square each', () => {
    const codes = loadRegistry().provinces('2026-01').map((p) => p.code).sort();
    expect(Object.keys(TILE_GRID).sort()).toEqual(codes);
    const squares = Object.values(TILE_GRID).map((t) => `${t.row},${t.col}`);
    expect(new Set(squares).size).toBe(34);
  });

  test('no tile map for the 63 provinces before the merger', () => {
    const old = loadRegistry().provinces('2025-H1').map((p) => ({ code: p.code, name: p.name }));
    expect(old).toHaveLength(63);
    expect(tileMapChart({ indicator: 'N04', provinces: old, values: [], periodLabel: '' })).toBeNull();
  });

  test('names from files are escaped in the SVG', async () => {
    const hostile = makeReportData({ renameProvince: { code: '79', name: `${HOSTILE.script} ${HOSTILE.attr}` } });
    const svg = (await renderChart(rankedIndicatorChart({ indicator: 'N04', provinces: hostile.provinces, values: hostile.indicators, periodLabel: 'x' }))).svg;
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&lt;script&gt;');
    expect(svg).not.toContain('" onmouseover=');
  });

  test('two provinces with one name keep two bars', async () => {
    const provinces = [{ code: '01', name: 'Trùng tên' }, { code: '04', name: 'Trùng tên' }];
    const values = provinces.map((p, i) => ({ period: '2026-H1', unitCode: p.code, indicator: 'N04' as const, numerator: 1, denominator: 2, value: 0.3 + i / 10, target: null }));
    const { svg } = await renderChart(rankedIndicatorChart({ indicator: 'N04', provinces, values, periodLabel: 'x' }));
    expect(markCount(svg, 'province_bars')).toBe(2);
    expect(svg).toContain('Trùng tên (04)');
  });

  test('effectiveness chart is skipped when no province has new participants', () => {
    expect(effectivenessChart({ effectiveness: monthly.effectiveness, provinces: monthly.provinces, periodLabel: '' })).toBeNull();
  });
});

describe('unit preview for the add-in', () => {
  const own = data.indicators.filter((v) => v.unitCode === '51');

  test('N01–N12 of one unit: % indicators as bars with target ticks, averages as a table', async () => {
    const spec: TopLevelSpec = unitPreviewChart(own, { title: 'BHXH tỉnh Quảng Ngãi' });
    const { svg, warnings } = await renderChart(spec);
    expect(warnings).toEqual([]);
    expect(markCount(svg, 'preview_bars')).toBe(8); // N01–N06, N08, N10 (not N13/N14)
    expect(markCount(svg, 'preview_targets')).toBe(6); // data/targets.csv sets none for N08 and N10
    expect(svg).not.toContain('N13.');
    // Long labels are wrapped over lines, not cut short.
    expect(svg).toContain('<tspan>N09. Người tham dự bình</tspan><tspan x="0" dy="12">quân mỗi hội nghị</tspan>');
    expect(svg).not.toContain('…');
  });

  test('no values: a message instead of an empty chart', async () => {
    const { svg, warnings } = await renderChart(unitPreviewChart([]));
    expect(warnings).toEqual([]);
    expect(svg).toContain('Chưa có số liệu');
  });
});
