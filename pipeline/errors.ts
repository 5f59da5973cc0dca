/**
 * The errors the CLI tells the user about (exit codes in cli.ts), in a leaf module of their own:
 * cli.ts catches them without loading what raises them (DuckDB, the charts, ExcelJS).
 */
import { statSync } from 'node:fs';

/** A problem with how a command was called (exit code 2), said in the user's terms. */
export class UsageError extends Error {}

/** A warehouse problem the user can act on (locked, damaged, newer schema, disk full): printed, never a stack trace. */
export class WarehouseError extends Error {}

/** The outputs cannot be written (full or read-only disk, no permission): printed in both languages, exit code 2. */
export class OutputError extends Error {}

/** The folder holds no report file at all: nothing to consolidate or check (exit code 1). */
export class NoReportFilesError extends Error {
  constructor(dir: string) {
    super(`Không tìm thấy tệp báo cáo nào (.xlsx) trong thư mục ${dir} / No report files found in ${dir}`);
  }
}

/** The folder of province files must be one: a missing folder and a file are told apart. */
export function assertInputFolder(dir: string): void {
  const info = statSync(dir, { throwIfNoEntry: false });
  if (!info) throw new UsageError(`Không tìm thấy thư mục ${dir} / Folder not found: ${dir}`);
  if (!info.isDirectory()) {
    throw new UsageError(
      `${dir} là một tệp, không phải thư mục: hãy đưa thư mục chứa các tệp của tỉnh (kiểm tra một tệp: npm run check -- <tệp>) / ` +
        `${dir} is a file, not a folder: give the folder holding the province files (to check one file: npm run check -- <file>)`,
    );
  }
}
