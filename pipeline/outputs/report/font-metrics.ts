/**
 * Text widths from the DejaVu Sans font files, for Vega's layout on the server. Without a
 * canvas Vega guesses 0.8 em per character, which leaves charts a third wider than their
 * content and spaces legends unevenly; the PNGs are drawn with DejaVu, so its advance widths
 * (read from the TrueType `cmap` and `hmtx` tables) give the layout the real sizes.
 */
import * as vega from 'vega';
import type { TrueTypeFont } from './truetype';

/** Advance width in em of each code point. */
export type AdvanceTable = Map<number, number>;

export function advancesOf(font: TrueTypeFont): AdvanceTable {
  const advances: AdvanceTable = new Map();
  for (const [codePoint, glyph] of font.glyphOf) advances.set(codePoint, font.advance(glyph) / font.unitsPerEm);
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
