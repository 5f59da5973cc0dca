/**
 * What kind of file a folder entry is, by its name: a report workbook read as it is (.xlsx, and
 * .xlsm, whose macros are never run), a spreadsheet LibreOffice can convert (.ods, .xls), an
 * office lock file left by an open workbook, or anything else. Every kind gets a verdict, so no
 * file of a folder is passed over without a word.
 */
export type FileKind = 'workbook' | 'convertible' | 'lock' | 'other';

/** `~$bao-cao.xlsx` (Excel, Word) and `.~lock.bao-cao.ods#` (LibreOffice). */
const LOCK_FILE = /^(~\$|\.~lock\.)/;
const WORKBOOK = /\.(xlsx|xlsm)$/i;
const CONVERTIBLE = /\.(ods|xls)$/i;

/** The kind of a file, from its name (the last path segment counts). */
export function fileKind(name: string): FileKind {
  const base = name.slice(name.lastIndexOf('/') + 1);
  if (LOCK_FILE.test(base)) return 'lock';
  if (WORKBOOK.test(base)) return 'workbook';
  if (CONVERTIBLE.test(base)) return 'convertible';
  return 'other';
}

/** Whether a file of this kind is judged as a report (the others are listed as skipped). */
export function isReportKind(kind: FileKind): boolean {
  return kind === 'workbook' || kind === 'convertible';
}
