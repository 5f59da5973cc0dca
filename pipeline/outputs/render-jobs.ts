/**
 * What turns a period's outputs from data into files: the workbooks (core/xlsx/write), the charts and
 * report (Vega, resvg) and the Word draft (docx). Everything here is CPU work on plain data, with
 * no warehouse: the consolidation gathers the data, and a render thread (render-pool.ts) or,
 * failing one, the main thread runs the job.
 */
import '../native-zlib';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { DraftInput } from '../../core/draft/build';
import type { WorkbookModel } from '../../core/layout';
import type { ReportData } from '../../core/report-data';
import type { WrittenReport } from './report';
import { writeAtomic } from './write-atomic';

/** A workbook to write and where. */
export interface WorkbookFile {
  path: string;
  model: WorkbookModel;
}

export type RenderJob =
  /** The period's workbooks (feedback, national), one after the other. */
  | { kind: 'workbooks'; files: WorkbookFile[] }
  /** `report-data.json`, the charts and `report.html`, then the Word draft (it places the charts' PNGs). */
  | { kind: 'report'; outDir: string; data: ReportData; draft: { path: string; input: DraftInput } };

export interface RenderedReport {
  report: WrittenReport;
  /** The draft's path; null when the report was not drawn. */
  draft: string | null;
}

export type RenderResult<J extends RenderJob> = J extends { kind: 'report' } ? RenderedReport : null;

// Each kind's libraries are loaded with its first job (or its warm-up), so that a thread loads
// only its own: the workbook writer (fflate) for the workbooks; Vega and resvg for the report.
const workbookWriter = () => import('../../core/xlsx/write');
const reportWriters = () => Promise.all([import('./report'), import('./report/draw'), import('../../core/draft/build'), import('../../core/draft/docx')]);

async function writeWorkbooks(files: readonly WorkbookFile[]): Promise<null> {
  const { writeWorkbook } = await workbookWriter();
  for (const dir of new Set(files.map((f) => dirname(f.path)))) await mkdir(dir, { recursive: true });
  for (const f of files) await writeAtomic(f.path, writeWorkbook(f.model));
  return null;
}

async function writeReportAndDraft(job: Extract<RenderJob, { kind: 'report' }>): Promise<RenderedReport> {
  const [{ writeReport }, , { buildDraft }, { draftDocx }] = await reportWriters();
  const report = await writeReport(job.outDir, job.data);
  const { input, path } = job.draft;
  const withCharts: DraftInput = input.national ? { ...input, national: { ...input.national, charts: [...report.pngs.keys()] } } : input;
  await writeAtomic(path, draftDocx(buildDraft(withCharts), report.pngs));
  return { report, draft: path };
}

export async function runRenderJob<J extends RenderJob>(job: J): Promise<RenderResult<J>> {
  return (job.kind === 'workbooks' ? await writeWorkbooks(job.files) : await writeReportAndDraft(job as Extract<RenderJob, { kind: 'report' }>)) as RenderResult<J>;
}

/** Loads a kind's modules ahead of its first job (a render thread does it while files are judged). */
export async function warmUp(kind: RenderJob['kind']): Promise<void> {
  await (kind === 'workbooks' ? workbookWriter() : reportWriters());
}
