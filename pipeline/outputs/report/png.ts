/**
 * The charts' PNGs: resvg draws the SVG Vega wrote, its text as glyph outlines. No Vega here, so
 * that another render thread can draw them (png-thread.ts).
 */
import { renderAsync } from '@resvg/resvg-js';
import { chartFonts, resvgFonts } from './chart-fonts';
import { outlineText } from './text-outlines';

/**
 * PNG at twice the SVG's size, for slides and documents. Drawn on libuv's thread pool (resvg's
 * `renderAsync`), several side by side; the outlines and the PNG's encoding are the calling
 * thread's work. The text comes as glyph outlines (text-outlines.ts); resvg gets the font files
 * only for text left as it was.
 */
export async function svgToPng(svg: string, scale = 2): Promise<Buffer> {
  const outlined = outlineText(svg, chartFonts());
  const image = await renderAsync(outlined.svg, {
    background: 'white',
    fitTo: { mode: 'zoom', value: scale },
    font: outlined.textLeft > 0 ? resvgFonts() : { loadSystemFonts: false },
  });
  return image.asPng();
}
