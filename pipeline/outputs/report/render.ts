/**
 * Server-side rendering of Vega-Lite specs: compile (collecting every warning), render SVG
 * with a headless Vega view, rasterise PNG with resvg using the DejaVu fonts (full Vietnamese
 * coverage), and scope each SVG's ids so that several can be inlined in one HTML page.
 */
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { renderAsync } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { useFontMetrics, type ChartFonts } from './font-metrics';
import { outlineText } from './text-outlines';
import { readTrueType } from './truetype';

/** A logger for vega-lite and vega that keeps messages instead of printing them. */
function collectingLogger(into: string[]) {
  let level = vega.Warn;
  const logger = {
    level(value?: number) {
      if (value === undefined) return level as never;
      level = value;
      return logger;
    },
    error(...args: readonly unknown[]) {
      into.push(`error: ${args.map(String).join(' ')}`);
      return logger;
    },
    warn(...args: readonly unknown[]) {
      into.push(`warn: ${args.map(String).join(' ')}`);
      return logger;
    },
    info() {
      return logger;
    },
    debug() {
      return logger;
    },
  };
  return logger;
}

export interface RenderedChart {
  vega: vega.Spec;
  svg: string;
  /** Vega-Lite compile and Vega runtime warnings; a correct spec has none. */
  warnings: string[];
}

export function compileChart(spec: TopLevelSpec, warnings: string[] = []): vega.Spec {
  return compile(spec, { logger: collectingLogger(warnings) }).spec;
}

let fonts: ChartFonts | undefined;

/** DejaVu Sans regular and bold, read once per thread: the charts' only faces. */
export function chartFonts(): ChartFonts {
  if (fonts) return fonts;
  const read = (name: string) => {
    const found = dejaVuFonts().find((f) => basename(f) === name);
    if (!found) throw new Error(`Thiếu phông ${name} / font ${name} missing; install fonts-dejavu-core`);
    return readTrueType(found);
  };
  fonts = { regular: read('DejaVuSans.ttf'), bold: read('DejaVuSans-Bold.ttf') };
  // Vega lays text out with the widths of the faces the PNG is drawn with.
  useFontMetrics(fonts);
  return fonts;
}

export async function renderChart(spec: TopLevelSpec): Promise<RenderedChart> {
  chartFonts();
  const warnings: string[] = [];
  const compiled = compileChart(spec, warnings);
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logger: collectingLogger(warnings) });
  try {
    return { vega: compiled, svg: await view.toSVG(), warnings };
  } finally {
    view.finalize();
  }
}

const FONT_ROOT = '/usr/share/fonts';
let dejaVuFiles: string[] | undefined;

/**
 * The DejaVu Sans regular and bold files under /usr/share/fonts: the charts' only faces (resvg
 * reads and parses every font it is given for every chart; the oblique and light ones went unused).
 */
export function dejaVuFonts(root = FONT_ROOT): string[] {
  if (dejaVuFiles && root === FONT_ROOT) return dejaVuFiles;
  const found: string[] = [];
  const walk = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (/^DejaVuSans(-Bold)?\.ttf$/.test(e.name)) found.push(join(dir, e.name));
    }
  };
  walk(root);
  if (found.length === 0) {
    throw new Error(
      `Không tìm thấy phông DejaVu Sans trong ${root}; cài gói fonts-dejavu-core / DejaVu Sans fonts not found in ${root}; install fonts-dejavu-core`,
    );
  }
  if (root === FONT_ROOT) dejaVuFiles = found;
  return found;
}

/** resvg's fonts for text it draws itself: DejaVu only, so that every chart looks the same. */
export const resvgFonts = () => ({ fontFiles: dejaVuFonts(), loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' });

/**
 * PNG at twice the SVG's size, for slides and documents. Drawn on libuv's thread pool (resvg's
 * `renderAsync`): the charts of a report are drawn side by side, off the main thread. The text
 * comes as glyph outlines (text-outlines.ts); resvg gets the font files only for text left as it was.
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

/**
 * Prefixes every id of an SVG (Vega numbers clip paths and gradients from 1 in each file)
 * and the references to them, so that inlined SVGs do not borrow each other's clip paths.
 * Only tags are rewritten: text content stays as it is.
 */
export function scopeSvgIds(svg: string, prefix: string): string {
  const ids = new Set(Array.from(svg.matchAll(/<[^>]*\sid="([^"]+)"/g), (m) => m[1]));
  if (ids.size === 0) return svg;
  const scoped = (id: string) => (ids.has(id) ? prefix + id : id);
  return svg.replace(/<[^>]+>/g, (tag) =>
    tag
      .replace(/(\sid=")([^"]+)"/g, (_m, head: string, id: string) => `${head}${scoped(id)}"`)
      .replace(/url\(#([^)]+)\)/g, (_m, id: string) => `url(#${scoped(id)})`)
      .replace(/(href=")#([^"]+)"/g, (_m, head: string, id: string) => `${head}#${scoped(id)}"`),
  );
}
