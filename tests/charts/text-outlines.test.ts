/**
 * The charts' text drawn as glyph outlines (text-outlines.ts) against resvg's own text drawing
 * with the same font files: resvg shapes and draws the text itself there, so the two pictures
 * come from different code and must still agree, pixel for pixel but for the edges of glyphs
 * (resvg kerns a few pairs, the outlines do not).
 */
import { Resvg } from '@resvg/resvg-js';
import { buildReportCharts } from '../../core/charts';
import { chartFonts, resvgFonts } from '../../pipeline/outputs/report/chart-fonts';
import { svgToPng } from '../../pipeline/outputs/report/png';
import { renderChart } from '../../pipeline/outputs/report/render';
import { outlineText } from '../../pipeline/outputs/report/text-outlines';
import { pathData } from '../../pipeline/outputs/report/truetype';
import { HOSTILE, makeReportData } from './fixture';
import { pngPixels, pngSize } from './svg';

const withFonts = resvgFonts();
const pixels = (svg: string, font: object) => new Resvg(svg, { background: 'white', fitTo: { mode: 'zoom', value: 2 }, font }).render();

/** A rendering's ink: how much darker than white, summed over every channel. */
const ink = (pixels: Uint8Array | Buffer, over: Uint8Array | Buffer) => {
  let sum = 0;
  for (let i = 0; i < pixels.length; i++) sum += over[i] - pixels[i];
  return sum;
};

/**
 * How far the outlined drawing is from resvg's: the text's ink (each drawing less the same SVG
 * without its text), relative; the share of channels off by more than a quarter; and how much
 * text was left as text. Kerning moves ink (channels off at the edges of a few glyphs) but does
 * not add or remove any: a label dropped, doubled or in the wrong weight changes the text's ink.
 */
function difference(svg: string, outlined = outlineText(svg, chartFonts())) {
  const reference = pixels(svg, withFonts);
  const drawn = pixels(outlined.svg, { loadSystemFonts: false });
  expect([drawn.width, drawn.height]).toEqual([reference.width, reference.height]);
  // `pixels` copies the image out of resvg at each read: read once.
  const [a, b] = [reference.pixels, drawn.pixels];
  const ground = pixels(svg.replace(/<text\b[\s\S]*?<\/text>|<text\b[^>]*\/>/g, ''), { loadSystemFonts: false }).pixels;
  const textInk = ink(a, ground);
  let off = 0;
  for (let i = 0; i < a.length; i++) if (Math.abs(a[i] - b[i]) > 64) off++;
  return { textLeft: outlined.textLeft, textInk: (ink(b, ground) - textInk) / textInk, off: off / a.length, hasText: textInk > 0 };
}

/** Measured on every chart of the samples: text ink within 0.08 %, ≤ 0.47 % of channels off (kerned pairs). */
const close = (d: ReturnType<typeof difference>) => Math.abs(d.textInk) < 0.0015 && d.off < 0.008;

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
      expect({ id: chart.id, textLeft: diff.textLeft, hasText: diff.hasText, close: close(diff) }).toEqual({ id: chart.id, textLeft: 0, hasText: true, close: true });
    }
  });

  test('lines, anchors, rotation, bold, references, decomposed Vietnamese and characters DejaVu lacks as resvg draws them', () => {
    const body = [
      `<text text-anchor="start" transform="translate(10,20)" ${FONT} font-size="14px" font-weight="bold" fill="#1a1a1a" opacity="1"><tspan>Bản đồ: N12. Lượt phát</tspan><tspan x="0" dy="16">thanh bình quân</tspan></text>`,
      `<text text-anchor="middle" transform="translate(210,70)" ${FONT} font-size="12px" fill="#333">Tổng &amp; cộng &lt;b&gt; &#x1EC7;&#7879; ${'Thu\u0309 \u0111o\u0302\u0301'.normalize('NFD')} \u1FBE</text>`,
      `<text text-anchor="end" transform="translate(410,100)" ${FONT} font-size="10px" fill="#000" fill-opacity="0.6">✓ 43,8%</text>`,
      `<text text-anchor="middle" transform="translate(20,120) rotate(-90)" ${FONT} font-size="11px" font-weight="700" fill="#2166ac">Tỷ lệ</text>`,
      `<text text-anchor="start" x="150" y="140" dx="5" ${FONT} font-size="9.5px" fill="#000" aria-label="x/>y">x, y, dx</text>`,
      `<text text-anchor="start" x="300" y="140" ${FONT} font-size="12px" fill="#000">中 ${'\u{1F600}'}</text>`,
      `<text ${FONT} font-size="10px" fill="#000"/>`,
    ].join('');
    const svg = svgOf(body);
    const diff = difference(svg);
    expect(diff.textLeft).toBe(0);
    expect(diff.hasText).toBe(true);
    // No kerned pair here: the same pixels but for rounding at the edges.
    expect(diff.off).toBe(0);
    expect(Math.abs(diff.textInk)).toBeLessThan(0.0005);
    // A line one pixel off is seen.
    const outlined = outlineText(svg, chartFonts());
    const moved = outlined.svg.replace('<g transform="translate(20,120) rotate(-90)"', '<g transform="translate(21,120) rotate(-90)"');
    expect(moved).not.toBe(outlined.svg);
    expect(difference(svg, { ...outlined, svg: moved }).off).toBeGreaterThan(0);
  });

  test('the charts\' comparison fails when a label is missing or in the wrong weight (placement: the test above, pixel for pixel)', async () => {
    const { svg } = await renderChart(buildReportCharts(reports[1]).find((c) => c.id === 'trend')!.spec);
    const outlined = outlineText(svg, chartFonts());
    expect(close(difference(svg, outlined))).toBe(true);
    // The x axis's "T1" (two characters of ~800), dropped.
    const label = outlined.svg.indexOf('<g transform="translate(10.416666666666671,15)"');
    expect(label).toBeGreaterThan(0);
    const dropped = outlined.svg.slice(0, label) + outlined.svg.slice(outlined.svg.indexOf('</g>', label) + 4);
    expect(close(difference(svg, { svg: dropped, textLeft: 0 }))).toBe(false);
    const bold = outlineText(svg.replace('font-size="10px" fill="#1a1a1a" opacity="1">T1<', 'font-size="10px" font-weight="bold" fill="#1a1a1a" opacity="1">T1<'), chartFonts());
    expect(close(difference(svg, bold))).toBe(false);
  });

  test('text this module does not draw is left for resvg, and the PNG still has it', async () => {
    const left = [
      `<text transform="translate(10,20)" ${FONT} font-size="12px" fill="#000" stroke="#f00">viền / stroke</text>`,
      `<text transform="translate(10,40)" ${FONT} font-size="12px" fill="#000" letter-spacing="3">giãn chữ</text>`,
      `<text transform="translate(10,60)" ${FONT} font-size="12px" font-style="italic" fill="#000">nghiêng</text>`,
      `<text transform="translate(10,80)" ${FONT} font-size="12px" fill="#000"><tspan fill="#f00">lồng</tspan> nhau</text>`,
      `<text transform="translate(10,100)" ${FONT} font-size="1em" fill="#000">em</text>`,
      `<text transform="translate(10,140)" ${FONT} font-size="12px" fill="#000" x="1 2 3">abc</text>`,
      `<text transform="translate(10,160)" ${FONT} font-size="12px" fill="#000"><tspan>một</tspan><tspan dy="3">hai</tspan></text>`,
      `<text transform="translate(10,180)" ${FONT} font-size="12px" fill="#000"> khoảng  trắng </text>`,
      `<text transform="translate(10,200)" ${FONT} font-size="12px" fill="#000">gạch\u00ADnối mềm</text>`,
      `<text transform="translate(10,220)" ${FONT} font-size="12px" fill="#000">עברית</text>`,
      `<text transform="translate(10,240)" ${FONT} font-size="12px" fill="url(#g)">chuyển màu</text>`,
    ];
    const svg = svgOf(left.join(''), 420, 260);
    const outlined = outlineText(svg, chartFonts());
    expect(outlined.textLeft).toBe(left.length);
    expect(outlined.svg).toBe(svg);
    const png = await svgToPng(svg);
    expect(pngSize(png)).toEqual({ width: 840, height: 520 });
    // Drawn by resvg with the fonts: the same pixels as resvg gives without this module.
    expect(Buffer.from(pngPixels(png)).equals(pixels(svg, withFonts).pixels)).toBe(true);
  });

  test("a glyph's path data, written relative to its first point, reaches every point of its outline at any offset", () => {
    /** The absolute points of path data, as an SVG reader takes them: after `z` the pen is back at the contour's start. */
    const pointsOf = (d: string) => {
      const points: number[] = [];
      let commands = '';
      let [x, y, startX, startY] = [0, 0, 0, 0];
      for (const [, command, args] of d.matchAll(/([MLQZmlqz])([^MLQZmlqz]*)/g)) {
        const numbers = args.trim() === '' ? [] : args.trim().split(/\s+/).map(Number);
        const relative = command === command.toLowerCase();
        const [fromX, fromY] = [x, y];
        for (let k = 0; k < numbers.length; k += 2) {
          [x, y] = relative ? [fromX + numbers[k], fromY + numbers[k + 1]] : [numbers[k], numbers[k + 1]];
          points.push(x, y);
        }
        if (command.toUpperCase() === 'M') [startX, startY] = [x, y];
        if (command.toUpperCase() === 'Z') [x, y] = [startX, startY];
        commands += command.toUpperCase();
      }
      return { commands, points };
    };
    const fonts = chartFonts();
    let glyphs = 0;
    for (const font of [fonts.regular, fonts.bold]) {
      // .notdef (0) too: every character the font lacks is drawn with it.
      for (const glyph of new Set([0, ...font.glyphOf.values()])) {
        const outline = font.outline(glyph);
        for (const dx of [0, 1234, 200_000]) {
          const drawn = pointsOf(pathData(outline, dx));
          expect(drawn.commands).toBe(outline.commands);
          const expected = outline.coordinates.map((v, i) => Math.round((i % 2 === 0 ? v + dx : v) * 1000) / 1000);
          expect(drawn.points).toHaveLength(expected.length);
          const worst = Math.max(0, ...drawn.points.map((v, i) => Math.abs(v - expected[i])));
          // Written so that a NaN (a point read past the coordinates) fails too.
          if (!(worst <= 1e-6)) throw new Error(`glyph ${glyph} at ${dx}: a point off by ${worst}`);
        }
        glyphs++;
      }
    }
    expect(glyphs).toBeGreaterThan(5000);
  });

  test('a style sheet or an ancestor could style the text: such an SVG is left whole', () => {
    for (const svg of [
      svgOf(`<style>text { fill: red }</style><text transform="translate(10,20)" ${FONT} font-size="12px">đỏ</text>`),
      svgOf(`<g letter-spacing="4"><text transform="translate(10,20)" ${FONT} font-size="12px" fill="#000">giãn</text></g>`),
      svgOf(`<g font-weight="bold"><text transform="translate(10,20)" ${FONT} font-size="12px" fill="#000">đậm</text></g>`),
    ]) {
      expect(outlineText(svg, chartFonts())).toEqual({ svg, textLeft: 1 });
    }
  });
});
