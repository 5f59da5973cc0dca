/**
 * The text of a chart's SVG turned into glyph outlines before resvg draws the PNG. resvg-js reads
 * a font given by path from disk again (the whole file) for every glyph it shapes or draws:
 * ~800 reads of 760 KB for one chart, more than half of drawing it. Outlines from the font read
 * once need no font at all. Glyphs are placed by their advance widths (no kerning), the widths
 * the layout measured the text with (font-metrics.ts).
 *
 * Only the text Vega writes is converted: a `<text>` of plain text or of `<tspan>` lines, with
 * font size, weight and anchor. Anything else (a stroke, letter spacing, italics, nested markup…)
 * is left as text for resvg to draw with the font files, so the picture is right either way.
 */
import type { TrueTypeFont } from './truetype';

export interface ChartFonts {
  regular: TrueTypeFont;
  bold: TrueTypeFont;
}

export interface OutlinedSvg {
  svg: string;
  /** `<text>` elements left as text (resvg needs the fonts for them). */
  textLeft: number;
}

/** Attributes of `<text>` and `<tspan>` this module applies itself. */
const POSITION = new Set(['x', 'y', 'dx', 'dy']);
const FONT = new Set(['font-family', 'font-size', 'font-weight', 'font-style', 'font-variant', 'text-anchor']);
/** Attributes carried over to the group that replaces a `<text>`: they mean the same on it. */
const CARRIED = new Set(['transform', 'fill', 'fill-opacity', 'opacity', 'class', 'role', 'pointer-events', 'clip-path', 'mask', 'filter', 'visibility', 'display']);
const carried = (name: string) => CARRIED.has(name) || name.startsWith('aria-');

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

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Character data with its references resolved, or null for an unknown entity. */
function decode(text: string): string | null {
  let ok = true;
  const out = text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (_m, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(Number(ref.slice(1)));
    if (ref in ENTITIES) return ENTITIES[ref];
    ok = false;
    return '';
  });
  return ok ? out : null;
}

const NUMBER = /^-?(\d+\.?\d*|\.\d+)(e-?\d+)?$/i;
const numberOf = (value: string | undefined): number | null => (value !== undefined && NUMBER.test(value.trim()) ? Number(value) : null);

interface Chunk {
  text: string;
  /** Absolute position (starts a new anchored chunk), or null to go on from the pen. */
  x: number | null;
  y: number | null;
  dx: number;
  dy: number;
}

/** The positions a `<text>` or `<tspan>` sets, or null when one is not a single number. */
function positionOf(attrs: Map<string, string>): Omit<Chunk, 'text'> | null {
  const read = (name: string) => (attrs.has(name) ? numberOf(attrs.get(name)) : undefined);
  const [x, y, dx, dy] = ['x', 'y', 'dx', 'dy'].map(read);
  if (x === null || y === null || dx === null || dy === null) return null;
  return { x: x ?? null, y: y ?? null, dx: dx ?? 0, dy: dy ?? 0 };
}

/** The text's lines (`<tspan>`s or its plain content), or null for markup this module leaves alone. */
function chunksOf(content: string): Chunk[] | null {
  if (!content.includes('<')) {
    const text = decode(content);
    return text === null ? null : [{ text, x: null, y: null, dx: 0, dy: 0 }];
  }
  const chunks: Chunk[] = [];
  const TSPAN = /<tspan\b([^>]*)>([^<]*)<\/tspan>/y;
  let at = 0;
  while (at < content.length) {
    TSPAN.lastIndex = at;
    const m = TSPAN.exec(content);
    if (!m) return null;
    const attrs = attributesOf(m[1]);
    const text = decode(m[2]);
    if (!attrs || text === null || [...attrs.keys()].some((k) => !POSITION.has(k))) return null;
    const position = positionOf(attrs);
    if (!position) return null;
    chunks.push({ text, ...position });
    at = TSPAN.lastIndex;
  }
  return chunks;
}

/**
 * SVG's default white-space handling (`xml:space="default"`): line breaks dropped, tabs as
 * spaces, runs of spaces as one, none at the start or end of the whole text.
 */
function collapseSpaces(chunks: Chunk[]): void {
  let afterSpace = true;
  for (const chunk of chunks) {
    let text = chunk.text.replace(/[\r\n]/g, '').replace(/\t/g, ' ').replace(/ +/g, ' ');
    if (afterSpace && text.startsWith(' ')) text = text.slice(1);
    if (text.length > 0) afterSpace = text.endsWith(' ');
    chunk.text = text;
  }
  for (let i = chunks.length - 1; i >= 0; i--) {
    if (chunks[i].text.length === 0) continue;
    chunks[i].text = chunks[i].text.replace(/ $/, '');
    break;
  }
}

const isBold = (weight: string | undefined) => weight === 'bold' || weight === 'bolder' || Number(weight) >= 600;

const fixed = (n: number) => String(Math.round(n * 1000) / 1000);

/** The paths of one `<text>`, or null when it is left as text. */
function outlined(inside: string, content: string, fonts: ChartFonts): string | null {
  const attrs = attributesOf(inside);
  if (!attrs) return null;
  for (const name of attrs.keys()) {
    if (!POSITION.has(name) && !FONT.has(name) && !carried(name)) return null;
  }
  const style = attrs.get('font-style');
  const variant = attrs.get('font-variant');
  if ((style && style !== 'normal') || (variant && variant !== 'normal')) return null;
  const size = /^(\d+\.?\d*|\.\d+)(px)?$/.exec(attrs.get('font-size') ?? '');
  const anchor = attrs.get('text-anchor') ?? 'start';
  if (!size || !['start', 'middle', 'end'].includes(anchor)) return null;
  const origin = positionOf(attrs);
  const chunks = chunksOf(content);
  if (!origin || !chunks) return null;
  collapseSpaces(chunks);

  const font = isBold(attrs.get('font-weight')) ? fonts.bold : fonts.regular;
  const scale = Number(size[1]) / font.unitsPerEm;
  const matrix = `${String(scale)},0,0,${String(-scale)}`;
  let penX = (origin.x ?? 0) + origin.dx;
  let penY = (origin.y ?? 0) + origin.dy;
  let paths = '';
  for (const chunk of chunks) {
    if (chunk.x !== null) penX = chunk.x;
    if (chunk.y !== null) penY = chunk.y;
    penX += chunk.dx;
    penY += chunk.dy;
    // A character the font lacks is drawn as its .notdef glyph (0), as resvg draws it.
    const glyphs = Array.from(chunk.text.normalize('NFC'), (ch) => font.glyphOf.get(ch.codePointAt(0)!) ?? 0);
    const width = glyphs.reduce((sum, g) => sum + font.advance(g), 0) * scale;
    // Each line (a chunk that sets x or y) is anchored on its own, as SVG anchors text chunks.
    const startsLine = chunk === chunks[0] || chunk.x !== null || chunk.y !== null;
    if (startsLine) penX -= anchor === 'middle' ? width / 2 : anchor === 'end' ? width : 0;
    for (const glyph of glyphs) {
      const d = font.outline(glyph);
      if (d) paths += `<path transform="matrix(${matrix},${fixed(penX)},${fixed(penY)})" d="${d}"/>`;
      penX += font.advance(glyph) * scale;
    }
  }
  const kept = [...attrs].filter(([name]) => carried(name)).map(([name, value]) => ` ${name}="${value}"`);
  return `<g${kept.join('')}>${paths}</g>`;
}

/** The SVG with its text drawn as glyph outlines, where it can be. */
export function outlineText(svg: string, fonts: ChartFonts): OutlinedSvg {
  const TEXT = /<text\b([^>]*?)(?:\/>|>([\s\S]*?)<\/text>)/g;
  // A style sheet could style text by its tag, which a group of paths no longer has.
  if (svg.includes('<style')) return { svg, textLeft: Array.from(svg.matchAll(TEXT)).length };
  let textLeft = 0;
  const out = svg.replace(TEXT, (whole, inside: string, content: string | undefined) => {
    if (content === undefined) return ''; // an empty <text/> draws nothing
    const paths = outlined(inside, content, fonts);
    if (paths === null) textLeft++;
    return paths ?? whole;
  });
  return { svg: out, textLeft };
}
