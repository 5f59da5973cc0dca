/**
 * The charts' PNGs: resvg draws the SVG Vega wrote, its text as glyph outlines. No Vega here, so
 * that another render thread can draw them (png-thread.ts).
 */
import { Resvg } from '@resvg/resvg-js';
import { runInNewContext } from 'node:vm';
import { chartFonts, resvgFonts } from './chart-fonts';
import { opaquePng } from './png-file';
import { outlineText } from './text-outlines';

/** The thread's last chart, drawn or failed. */
let drawn: Promise<unknown> = Promise.resolve();

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Twice the SVG's size: sharp in slides and printed documents. */
const SCALE = 2;

/**
 * The PNG of a chart, at `SCALE`. The text comes as glyph outlines
 * (text-outlines.ts); resvg gets the font files only for text left as it was.
 *
 * resvg keeps a chart's canvas (~5 MB) until V8 collects the JavaScript object holding it, and V8
 * does not know that memory is there (resvg-js issue 216): nothing asked for a collection, so
 * every chart was drawn on a new canvas, faulted in page by page, and a run kept them all. After
 * each chart the thread asks for a young-generation collection; the canvas (and resvg's copy of
 * its pixels, png-file.ts) is then freed by the thread's next turn (Node runs such finalizers as
 * native immediates, before `setImmediate`'s callbacks). So a thread draws its charts one after
 * the other, each at a turn of its own, and each on the pages of the one before. resvg draws here
 * rather than on libuv's pool (`renderAsync`): the canvases of that path stayed even after a full
 * collection (measured).
 */
export function svgToPng(svg: string): Promise<Buffer> {
  const png = drawn.then(nextTurn).then(() => {
    const bytes = draw(svg);
    // Out of `draw`, whose frame held the chart's resvg objects: collected now, not a chart later.
    collectYoungGeneration();
    return bytes;
  });
  drawn = png.then(
    () => undefined,
    () => undefined,
  );
  return png;
}

function draw(svg: string): Buffer {
  const outlined = outlineText(svg, chartFonts());
  const image = new Resvg(outlined.svg, {
    background: 'white',
    fitTo: { mode: 'zoom', value: SCALE },
    font: outlined.textLeft > 0 ? resvgFonts() : { loadSystemFonts: false },
  }).render();
  // On white every pixel is opaque; `asPng` stays for a drawing that would not be.
  return opaquePng(image.width, image.height, image.pixels) ?? image.asPng();
}

/** The thread's `gc()`, `false` where there is none; looked for once. */
let collect: NodeJS.GCFunction | false | undefined;

/**
 * V8's young-generation collection where the process exposes `gc()` (engine-settings.ts sets
 * `--expose-gc`; the CLI, the render pool and the warehouse import it first): a worker thread
 * started after that has it on its global object; the main thread's global object was made
 * before, so a new context hands it over. In a process that never imported engine-settings.ts
 * nothing is collected, and its canvases stay until V8 collects of its own accord.
 */
function collectYoungGeneration(): void {
  collect ??= globalThis.gc ?? (runInNewContext('typeof gc === "function" && gc') as NodeJS.GCFunction | false);
  if (collect) collect({ type: 'minor' });
}
