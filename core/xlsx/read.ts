/**
 * Reading an .xlsx report: the guard (which inflates every part, bounded, and keeps the ones the
 * grids are made of), the fast grids from those parts (./fast-grids/), then the reader or the
 * whole judgement (core/judge.ts). ExcelJS is loaded only for a workbook the fast path declines
 * (built unlike Excel's and LibreOffice's files, or damaged), so that such a file gets exactly
 * ExcelJS's answer, as before; `check` and the pipeline's workers never load it otherwise.
 */
import { judgeGrids } from '../judge';
import { readSubmission, type ReadResult, type WorkbookGrids } from '../reader';
import { fileIssue, type Issue } from '../submission';
import type { UnitRegistry } from '../units';
import { gridsFromParts, isGridPart, type XlsxParts } from './fast-grids';
import { guardIssue, inspectWorkbook } from './guard';

function unreadable(fileName: string, vi: string, en: string): ReadResult {
  const issue: Issue = { ...fileIssue('L00', { vi: `Không đọc được tệp "${fileName}": ${vi}`, en: `Cannot read "${fileName}": ${en}` }), file: fileName };
  return { submission: null, issues: [issue] };
}

/** The grids of a workbook the guard passed: the fast path, or ExcelJS where it declines. */
async function gridsOf(bytes: Uint8Array, parts: XlsxParts): Promise<WorkbookGrids> {
  try {
    return gridsFromParts(parts);
  } catch {
    const { gridsFromXlsx } = await import('./grids');
    return gridsFromXlsx(bytes);
  }
}

/**
 * Reads an .xlsx report (layout only, no rules: the reader's own tests and read-backs of what we
 * wrote). Never throws for a bad file: an empty, foreign or damaged file comes back as an L00
 * issue naming it, one beyond the limits of a form or built to harm as L14 / L15
 * (core/xlsx/guard/). Every issue carries `file`.
 */
export function readWorkbookFile(data: Uint8Array | ArrayBuffer, fileName: string): Promise<ReadResult> {
  return throughGrids(data, fileName, readSubmission);
}

/**
 * Judges an .xlsx report: guard → grids → reader → rules (core/judge.ts), the path every host
 * takes for a file (the pipeline's worker, the add-in's import). Never throws for a bad file, as
 * readWorkbookFile; every issue carries `file`.
 */
export function judgeWorkbookFile(data: Uint8Array | ArrayBuffer, fileName: string, registry: UnitRegistry): Promise<ReadResult> {
  return throughGrids(data, fileName, (grids) => judgeGrids(grids, registry));
}

async function throughGrids(data: Uint8Array | ArrayBuffer, fileName: string, read: (grids: WorkbookGrids) => ReadResult): Promise<ReadResult> {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  // Foreign, damaged and hostile files are refused before any XML is parsed.
  const inspected = inspectWorkbook(bytes, isGridPart);
  if (inspected.refusal) return { submission: null, issues: [guardIssue(inspected.refusal, fileName)] };
  let grids;
  try {
    grids = await gridsOf(bytes, inspected.parts);
  } catch (err) {
    const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
    return unreadable(fileName, `tệp .xlsx bị hỏng (${reason})`, `damaged .xlsx file (${reason})`);
  }
  let result: ReadResult;
  try {
    result = read(grids);
  } catch (err) {
    // A reader fault must not stop a whole batch: report it against the file instead.
    const reason = err instanceof Error ? err.message : String(err);
    return unreadable(fileName, `lỗi khi đọc nội dung (${reason})`, `failed while reading the content (${reason})`);
  }
  return { submission: result.submission, issues: result.issues.map((i) => ({ ...i, file: fileName })) };
}
