/**
 * The workbook files, browser-safe (bytes in, bytes out): written as SpreadsheetML made from the
 * model (`write/`), read by the fast path over the guard's parts (ExcelJS only where it declines).
 */
export { writeWorkbook } from './write';
export { gridsFromXlsx } from './grids';
export { gridsFromParts, UnusualWorkbook } from './fast-grids';
export { blankTemplate, writeSubmissionWorkbook } from './files';
export { judgeWorkbookFile, readWorkbookFile } from './read';
export { guardFileSize, guardIssue, guardWorkbook, inspectWorkbook, WORKBOOK_LIMITS, type GuardRefusal, type WorkbookLimits } from './guard';
