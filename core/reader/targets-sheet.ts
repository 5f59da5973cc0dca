/** The `Mục tiêu` sheet into target rows, found by their codes T1–T7 wherever the table sits. */
import { TARGET_CODES, type TargetCode } from '../forms';
import { TARGETS_LAYOUT, targetRowOf } from '../layout';
import { cellAddress } from '../spreadsheet';
import { cellIssue, type Issue, type TargetRow } from '../submission';
import { findCell, rawAt, rowCount, textAt, uncomputedFormula, type GridSheet } from './cells';
import type { SheetRead } from './form-sheet';

export function readTargetsSheet(sheet: GridSheet, issues: Issue[]): SheetRead<TargetRow[]> {
  const T = TARGETS_LAYOUT;
  const isCode = (t: string) => TARGET_CODES.includes(t.toUpperCase() as TargetCode);
  const anchor = findCell(sheet, isCode);
  if (!anchor) return { table: [], titleEnd: T.headerRow - 1 };
  const codeColumn = anchor.column;
  const expectedRow = targetRowOf(textAt(sheet, anchor.row, codeColumn).toUpperCase() as TargetCode);
  if (codeColumn !== T.codeColumn) {
    issues.push(
      cellIssue('L03', sheet.name, anchor.row, codeColumn, {
        vi: `Bảng mục tiêu bị lệch cột: mã chỉ tiêu nằm ở ${cellAddress(anchor.row, codeColumn)}, đúng mẫu phải ở cột A. Số liệu được đọc theo vị trí mã`,
        en: `Shifted targets table: target codes are in ${cellAddress(anchor.row, codeColumn)} instead of column A. Values were read next to the codes`,
      }),
    );
  } else if (anchor.row !== expectedRow) {
    issues.push(
      cellIssue('L09', sheet.name, anchor.row, codeColumn, {
        vi: `Bảng mục tiêu bắt đầu ở hàng ${anchor.row} thay vì hàng ${expectedRow}; bảng vẫn được đọc`,
        en: `The targets table starts on row ${anchor.row} instead of ${expectedRow}; the table was read`,
      }),
    );
  }
  const offset = codeColumn - T.codeColumn;
  const rows: TargetRow[] = [];
  const seen = new Map<TargetCode, number>();
  for (let row = anchor.row; row <= rowCount(sheet); row++) {
    const text = textAt(sheet, row, codeColumn).toUpperCase();
    if (!isCode(text)) continue;
    const code = text as TargetCode;
    const first = seen.get(code);
    if (first !== undefined) {
      issues.push(
        cellIssue('L08', sheet.name, row, codeColumn, {
          vi: `Chỉ tiêu ${code} có hai hàng (hàng ${first} và hàng ${row}); chỉ hàng ${first} được đọc`,
          en: `Target ${code} appears twice (rows ${first} and ${row}); only row ${first} is read`,
        }),
      );
      continue;
    }
    seen.set(code, row);
    const columns = { code: codeColumn, total: T.totalColumn + offset, achieved: T.achievedColumn + offset };
    uncomputedFormula(sheet, row, columns.total, issues);
    uncomputedFormula(sheet, row, columns.achieved, issues);
    rows.push({ code, sheetRow: row, total: rawAt(sheet, row, columns.total), achieved: rawAt(sheet, row, columns.achieved), columns });
  }
  // The headings take the row above the first target.
  return { table: rows, titleEnd: anchor.row - 2 };
}
