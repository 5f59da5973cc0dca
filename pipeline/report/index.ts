/**
 * The leadership report of one consolidation: every chart as Vega-Lite spec, SVG and PNG in
 * `<outDir>/charts/`, and `<outDir>/report.html`, one self-contained page.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { buildReportCharts, type ReportChartOptions } from '../../core/charts';
import type { ReportData } from '../../core/report-data';
import { reportHtml, type RenderedReportChart } from './page';
import { renderChart, scopeSvgIds, svgToPng } from './render';
import { writeAtomic } from '../outputs/write-atomic';

export { renderChart, compileChart, svgToPng, scopeSvgIds } from './render';
export { reportHtml } from './page';

export interface RenderReportResult {
  reportPath: string;
  /** Ids of the charts written, each as `charts/<id>.vl.json`, `.svg` and `.png`. */
  charts: string[];
  /** Each chart's PNG by id (the Word draft places them without reading the files again). */
  pngs: Map<string, Uint8Array>;
  /** Vega-Lite / Vega warnings and charts that failed, `<id>: <message>`; empty when all is well. */
  warnings: string[];
}

const CHART_FILE = /^(.+)\.(vl\.json|svg|png)$/;

const readIfAny = (path: string) => readFile(path, 'utf8').catch(() => null);

/** Vega numbers gradients on from the process's previous chart: the same drawing may differ in them. */
const drawing = (svg: string | null) => svg?.replace(/gradient_\d+/g, 'gradient_');

/**
 * A chart's SVG and PNG. The PNG (resvg, the slowest step of a report) is drawn only when the
 * SVG differs from the one already there.
 */
async function writeChartFiles(chartsDir: string, id: string, svg: string): Promise<Uint8Array> {
  const svgPath = join(chartsDir, `${id}.svg`);
  const pngPath = join(chartsDir, `${id}.png`);
  if (drawing(await readIfAny(svgPath)) === drawing(svg) && existsSync(pngPath)) return readFile(pngPath);
  const png = await svgToPng(svg);
  await writeAtomic(pngPath, png);
  await writeAtomic(svgPath, svg);
  return png;
}

/** Writes through a temporary file, so that a reader never sees half a file. */
export async function renderReport(outDir: string, data: ReportData, options: ReportChartOptions = {}): Promise<RenderReportResult> {
  const chartsDir = join(outDir, 'charts');
  await mkdir(chartsDir, { recursive: true });
  const warnings: string[] = [];
  // One chart that cannot be drawn must not cost the analysts the whole report.
  const failed = (id: string, error: unknown) => void warnings.push(`${id}: error: ${error instanceof Error ? error.message : String(error)}`);
  // SVGs one after the other (Vega, on this thread); their PNGs drawn meanwhile, side by side.
  const drawn: Promise<{ chart: RenderedReportChart; png: Uint8Array } | null>[] = [];
  for (const chart of buildReportCharts(data, options)) {
    try {
      const { svg, warnings: chartWarnings } = await renderChart(chart.spec);
      warnings.push(...chartWarnings.map((w) => `${chart.id}: ${w}`));
      await writeAtomic(join(chartsDir, `${chart.id}.vl.json`), `${JSON.stringify(chart.spec, null, 2)}\n`);
      const entry = { chart, svg: scopeSvgIds(svg, `${chart.id}-`) };
      drawn.push(writeChartFiles(chartsDir, chart.id, svg).then((png) => ({ chart: entry, png }), (error: unknown) => (failed(chart.id, error), null)));
    } catch (error) {
      failed(chart.id, error);
    }
  }
  const done = (await Promise.all(drawn)).filter((d) => d !== null);
  const rendered = done.map((d) => d.chart);
  const pngs = new Map(done.map((d) => [d.chart.chart.id, d.png]));
  const ids = new Set(rendered.map((r) => r.chart.id));
  // Charts of an earlier run that this one no longer draws (e.g. an indicator without data).
  for (const name of await readdir(chartsDir)) {
    const m = CHART_FILE.exec(name);
    if (m && !ids.has(m[1])) await rm(join(chartsDir, name), { force: true });
  }
  const reportPath = join(outDir, 'report.html');
  await writeAtomic(reportPath, reportHtml(data, rendered));
  return { reportPath, charts: [...ids], pngs, warnings };
}
