/**
 * The text of a chart's SVG turned into glyph outlines before resvg draws the PNG. resvg-js reads
 * a font given by path from disk again (the whole file) for every glyph it shapes or draws:
 * ~800 reads of 760 KB for one chart, more than half of drawing it. Outlines from the font read
 * once need no font at all. Glyphs are placed by their advance widths (no kerning, no ligatures),
 * the widths the layout measured the text with (font-metrics.ts).
 *
 * Only the text Vega writes is converted: a `<text>` of plain text or of `<tspan>` lines, each
 * line starting at its own x, with font size, weight and anchor, a plain fill. Anything else (a
 * stroke, a gradient, a clip path, letter spacing, italics, spaces resvg would collapse, right-to-left
 * scripts, nested markup, text properties set on an ancestor, a style sheet, a glyph the parser
 * cannot read) is left as text for resvg to draw with the font files.
 */
import { xmlText } from '../../../core/xml-text';
import { faceFor, type ChartFonts } from './chart-fonts';
import { advanceOf, glyphsOf, pathData } from './truetype';

export interface OutlinedSvg {
  svg: string;
  /** `<text>` elements left as text (resvg needs the fonts for them). */
  textLeft: number;
}

/** Attributes of `<text>` and `<tspan>` this module applies itself. */
const POSITION = new Set(['x', 'y', 'dx', 'dy']);
const FONT = new Set(['font-family', 'font-size', 'font-weight', 'font-style', 'font-variant', 'text-anchor']);
/** Attributes carried over to the paths that replace the lines: they mean the same on them… */
const ON_PATHS = new Set(['fill', 'fill-opacity', 'class', 'role', 'pointer-events', 'visibility', 'display']);
const onPaths = (name: string) => ON_PATHS.has(name) || name.startsWith('aria-');
/** …or on a group of them (an opacity applies to the text as a whole). */
const ON_GROUP = new Set(['transform', 'opacity']);
/**
 * Text properties an ancestor could pass down to a `<text>`, changing how resvg draws it: where
 * one is set outside the text, the SVG is left whole.
 */
const INHERITED_TEXT_PROPERTIES =
  /\s(?:xml:space|style|letter-spacing|word-spacing|font-style|font-variant|font-weight|font-size|font-stretch|text-anchor|direction|writing-mode|unicode-bidi|baseline-shift|dominant-baseline|alignment-baseline|text-decoration|text-rendering|font-kerning|font-feature-settings)=/;

const ATTRIBUTE = /\s*([A-Za-z_:][\w:.-]*)="([^"<]*)"/y;

/** The attributes of a start tag's inside, or null when it is not plain `name="value"` pairs. */
function attributesOf(inside: string): Map<string, string> | null {
  const map = new Map<string, string>();
  ATTRIBUTE.lastIndex = 0;
  let at = 0;
  for (let m = ATTRIBUTE.exec(inside); m; m = ATTRIBUTE.exec(inside)) {
    map.set(m[1], m[2]);
    at = ATTRIBUTE.lastIndex;
  }
  return inside.slice(at).trim() === '' ? map : null;
}

/** Character data with its references resolved, or null for one resvg alone could resolve. */
function decode(text: string): string | null {
  let ok = true;
  const out = xmlText(text, () => (ok = false));
  return ok ? out : null;
}

const NUMBER = /^-?(\d+\.?\d*|\.\d+)(e-?\d+)?$/i;
const numberOf = (value: string | undefined): number | null => (value !== undefined && NUMBER.test(value.trim()) ? Number(value) : null);

interface Line {
  text: string;
  /** Where the line starts; null for the text's own position. */
  x: number | null;
  dy: number;
}

/** The positions a `<text>` sets, or null when one is not a single number. */
function originOf(attrs: Map<string, string>): { x: number; y: number } | null {
  const read = (name: string) => (attrs.has(name) ? numberOf(attrs.get(name)) : 0);
  const [x, y, dx, dy] = ['x', 'y', 'dx', 'dy'].map(read);
  return x === null || y === null || dx === null || dy === null ? null : { x: x + dx, y: y + dy };
}

/**
 * The text's lines: its plain content, or `<tspan>`s of which every one after the first starts
 * a line at its own `x` (as Vega writes them); null for anything else.
 */
function linesOf(content: string): Line[] | null {
  if (!content.includes('<')) {
    const text = decode(content);
    return text === null ? null : [{ text, x: null, dy: 0 }];
  }
  const lines: Line[] = [];
  const TSPAN = /<tspan\b([^>]*)>([^<]*)<\/tspan>/y;
  let at = 0;
  while (at < content.length) {
    TSPAN.lastIndex = at;
    const m = TSPAN.exec(content);
    if (!m) return null;
    const attrs = attributesOf(m[1]);
    const text = decode(m[2]);
    if (!attrs || text === null) return null;
    const names = [...attrs.keys()];
    if (lines.length === 0 ? names.length > 0 : names.some((k) => k !== 'x' && k !== 'dy') || !attrs.has('x')) return null;
    const x = lines.length === 0 ? null : numberOf(attrs.get('x'));
    const dy = attrs.has('dy') ? numberOf(attrs.get('dy')) : 0;
    if ((lines.length > 0 && x === null) || dy === null) return null;
    lines.push({ text, x, dy });
    at = TSPAN.lastIndex;
  }
  return lines;
}

/**
 * Spaces resvg would collapse or strip (and line breaks, tabs), characters it would not draw
 * (default-ignorable ones, such as a soft hyphen) and scripts it would reorder or join
 * (right to left): such text is left to resvg.
 */
const LEFT_TO_RESVG = /^\s|\s$|\s\s|[\t\n\r]|\p{Default_Ignorable_Code_Point}|[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;

const fixed = (n: number) => String(Math.round(n * 1000) / 1000);

/** The paths of one `<text>`, or null when it is left as text. */
function outlined(inside: string, content: string, fonts: ChartFonts): string | null {
  const attrs = attributesOf(inside);
  if (!attrs) return null;
  for (const [name, value] of attrs) {
    if (!POSITION.has(name) && !FONT.has(name) && !ON_GROUP.has(name) && !onPaths(name)) return null;
    // A gradient or pattern spans the whole text's box, not each line's.
    if (name === 'fill' && value.includes('url(')) return null;
  }
  const style = attrs.get('font-style');
  const variant = attrs.get('font-variant');
  if ((style && style !== 'normal') || (variant && variant !== 'normal')) return null;
  const size = /^(\d+\.?\d*|\.\d+)(px)?$/.exec(attrs.get('font-size') ?? '');
  const anchor = attrs.get('text-anchor') ?? 'start';
  if (!size || !['start', 'middle', 'end'].includes(anchor)) return null;
  const origin = originOf(attrs);
  const lines = linesOf(content);
  if (!origin || !lines || lines.some((l) => LEFT_TO_RESVG.test(l.text))) return null;

  const font = faceFor(fonts, attrs.get('font-weight'));
  const scale = Number(size[1]) / font.unitsPerEm;
  // One path a line, the glyphs placed in font units: overlapping glyphs are filled once, as
  // resvg fills a line's glyphs, and a fill's opacity does not add up where they overlap.
  const attributes = (keep: (name: string) => boolean) =>
    [...attrs].filter(([name]) => keep(name)).map(([name, value]) => ` ${name}="${value}"`).join('');
  const paint = attributes(onPaths);
  const group = attributes((name) => ON_GROUP.has(name));
  let y = origin.y;
  let paths = '';
  for (const line of lines) {
    y += line.dy;
    const glyphs = glyphsOf(line.text, font);
    const width = advanceOf(glyphs, font);
    const x = (line.x ?? origin.x) - (anchor === 'middle' ? (width * scale) / 2 : anchor === 'end' ? width * scale : 0);
    let d = '';
    let pen = 0;
    for (const glyph of glyphs) {
      d += pathData(font.outline(glyph), pen);
      pen += font.advance(glyph);
    }
    if (d) paths += `<path transform="matrix(${String(scale)},0,0,${String(-scale)},${fixed(x)},${fixed(y)})"${paint} d="${d}"/>`;
  }
  return group ? `<g${group}>${paths}</g>` : paths;
}

/** A `<text>` element: its start tag's inside (quoted values may hold `>` or `/>`) and content. */
const TEXT = /<text\b((?:[^>"']|"[^"]*"|'[^']*')*?)(?:\/>|>([\s\S]*?)<\/text>)/g;

/** The SVG with its text drawn as glyph outlines, where it can be. */
export function outlineText(svg: string, fonts: ChartFonts): OutlinedSvg {
  // A style sheet could style text by its tag, and an ancestor could pass a text property down,
  // where a path no longer has them.
  if (svg.includes('<style') || INHERITED_TEXT_PROPERTIES.test(svg.replace(TEXT, ''))) {
    return { svg, textLeft: Array.from(svg.matchAll(TEXT)).length };
  }
  let textLeft = 0;
  const out = svg.replace(TEXT, (whole, inside: string, content: string | undefined) => {
    if (content === undefined) return ''; // an empty <text/> draws nothing
    let paths: string | null;
    try {
      paths = outlined(inside, content, fonts);
    } catch {
      paths = null; // a glyph the parser cannot read: resvg reads it
    }
    if (paths === null) textLeft++;
    return paths ?? whole;
  });
  return { svg: out, textLeft };
}
