/**
 * Text widths from the DejaVu Sans font files, for Vega's layout on the server. Without a
 * canvas Vega guesses 0.8 em per character, which leaves charts a third wider than their
 * content and spaces legends unevenly; the PNGs are drawn with DejaVu, so the advance widths of
 * the glyphs they draw give the layout the real sizes.
 */
import * as vega from 'vega';
import { faceFor, type ChartFonts } from './chart-fonts';
import { advanceOf, glyphsOf, type TrueTypeFont } from './truetype';

/**
 * Width in pixels of the glyphs the PNG draws (`glyphsOf`): a character the font lacks counts as
 * its .notdef glyph (0.6 em in DejaVu, what a fallback font takes too).
 */
export function textWidth(font: TrueTypeFont, text: string, fontSize: number): number {
  return (advanceOf(glyphsOf(text, font), font) / font.unitsPerEm) * fontSize;
}

interface TextItem {
  fontSize?: number | string;
  fontWeight?: number | string;
  limit?: number;
}

/**
 * Makes Vega measure text with these fonts (Vega supports a user-defined measure in place of
 * its canvas). The measure is global to the Vega module, as Vega's own is.
 */
export function useFontMetrics(fonts: ChartFonts): void {
  // Exported by vega at run time (from vega-scenegraph) but missing from its type declarations.
  const { textMetrics } = vega as unknown as { textMetrics: { width: (item: TextItem, text?: unknown) => number } };
  textMetrics.width = (item, text) => {
    const value = text == null ? '' : String(text).trim();
    const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
    const width = textWidth(faceFor(fonts, item.fontWeight), value, size);
    // Vega truncates text longer than `limit`; a truncated text is at most that wide.
    return item.limit && item.limit > 0 ? Math.min(width, item.limit) : width;
  };
}
