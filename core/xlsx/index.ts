/** ExcelJS adapters of the workbook model and the reader; browser-safe (bytes in, bytes out). */
export { writeWorkbook } from './write';
export { gridsFromXlsx } from './grids';
export { blankTemplate, judgeWorkbookFile, readWorkbookFile, writeSubmissionWorkbook } from './files';
export { guardFileSize, guardIssue, guardWorkbook, WORKBOOK_LIMITS, type GuardRefusal, type WorkbookLimits } from './guard';
