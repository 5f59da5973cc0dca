/**
 * Text widths from the DejaVu Sans font files, for Vega's layout on the server. Without a
 * canvas Vega guesses 0.8 em per character, which leaves charts a third wider than their
 * content and spaces legends unevenly; the PNGs are drawn with DejaVu, so its advance widths
 * (read from the TrueType `cmap` and `hmtx` tables) give the layout the real sizes.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import * as vega from 'vega';

/** Advance width in em of each code point. */
export type AdvanceTable = Map<number, number>;

function tableOffsets(font: Buffer): Map<string, number> {
  const count = font.readUInt16BE(4);
  const tables = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const record = 12 + i * 16;
    tables.set(font.toString('latin1', record, record + 4), font.readUInt32BE(record + 8));
  }
  return tables;
}

/** Code point → glyph id from the Unicode BMP subtable (format 4). */
function glyphIds(font: Buffer, cmap: number): Map<number, number> {
  const subtables = font.readUInt16BE(cmap + 2);
  let offset = -1;
  for (let i = 0; i < subtables; i++) {
    const record = cmap + 4 + i * 8;
    const platform = font.readUInt16BE(record);
    const encoding = font.readUInt16BE(record + 2);
    const at = cmap + font.readUInt32BE(record + 4);
    if ((platform === 3 && encoding === 1) || (platform === 0 && offset < 0)) {
      if (font.readUInt16BE(at) === 4) offset = at;
    }
  }
  if (offset < 0) throw new Error('font has no Unicode BMP cmap (format 4)');
  const segments = font.readUInt16BE(offset + 6) / 2;
  const ends = offset + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  const map = new Map<number, number>();
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

export function readAdvances(file: string): AdvanceTable {
  const font = readFileSync(file);
  const tables = tableOffsets(font);
  const head = tables.get('head');
  const hhea = tables.get('hhea');
  const hmtx = tables.get('hmtx');
  const cmap = tables.get('cmap');
  if (head === undefined || hhea === undefined || hmtx === undefined || cmap === undefined) {
    throw new Error(`${basename(file)}: not a TrueType font with head, hhea, hmtx and cmap tables`);
  }
  const unitsPerEm = font.readUInt16BE(head + 18);
  const metrics = font.readUInt16BE(hhea + 34);
  const advanceOf = (glyph: number) => font.readUInt16BE(hmtx + Math.min(glyph, metrics - 1) * 4) / unitsPerEm;
  const advances: AdvanceTable = new Map();
  for (const [codePoint, glyph] of glyphIds(font, cmap)) advances.set(codePoint, advanceOf(glyph));
  return advances;
}

/** Width in pixels; characters the font lacks count as 0.6 em (what a fallback font takes). */
export function textWidth(advances: AdvanceTable, text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text.normalize('NFC')) em += advances.get(ch.codePointAt(0)!) ?? 0.6;
  return em * fontSize;
}

interface TextItem {
  fontSize?: number | string;
  fontWeight?: number | string;
  limit?: number;
}

const isBold = (weight: number | string | undefined) => weight === 'bold' || weight === 'bolder' || Number(weight) >= 600;

/**
 * Makes Vega measure text with these fonts (Vega supports a user-defined measure in place of
 * its canvas). The measure is global to the Vega module, as Vega's own is.
 */
export function useFontMetrics(regular: AdvanceTable, bold: AdvanceTable): void {
  // Exported by vega at run time (from vega-scenegraph) but missing from its type declarations.
  const { textMetrics } = vega as unknown as { textMetrics: { width: (item: TextItem, text?: unknown) => number } };
  textMetrics.width = (item, text) => {
    const value = text == null ? '' : String(text).trim();
    const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
    const width = textWidth(isBold(item.fontWeight) ? bold : regular, value, size);
    // Vega truncates text longer than `limit`; a truncated text is at most that wide.
    return item.limit && item.limit > 0 ? Math.min(width, item.limit) : width;
  };
}
