/**
 * Server-side rendering of Vega-Lite specs: compile (collecting every warning), render SVG with
 * a headless Vega view measuring text with the charts' fonts (chart-fonts.ts), and scope each
 * SVG's ids so that several can be inlined in one HTML page. The PNGs are png.ts's.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { chartFonts } from './chart-fonts';
import { useFontMetrics } from './font-metrics';

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

/** Vega lays text out with the widths of the faces the PNG is drawn with (once per thread). */
let measuring = false;

export async function renderChart(spec: TopLevelSpec): Promise<RenderedChart> {
  if (!measuring) useFontMetrics(chartFonts());
  measuring = true;
  const warnings: string[] = [];
  const compiled = compileChart(spec, warnings);
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logger: collectingLogger(warnings) });
  try {
    return { vega: compiled, svg: await view.toSVG(), warnings };
  } finally {
    view.finalize();
  }
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
