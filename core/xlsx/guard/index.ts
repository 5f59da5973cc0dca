/**
 * Checks a workbook's bytes before ExcelJS parses it whole. ExcelJS (through JSZip) inflates every
 * part of the zip into memory, trusting the sizes the file declares, so a 200 KB zip bomb or a
 * sheet of a million rows would cost gigabytes before any rule could speak. Here the zip's central
 * directory is read by hand, then every part is inflated into a buffer of the size it declares
 * (never further: core/xlsx/inflate.ts), while worksheets are scanned for their rows, columns and
 * cells and every XML part for a DTD. Pure and synchronous (DataView, TextDecoder): the add-in's
 * import runs it in the task pane too. The read path then parses the parts kept here (../read.ts).
 *
 * `limits.ts`: what a workbook may hold and the refusals; `sniff.ts`: bytes that are not a zip;
 * `zip.ts`: the central directory and one part inflated, bounded; `xml-scan.ts`: DTDs, rows,
 * columns and cells as parts inflate.
 */
import type { Text } from '../../forms';
import { enNumber, viNumber } from '../../format';
import { severityOf } from '../../rule-catalogue';
import { cellAddress } from '../../spreadsheet';
import type { Issue } from '../../submission';
import { megabytes, refusal, refuse, Refused, WORKBOOK_LIMITS, type GuardRefusal, type WorkbookLimits } from './limits';
import { notZip, startsWith, ZIP_MAGIC } from './sniff';
import { isScanned, isWorksheet, sheetNames, XmlScan, type CellCount } from './xml-scan';
import { checkIsWorkbook, readDirectory, readEntry, type Entry } from './zip';

export { WORKBOOK_LIMITS, type GuardRefusal, type WorkbookLimits } from './limits';

/** Parts encrypted inside the zip, or compressed otherwise than stored / deflate, cannot be read. */
function checkMethods(entries: Entry[]): void {
  for (const e of entries) {
    if (e.flags & 0x1) refuse('L00', `phần "${e.name}" được mã hóa bằng mật khẩu; hãy bỏ mật khẩu rồi lưu lại`, `part "${e.name}" is encrypted; remove the password and save again`);
    if (e.method !== 0 && e.method !== 8) refuse('L00', `phần "${e.name}" dùng kiểu nén không hỗ trợ (${e.method})`, `part "${e.name}" uses an unsupported compression method (${e.method})`);
  }
}

function checkDeclaredSizes(entries: Entry[], sheetOf: (e: Entry) => string | null, limits: WorkbookLimits): void {
  let total = 0;
  for (const e of entries) {
    const sheet = sheetOf(e);
    const part = sheet ? `trang "${sheet}" (${e.name})` : `phần "${e.name}"`;
    const partEn = sheet ? `sheet "${sheet}" (${e.name})` : `part "${e.name}"`;
    // A bomb is called a bomb before it is called too big.
    const ratio = e.size / Math.max(e.compressedSize, 1);
    if (e.size >= limits.ratioFloorBytes && ratio > limits.maxRatio) {
      refuse(
        'L15',
        `${part} nén ${viNumber(Math.round(ratio))} lần (giới hạn ${viNumber(limits.maxRatio)}): tệp được dựng để làm tràn bộ nhớ ("bom nén")`,
        `${partEn} is compressed ${enNumber(Math.round(ratio))} times (limit ${enNumber(limits.maxRatio)}): a file built to exhaust memory (a "zip bomb")`,
        { sheet },
      );
    }
    if (e.size > limits.maxEntryBytes) {
      refuse('L14', `${part} giải nén ra ${megabytes(e.size).vi}, vượt giới hạn ${megabytes(limits.maxEntryBytes).vi} của một biểu mẫu`, `${partEn} inflates to ${megabytes(e.size).en}, beyond the ${megabytes(limits.maxEntryBytes).en} a form can hold`, { sheet });
    }
    total += e.size;
  }
  if (total > limits.maxTotalBytes) {
    refuse('L14', `tệp giải nén ra ${megabytes(total).vi}, vượt giới hạn ${megabytes(limits.maxTotalBytes).vi} của một báo cáo`, `the file inflates to ${megabytes(total).en}, beyond the ${megabytes(limits.maxTotalBytes).en} a report can hold`);
  }
}

/** Checks the zip; returns the inflated parts `keep` asks for (the read path parses them next). */
function checkZip(bytes: Uint8Array, limits: WorkbookLimits, keep: (name: string) => boolean): Map<string, Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = readDirectory(bytes, view, limits);
  checkIsWorkbook(entries);
  const files = entries.filter((e) => !e.name.endsWith('/'));
  checkMethods(files);
  // The sheet list is read first (small, inflated bounded) so that messages can name sheets.
  const names = sheetNames(bytes, view, files);
  const sheetOf = (e: Entry) => names.get(e.name) ?? null;
  checkDeclaredSizes(files, sheetOf, limits);
  const cells: CellCount = { cells: 0 };
  const kept = new Map<string, Uint8Array>();
  for (const entry of files) {
    const sheet = sheetOf(entry);
    const scan = isScanned(entry.name) ? new XmlScan(entry.name, isWorksheet(entry.name) ? { name: sheet ?? entry.name, cells } : null, limits) : null;
    const part = readEntry(bytes, view, entry, sheet, (chunk) => scan?.feed(chunk));
    scan?.feed(new Uint8Array(0), true);
    // A name given twice: the last part counts, as in JSZip (hence ExcelJS).
    if (keep(entry.name)) kept.set(entry.name, part);
  }
  return kept;
}

/**
 * The check on the file's size alone, for callers that know it before reading the file (a file
 * system's `stat`, a browser `File.size`): a 5 GB file need not be read to be refused.
 */
export function guardFileSize(byteLength: number, limits: WorkbookLimits = WORKBOOK_LIMITS): GuardRefusal | null {
  if (byteLength === 0) return refusal('L00', 'tệp rỗng (0 byte)', 'the file is empty (0 bytes)');
  if (byteLength <= limits.maxFileBytes) return null;
  return refusal(
    'L14',
    `tệp nặng ${megabytes(byteLength).vi}, vượt giới hạn ${megabytes(limits.maxFileBytes).vi} (một báo cáo thường dưới 100 KB)`,
    `the file weighs ${megabytes(byteLength).en}, beyond the ${megabytes(limits.maxFileBytes).en} limit (a report is usually under 100 KB)`,
  );
}

/** The guard's answer, with the inflated parts asked for when the file passes. */
export type InspectedWorkbook = { refusal: GuardRefusal; parts: null } | { refusal: null; parts: Map<string, Uint8Array> };

/**
 * The guard, keeping the inflated parts whose names `keep` accepts, so that the reader parses
 * them without inflating them a second time. Never throws.
 */
export function inspectWorkbook(bytes: Uint8Array, keep: (name: string) => boolean, limits: WorkbookLimits = WORKBOOK_LIMITS): InspectedWorkbook {
  const bySize = guardFileSize(bytes.byteLength, limits);
  if (bySize) return { refusal: bySize, parts: null };
  if (!startsWith(bytes, ZIP_MAGIC)) return { refusal: notZip(bytes), parts: null };
  try {
    return { refusal: null, parts: checkZip(bytes, limits, keep) };
  } catch (err) {
    if (err instanceof Refused) return { refusal: err.refusal, parts: null };
    // Anything else the directory walk trips on (offsets beyond the end, …) is damage.
    const reason = err instanceof Error ? err.message : String(err);
    return { refusal: refusal('L00', `tệp .xlsx bị hỏng (${reason})`, `damaged .xlsx file (${reason})`), parts: null };
  }
}

/**
 * Null when the bytes are an .xlsx workbook ExcelJS can safely parse whole; otherwise why not.
 * Never throws.
 */
export function guardWorkbook(bytes: Uint8Array, limits: WorkbookLimits = WORKBOOK_LIMITS): GuardRefusal | null {
  return inspectWorkbook(bytes, () => false, limits).refusal;
}

/** The refusal as the reader's issue, naming the file (and the sheet and cell where known). */
export function guardIssue(r: GuardRefusal, fileName: string): Issue {
  const lead: Text =
    r.rule === 'L00'
      ? { vi: `Không đọc được tệp "${fileName}"`, en: `Cannot read "${fileName}"` }
      : { vi: `Tệp "${fileName}" bị từ chối trước khi đọc`, en: `"${fileName}" refused before reading` };
  const at = r.row !== null && r.column !== null;
  return {
    rule: r.rule,
    severity: severityOf(r.rule),
    sheet: r.sheet,
    row: at ? r.row : null,
    column: at ? r.column : null,
    cell: at ? cellAddress(r.row!, r.column!) : null,
    message: { vi: `${lead.vi}: ${r.reason.vi}`, en: `${lead.en}: ${r.reason.en}` },
    file: fileName,
  };
}
