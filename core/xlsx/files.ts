/** Whole files: blank templates, filled workbooks, and reading a file into a submission. */
import { buildWorkbookModel, LayoutError, type WorkbookOptions } from '../layout';
import { isPeriodCode, parsePeriod, type Period } from '../periods';
import { judgeGrids } from '../judge';
import { readSubmission, type ReadResult, type WorkbookGrids } from '../reader';
import { fileIssue, type Issue, type Submission } from '../submission';
import type { UnitRegistry } from '../units';
import { gridsFromXlsx } from './grids';
import { guardIssue, guardWorkbook } from './guard';
import { writeWorkbook } from './write';

type Extras = Pick<WorkbookOptions, 'targetOf' | 'generator'>;

/** A workbook holding a submission's values (filled reports, samples, the national workbook `VN`). */
export async function writeSubmissionWorkbook(sub: Submission, registry: UnitRegistry, opts: Extras = {}): Promise<Uint8Array> {
  if (!isPeriodCode(sub.period)) {
    throw new LayoutError(`Kỳ báo cáo "${sub.period}" không hợp lệ / Invalid period "${sub.period}"`);
  }
  const period = parsePeriod(sub.period);
  return writeWorkbook(buildWorkbookModel({ registry, unitCode: sub.unitCode, period, submission: sub, ...opts }));
}

/** The blank template of a unit and period; throws LayoutError for a unit unknown in the period. */
export async function blankTemplate(
  registry: UnitRegistry,
  unitCode: string,
  period: Period | string,
  opts: Extras & { reportDate?: string | null } = {},
): Promise<Uint8Array> {
  const p = typeof period === 'string' ? parsePeriod(period) : period;
  return writeWorkbook(buildWorkbookModel({ registry, unitCode, period: p, ...opts }));
}

function unreadable(fileName: string, vi: string, en: string): ReadResult {
  const issue: Issue = { ...fileIssue('L00', { vi: `Không đọc được tệp "${fileName}": ${vi}`, en: `Cannot read "${fileName}": ${en}` }), file: fileName };
  return { submission: null, issues: [issue] };
}

/**
 * Reads an .xlsx report (layout only, no rules: the reader's own tests and read-backs of what we
 * wrote). Never throws for a bad file: an empty, foreign or damaged file comes back as an L00
 * issue naming it, one beyond the limits of a form or built to harm as L14 / L15
 * (core/xlsx/guard.ts). Every issue carries `file`.
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
  // Foreign, damaged and hostile files are refused before ExcelJS inflates the whole zip.
  const refusal = guardWorkbook(bytes);
  if (refusal) return { submission: null, issues: [guardIssue(refusal, fileName)] };
  let grids;
  try {
    grids = await gridsFromXlsx(bytes);
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
