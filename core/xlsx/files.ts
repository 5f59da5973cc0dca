/** Whole files: blank templates, filled workbooks, and reading a file into a submission. */
import { buildWorkbookModel, LayoutError, type WorkbookOptions } from '../layout';
import { isPeriodCode, parsePeriod, type Period } from '../periods';
import { readSubmission, type ReadResult } from '../reader';
import { fileIssue, type Issue, type Submission } from '../submission';
import type { UnitRegistry } from '../units';
import { gridsFromXlsx } from './grids';
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

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** OLE2 container: an Excel 97–2003 .xls, or an .xlsx saved with a password. */
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

function unreadable(fileName: string, vi: string, en: string): ReadResult {
  const issue: Issue = { ...fileIssue('L00', 'error', { vi: `Không đọc được tệp "${fileName}": ${vi}`, en: `Cannot read "${fileName}": ${en}` }), file: fileName };
  return { submission: null, issues: [issue] };
}

/**
 * Reads an .xlsx report. Never throws for a bad file: an empty, foreign or damaged file comes
 * back as an L00 issue naming it. Every issue carries `file`.
 */
export async function readWorkbookFile(data: Uint8Array | ArrayBuffer, fileName: string): Promise<ReadResult> {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  if (bytes.byteLength === 0) return unreadable(fileName, 'tệp rỗng (0 byte)', 'the file is empty (0 bytes)');
  if (startsWith(bytes, OLE_MAGIC)) {
    return unreadable(
      fileName,
      'tệp Excel 97–2003 (.xls) hoặc tệp có đặt mật khẩu; hãy mở bằng Excel, bỏ mật khẩu và lưu dạng .xlsx',
      'an Excel 97–2003 (.xls) file or a password-protected file; open it in Excel, remove the password and save as .xlsx',
    );
  }
  if (!startsWith(bytes, ZIP_MAGIC)) {
    return unreadable(fileName, 'không phải tệp Excel .xlsx', 'not an Excel .xlsx file');
  }
  let grids;
  try {
    grids = await gridsFromXlsx(bytes);
  } catch (err) {
    const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
    return unreadable(fileName, `tệp .xlsx bị hỏng (${reason})`, `damaged .xlsx file (${reason})`);
  }
  let result: ReadResult;
  try {
    result = readSubmission(grids);
  } catch (err) {
    // A reader fault must not stop a whole batch: report it against the file instead.
    const reason = err instanceof Error ? err.message : String(err);
    return unreadable(fileName, `lỗi khi đọc nội dung (${reason})`, `failed while reading the content (${reason})`);
  }
  return { submission: result.submission, issues: result.issues.map((i) => ({ ...i, file: fileName })) };
}
