/**
 * The parts of a TrueType font the charts need, read once: each code point's glyph (`cmap`), each
 * glyph's advance (`hmtx`) and outline (`glyf`, composites resolved), in font units. The layout
 * measures text with the advances (font-metrics.ts); the PNGs draw the outlines (text-outlines.ts).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

export interface TrueTypeFont {
  unitsPerEm: number;
  /** Code point → glyph id; code points the font lacks are absent. */
  glyphOf: ReadonlyMap<number, number>;
  /** The glyph's advance width, in font units. */
  advance(id: number): number;
  /** The glyph's outline in font units (y up); no commands for a blank glyph. */
  outline(id: number): Outline;
}

/**
 * An outline as path commands (`M`, `L`, `Q`, `Z`) and their coordinates in one flat list (x, y
 * pairs), and as path data from its first point on (`pathData` writes it at any offset).
 */
export interface Outline {
  commands: string;
  coordinates: number[];
  /** The path data after the first `M`, relative to it (`m`, `l`, `q`, `z`); empty for a blank glyph. */
  relative: string;
}

const ARITY: Record<string, number> = { M: 2, L: 2, Q: 4, Z: 0 };

/** A number rounded as SVG path data writes it: integers as they are, halves (implied points) short. */
const rounded = (n: number) => (Number.isInteger(n) ? n : Math.round(n * 1000) / 1000);
const num = (n: number) => String(rounded(n));

/**
 * The path data after the first point, each point relative to the one before (after a `z`, to
 * its contour's start, where SVG puts the pen). The steps are taken between the rounded points,
 * so that the points drawn are those the absolute data would give.
 */
function relativeData(commands: string, xy: readonly number[]): string {
  if (commands === '') return '';
  let d = '';
  let [x, y] = [rounded(xy[0]), rounded(xy[1])];
  let [startX, startY] = [x, y];
  let at = 2;
  for (let i = 1; i < commands.length; i++) {
    const command = commands[i];
    d += command.toLowerCase();
    const [fromX, fromY] = [x, y];
    for (let k = 0; k < ARITY[command]; k += 2, at += 2) {
      [x, y] = [rounded(xy[at]), rounded(xy[at + 1])];
      d += `${k ? ' ' : ''}${num(x - fromX)} ${num(y - fromY)}`;
    }
    if (command === 'M') [startX, startY] = [x, y];
    if (command === 'Z') [x, y] = [startX, startY];
  }
  return d;
}

/**
 * SVG path data of `outline` moved `dx` font units along x: only its first point is written for
 * each use, the rest once per glyph (`relative`). The charts draw the same few glyphs thousands of
 * times, and writing each of their coordinates was most of the outlining. For a whole `dx` (a pen
 * moved by advances, in font units) the points are exactly those of the absolute data.
 */
export function pathData(outline: Outline, dx: number): string {
  if (outline.commands === '') return '';
  return `M${num(outline.coordinates[0] + dx)} ${num(outline.coordinates[1])}${outline.relative}`;
}

const COMBINING = /\p{M}/u;

/** How far these glyphs, set one after the other, take the pen, in font units. */
export function advanceOf(glyphs: readonly number[], font: TrueTypeFont): number {
  let units = 0;
  for (const glyph of glyphs) units += font.advance(glyph);
  return units;
}

/**
 * The glyphs of a line: each character's own glyph, a base and its combining marks composed into
 * one glyph where the font has it (as resvg's shaping does), else each drawn as it is. A
 * character the font lacks is drawn as its .notdef glyph (0), as resvg draws it.
 */
export function glyphsOf(text: string, font: TrueTypeFont): number[] {
  const glyphs: number[] = [];
  // Most text has no combining mark: each character its own glyph.
  if (!COMBINING.test(text)) {
    for (const ch of text) glyphs.push(font.glyphOf.get(ch.codePointAt(0)!) ?? 0);
    return glyphs;
  }
  for (const cluster of text.match(/\P{M}\p{M}*|\p{M}+/gu) ?? []) {
    const composed = cluster.length > 1 ? cluster.normalize('NFC') : cluster;
    const whole = [...composed].length === 1 ? font.glyphOf.get(composed.codePointAt(0)!) : undefined;
    if (whole !== undefined) glyphs.push(whole);
    else for (const ch of cluster) glyphs.push(font.glyphOf.get(ch.codePointAt(0)!) ?? 0);
  }
  return glyphs;
}

function tableOffsets(font: Buffer): Map<string, number> {
  const count = font.readUInt16BE(4);
  const tables = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const record = 12 + i * 16;
    tables.set(font.toString('latin1', record, record + 4), font.readUInt32BE(record + 8));
  }
  return tables;
}

/**
 * Code point → glyph id from the Unicode subtables: the full-range one (format 12) when the font
 * has it, for characters beyond the BMP (DejaVu draws a few emoji), else the BMP one (format 4).
 */
function glyphIds(font: Buffer, cmap: number): Map<number, number> {
  const subtables = font.readUInt16BE(cmap + 2);
  let bmp = -1;
  let full = -1;
  for (let i = 0; i < subtables; i++) {
    const record = cmap + 4 + i * 8;
    const platform = font.readUInt16BE(record);
    const encoding = font.readUInt16BE(record + 2);
    const at = cmap + font.readUInt32BE(record + 4);
    const format = font.readUInt16BE(at);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (unicode && format === 12) full = at;
    if (unicode && format === 4 && (bmp < 0 || platform === 3)) bmp = at;
  }
  const map = new Map<number, number>();
  if (full >= 0) {
    const groups = font.readUInt32BE(full + 12);
    for (let g = 0; g < groups; g++) {
      const record = full + 16 + g * 12;
      const start = font.readUInt32BE(record);
      const end = font.readUInt32BE(record + 4);
      const glyph = font.readUInt32BE(record + 8);
      for (let c = start; c <= end; c++) if (glyph + c - start !== 0) map.set(c, glyph + c - start);
    }
    return map;
  }
  if (bmp < 0) throw new Error('font has no Unicode cmap (format 4 or 12)');
  const segments = font.readUInt16BE(bmp + 6) / 2;
  const ends = bmp + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  for (let s = 0; s < segments; s++) {
    const end = font.readUInt16BE(ends + s * 2);
    const start = font.readUInt16BE(starts + s * 2);
    const delta = font.readInt16BE(deltas + s * 2);
    const rangeOffsetAt = rangeOffsets + s * 2;
    const rangeOffset = font.readUInt16BE(rangeOffsetAt);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
      else {
        glyph = font.readUInt16BE(rangeOffsetAt + rangeOffset + (c - start) * 2);
        if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
      }
      if (glyph !== 0) map.set(c, glyph);
    }
  }
  return map;
}

interface Point {
  x: number;
  y: number;
  on: boolean;
}

// Simple glyph flags (OpenType `glyf`).
const ON_CURVE = 0x01;
const X_SHORT = 0x02;
const Y_SHORT = 0x04;
const REPEAT = 0x08;
const X_SAME_OR_POSITIVE = 0x10;
const Y_SAME_OR_POSITIVE = 0x20;
// Composite glyph flags.
const ARGS_ARE_WORDS = 0x0001;
const ARGS_ARE_XY = 0x0002;
const HAS_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const HAS_XY_SCALE = 0x0040;
const HAS_2X2 = 0x0080;
/** Composites nest a few levels in practice; deeper means a broken font. */
const MAX_DEPTH = 8;

/**
 * The path of quadratic TrueType contours: between two off-curve points lies an implied on-curve
 * point at their middle; a contour may start off the curve.
 */
function contoursOutline(contours: Point[][]): Outline {
  let commands = '';
  const coordinates: number[] = [];
  const to = (command: string, ...xy: number[]) => {
    commands += command;
    coordinates.push(...xy);
  };
  for (const points of contours) {
    const n = points.length;
    if (n === 0) continue;
    // Start on the curve: at the first on-curve point, or between the last and the first point.
    const firstOn = points.findIndex((p) => p.on);
    const start = firstOn >= 0 ? points[firstOn] : { x: (points[n - 1].x + points[0].x) / 2, y: (points[n - 1].y + points[0].y) / 2, on: true };
    const rest = firstOn >= 0 ? [...points.slice(firstOn + 1), ...points.slice(0, firstOn)] : points;
    to('M', start.x, start.y);
    let control: Point | null = null;
    for (const p of rest) {
      if (p.on) {
        if (control) to('Q', control.x, control.y, p.x, p.y);
        else to('L', p.x, p.y);
        control = null;
      } else {
        if (control) to('Q', control.x, control.y, (control.x + p.x) / 2, (control.y + p.y) / 2);
        control = p;
      }
    }
    // Back to the start, through the last control point if the contour ends off the curve.
    if (control) to('Q', control.x, control.y, start.x, start.y);
    to('Z');
  }
  return { commands, coordinates, relative: relativeData(commands, coordinates) };
}

export function parseTrueType(font: Buffer, name = 'font'): TrueTypeFont {
  const tables = tableOffsets(font);
  const need = (tag: string) => {
    const at = tables.get(tag);
    if (at === undefined) throw new Error(`${name}: not a TrueType font with glyph outlines (no ${tag} table)`);
    return at;
  };
  const head = need('head');
  const hhea = need('hhea');
  const hmtx = need('hmtx');
  const maxp = need('maxp');
  const loca = need('loca');
  const glyf = need('glyf');
  const unitsPerEm = font.readUInt16BE(head + 18);
  const longLoca = font.readInt16BE(head + 50) === 1;
  const glyphCount = font.readUInt16BE(maxp + 4);
  const metrics = font.readUInt16BE(hhea + 34);
  const advanceOf = (id: number) => font.readUInt16BE(hmtx + Math.min(id, metrics - 1) * 4);
  const glyphRange = (id: number): [number, number] =>
    longLoca ? [font.readUInt32BE(loca + id * 4), font.readUInt32BE(loca + id * 4 + 4)] : [font.readUInt16BE(loca + id * 2) * 2, font.readUInt16BE(loca + id * 2 + 2) * 2];

  /** The glyph's contours in font units, composites flattened. */
  const contoursOf = (id: number, depth: number): Point[][] => {
    if (id >= glyphCount || depth > MAX_DEPTH) throw new Error(`${name}: glyph ${id} is out of range or nested too deep`);
    const [start, end] = glyphRange(id);
    if (end <= start) return []; // a blank glyph (space)
    const at = glyf + start;
    const contourCount = font.readInt16BE(at);
    if (contourCount >= 0) return simpleContours(at, contourCount);
    const contours: Point[][] = [];
    let p = at + 10;
    let flags: number;
    do {
      flags = font.readUInt16BE(p);
      const component = font.readUInt16BE(p + 2);
      p += 4;
      let dx: number;
      let dy: number;
      if (flags & ARGS_ARE_WORDS) {
        dx = font.readInt16BE(p);
        dy = font.readInt16BE(p + 2);
        p += 4;
      } else {
        dx = font.readInt8(p);
        dy = font.readInt8(p + 1);
        p += 2;
      }
      // Components placed by matching points: not used by the fonts the charts draw with.
      if (!(flags & ARGS_ARE_XY)) throw new Error(`${name}: glyph ${id} places a component by point matching`);
      let [a, b, c, d] = [1, 0, 0, 1];
      const f2dot14 = (o: number) => font.readInt16BE(o) / 16384;
      if (flags & HAS_SCALE) {
        a = d = f2dot14(p);
        p += 2;
      } else if (flags & HAS_XY_SCALE) {
        a = f2dot14(p);
        d = f2dot14(p + 2);
        p += 4;
      } else if (flags & HAS_2X2) {
        [a, b, c, d] = [f2dot14(p), f2dot14(p + 2), f2dot14(p + 4), f2dot14(p + 6)];
        p += 8;
      }
      for (const contour of contoursOf(component, depth + 1)) {
        contours.push(contour.map((q) => ({ x: a * q.x + c * q.y + dx, y: b * q.x + d * q.y + dy, on: q.on })));
      }
    } while (flags & MORE_COMPONENTS);
    return contours;
  };

  const simpleContours = (at: number, contourCount: number): Point[][] => {
    const ends: number[] = [];
    for (let i = 0; i < contourCount; i++) ends.push(font.readUInt16BE(at + 10 + i * 2));
    const pointCount = contourCount === 0 ? 0 : ends[contourCount - 1] + 1;
    let p = at + 10 + contourCount * 2;
    p += 2 + font.readUInt16BE(p); // instructions
    const flags: number[] = [];
    while (flags.length < pointCount) {
      const flag = font.readUInt8(p++);
      flags.push(flag);
      if (flag & REPEAT) {
        for (let r = font.readUInt8(p++); r > 0; r--) flags.push(flag);
      }
    }
    const coordinates = (short: number, sameOrPositive: number): number[] => {
      const values: number[] = [];
      let value = 0;
      for (let i = 0; i < pointCount; i++) {
        const flag = flags[i];
        if (flag & short) {
          const delta = font.readUInt8(p++);
          value += flag & sameOrPositive ? delta : -delta;
        } else if (!(flag & sameOrPositive)) {
          value += font.readInt16BE(p);
          p += 2;
        }
        values.push(value);
      }
      return values;
    };
    const xs = coordinates(X_SHORT, X_SAME_OR_POSITIVE);
    const ys = coordinates(Y_SHORT, Y_SAME_OR_POSITIVE);
    const contours: Point[][] = [];
    let first = 0;
    for (const last of ends) {
      const contour: Point[] = [];
      for (let i = first; i <= last; i++) contour.push({ x: xs[i], y: ys[i], on: (flags[i] & ON_CURVE) !== 0 });
      contours.push(contour);
      first = last + 1;
    }
    return contours;
  };

  const outlines = new Map<number, Outline>();
  return {
    unitsPerEm,
    glyphOf: glyphIds(font, need('cmap')),
    advance: advanceOf,
    outline(id) {
      let outline = outlines.get(id);
      if (outline === undefined) {
        outline = contoursOutline(contoursOf(id, 0));
        outlines.set(id, outline);
      }
      return outline;
    },
  };
}

export function readTrueType(file: string): TrueTypeFont {
  return parseTrueType(readFileSync(file), basename(file));
}
