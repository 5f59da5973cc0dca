/**
 * The leadership report of one consolidation: every chart as Vega-Lite spec, SVG and PNG in
 * `<outDir>/charts/`, and `<outDir>/report.html`, one self-contained page.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { buildReportCharts, type ReportChartOptions } from '../../../core/charts';
import type { ReportData } from '../../../core/report-data';
import { reportHtml, type RenderedReportChart } from './page';
import { drawPng } from './png-thread';
import { renderChart, scopeSvgIds } from './render';
import { writeAtomic } from '../write-atomic';

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
 * A chart's PNG. It (resvg, the slowest step of a report) is drawn only when the SVG differs
 * from the one already there; `drawn` tells whether it was.
 */
async function chartPng(chartsDir: string, id: string, svg: string): Promise<{ png: Uint8Array; drawn: boolean }> {
  const pngPath = join(chartsDir, `${id}.png`);
  if (drawing(await readIfAny(join(chartsDir, `${id}.svg`))) === drawing(svg) && existsSync(pngPath)) return { png: await readFile(pngPath), drawn: false };
  return { png: await drawPng(svg), drawn: true };
}

/** A chart's PNG and SVG written, when the PNG was drawn anew. */
async function writeChartFiles(chartsDir: string, id: string, svg: string, image: { png: Uint8Array; drawn: boolean }): Promise<void> {
  if (!image.drawn) return;
  await writeAtomic(join(chartsDir, `${id}.png`), image.png);
  await writeAtomic(join(chartsDir, `${id}.svg`), svg);
}

interface DrawnChart {
  chart: RenderedReportChart;
  png: Uint8Array;
}
/** A chart drawn and written, a chart whose files could not be written, or one that could not be drawn (null). */
type Drawn = DrawnChart | { writeError: unknown } | null;

/** Writes through a temporary file, so that a reader never sees half a file. */
export async function renderReport(outDir: string, data: ReportData, options: ReportChartOptions = {}): Promise<RenderReportResult> {
  const chartsDir = join(outDir, 'charts');
  await mkdir(chartsDir, { recursive: true });
  const warnings: string[] = [];
  // One chart that cannot be drawn must not cost the analysts the whole report.
  const failed = (id: string, error: unknown) => void warnings.push(`${id}: error: ${error instanceof Error ? error.message : String(error)}`);
  // SVGs one after the other (Vega, on this thread); their PNGs drawn meanwhile (png-thread.ts).
  // A drawn chart never rejects: a failed write is handed back as a value, so it cannot go
  // unhandled (and crash the run) while this loop still awaits the next SVG.
  const drawn: Promise<Drawn>[] = [];
  let loopFailure: { error: unknown } | undefined;
  try {
    for (const chart of buildReportCharts(data, options)) {
      let svg: string;
      try {
        const result = await renderChart(chart.spec);
        warnings.push(...result.warnings.map((w) => `${chart.id}: ${w}`));
        svg = result.svg;
      } catch (error) {
        failed(chart.id, error);
        continue;
      }
      // A chart that cannot be written (a full disk) is no drawing problem: it fails the report.
      await writeAtomic(join(chartsDir, `${chart.id}.vl.json`), `${JSON.stringify(chart.spec, null, 2)}\n`);
      const entry = { chart, svg: scopeSvgIds(svg, `${chart.id}-`) };
      drawn.push(
        chartPng(chartsDir, chart.id, svg).then(
          (image) =>
            writeChartFiles(chartsDir, chart.id, svg, image).then(
              (): Drawn => ({ chart: entry, png: image.png }),
              (writeError: unknown): Drawn => ({ writeError }),
            ),
          (error: unknown) => (failed(chart.id, error), null),
        ),
      );
    }
  } catch (error) {
    loopFailure = { error };
  }
  // Every chart settled before a failed write is reported, so none is still writing after it.
  const settled = await Promise.all(drawn);
  if (loopFailure) throw loopFailure.error;
  const writeFailure = settled.find((d): d is { writeError: unknown } => d !== null && 'writeError' in d);
  if (writeFailure) throw writeFailure.writeError;
  const done = settled.filter((d): d is DrawnChart => d !== null && 'chart' in d);
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
