/**
 * The charts' text drawn as glyph outlines (text-outlines.ts) against resvg's own text drawing
 * with the same font files: resvg shapes and draws the text itself there, so the two pictures
 * come from different code and must still agree, pixel for pixel but for the edges of glyphs
 * (resvg kerns a few pairs, the outlines do not).
 */
import { Resvg } from '@resvg/resvg-js';
import { buildReportCharts } from '../../core/charts';
import { chartFonts, dejaVuFonts, renderChart, svgToPng } from '../../pipeline/outputs/report/render';
import { outlineText } from '../../pipeline/outputs/report/text-outlines';
import { HOSTILE, makeReportData } from './fixture';
import { pngSize } from './svg';

const withFonts = { fontFiles: dejaVuFonts(), loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' };
const pixels = (svg: string, font: object) => new Resvg(svg, { background: 'white', fitTo: { mode: 'zoom', value: 2 }, font }).render();

/** How far the outlined drawing is from resvg's: mean difference per channel, share of channels off by more than a quarter. */
function difference(svg: string): { textLeft: number; mean: number; off: number; blank: boolean } {
  const outlined = outlineText(svg, chartFonts());
  const reference = pixels(svg, withFonts);
  const drawn = pixels(outlined.svg, { loadSystemFonts: false });
  expect([drawn.width, drawn.height]).toEqual([reference.width, reference.height]);
  const a = reference.pixels;
  const b = drawn.pixels;
  let sum = 0;
  let off = 0;
  let ink = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    sum += d;
    if (d > 64) off++;
    if (b[i] < 128) ink++;
  }
  return { textLeft: outlined.textLeft, mean: sum / a.length, off: off / a.length, blank: ink === 0 };
}

const svgOf = (body: string, width = 420, height = 160) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><rect width="${width}" height="${height}" fill="white"/><g fill="none">${body}</g></svg>`;
const FONT = 'font-family="DejaVu Sans, Segoe UI, Arial, sans-serif"';

describe('chart text drawn as outlines', () => {
  const reports = [
    makeReportData({ period: '2026-H1', missing: ['12', '96'] }),
    makeReportData({ period: '2026-03', missing: ['01'], renameProvince: { code: '79', name: `Hồ Chí Minh ${HOSTILE.entity} ${HOSTILE.attr}` } }),
  ];

  test.each(reports.map((data) => [data.period, data] as const))('every chart of %s: no text left, the picture as resvg draws it', async (_code, data) => {
    for (const chart of buildReportCharts(data)) {
      const { svg } = await renderChart(chart.spec);
      const diff = difference(svg);
      expect({ id: chart.id, textLeft: diff.textLeft, blank: diff.blank }).toEqual({ id: chart.id, textLeft: 0, blank: false });
      // Measured: mean ≤ 0.85 and ≤ 0.5 % of channels off on these charts; one word misplaced
      // or missing moves a chart's figures past these bounds.
      expect({ id: chart.id, close: diff.mean < 1.5 && diff.off < 0.008 }).toEqual({ id: chart.id, close: true });
    }
  });

  test('lines, anchors, rotation, bold, references, decomposed Vietnamese and characters DejaVu lacks as resvg draws them', () => {
    const body = [
      `<text text-anchor="start" transform="translate(10,20)" ${FONT} font-size="14px" font-weight="bold" fill="#1a1a1a" opacity="1"><tspan>Bản đồ: N12. Lượt phát</tspan><tspan x="0" dy="16">thanh  bình   quân</tspan></text>`,
      `<text text-anchor="middle" transform="translate(210,70)" ${FONT} font-size="12px" fill="#333">Tổng &amp; cộng &lt;b&gt; &#x1EC7;&#7879; ${'Thu\u0309 \u0111o\u0302\u0301'.normalize('NFD')}</text>`,
      `<text text-anchor="end" transform="translate(410,100)" ${FONT} font-size="10px" fill="#000" fill-opacity="0.6">  ✓ 43,8%  </text>`,
      `<text text-anchor="middle" transform="translate(20,120) rotate(-90)" ${FONT} font-size="11px" font-weight="700" fill="#2166ac">Tỷ lệ</text>`,
      `<text text-anchor="start" x="150" y="140" dx="5" ${FONT} font-size="9.5px" fill="#000">x, y, dx</text>`,
      `<text text-anchor="start" x="300" y="140" ${FONT} font-size="12px" fill="#000">中 ${'\u{1F600}'}</text>`,
      `<text ${FONT} font-size="10px" fill="#000"/>`,
    ].join('');
    const diff = difference(svgOf(body));
    expect(diff.textLeft).toBe(0);
    expect(diff.blank).toBe(false);
    // No kerned pair here: the same pixels but for rounding at the edges.
    expect(diff.off).toBe(0);
    expect(diff.mean).toBeLessThan(0.05);
  });

  test('a misplaced line is caught by the comparison (the check can fail)', () => {
    const svg = svgOf(`<text text-anchor="middle" transform="translate(210,80)" ${FONT} font-size="14px" fill="#000">Thành phố Hồ Chí Minh</text>`);
    const outlined = outlineText(svg, chartFonts()).svg.replace('<g transform="translate(210,80)"', '<g transform="translate(216,80)"');
    const reference = pixels(svg, withFonts).pixels;
    const drawn = pixels(outlined, { loadSystemFonts: false }).pixels;
    let off = 0;
    for (let i = 0; i < reference.length; i++) if (Math.abs(reference[i] - drawn[i]) > 64) off++;
    expect(off / reference.length).toBeGreaterThan(0.008);
  });

  test('text this module does not draw is left for resvg, and the PNG still has it', async () => {
    const left = [
      `<text transform="translate(10,20)" ${FONT} font-size="12px" fill="#000" stroke="#f00">viền / stroke</text>`,
      `<text transform="translate(10,40)" ${FONT} font-size="12px" fill="#000" letter-spacing="3">giãn chữ</text>`,
      `<text transform="translate(10,60)" ${FONT} font-size="12px" font-style="italic" fill="#000">nghiêng</text>`,
      `<text transform="translate(10,80)" ${FONT} font-size="12px" fill="#000"><tspan fill="#f00">lồng</tspan> nhau</text>`,
      `<text transform="translate(10,100)" ${FONT} font-size="1em" fill="#000">em</text>`,
      `<text transform="translate(10,140)" ${FONT} font-size="12px" fill="#000" x="1 2 3">abc</text>`,
    ];
    const svg = svgOf(left.join(''));
    const outlined = outlineText(svg, chartFonts());
    expect(outlined.textLeft).toBe(left.length);
    expect(outlined.svg).toBe(svg);
    const png = await svgToPng(svg);
    expect(pngSize(png)).toEqual({ width: 840, height: 320 });
    // Drawn by resvg with the fonts: the same bytes as resvg gives without this module.
    expect(Buffer.from(png).equals(pixels(svg, withFonts).asPng())).toBe(true);
  });

  test('a style sheet could select text by its tag: such an SVG is left whole', () => {
    const svg = svgOf(`<style>text { fill: red }</style><text transform="translate(10,20)" ${FONT} font-size="12px">đỏ</text>`);
    expect(outlineText(svg, chartFonts())).toEqual({ svg, textLeft: 1 });
  });
});
