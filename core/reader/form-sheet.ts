/**
 * A `Mẫu 03` / `Mẫu 04` sheet into a FormTable: the table is found by its `(1)`, `(2)`, … row,
 * each form column where its number stands (shifted or reordered layouts keep every value's real
 * cell), unit rows down to the `Tổng cộng` row.
 */
import type { FormDef } from '../forms';
import { columnNumberText, dataColumn, FORM_LAYOUT, sumFormula, TOTAL_LABEL } from '../layout';
import { cellAddress, columnLetter, spreadsheetSum } from '../spreadsheet';
import { cellIssue, fileIssue, type FormRow, type FormTable, type Issue, type TableColumns } from '../submission';
import { canonicalFormula, captionKey, cellAt, findCell, isBlank, rawAt, rowCount, SCAN_COLUMNS, textAt, uncomputedFormula, unitCodeAt, type GridSheet } from './cells';

type ColumnMap = TableColumns;

const NUMBER_CELL = /^\(\s*(\d+)\s*\)$/;

/** Maps the `(n)` cells of the number row to sheet columns, reporting what is off. */
function mapColumns(sheet: GridSheet, form: FormDef, numberRow: number, issues: Issue[]): ColumnMap {
  const data: (number | null)[] = form.columns.map(() => null);
  let firstShift: { no: number; column: number } | null = null;
  let letters: Record<string, number> = {};
  for (let column = 1; column <= SCAN_COLUMNS; column++) {
    const text = textAt(sheet, numberRow, column);
    if (/^[ABC]$/i.test(text)) letters = { ...letters, [text.toUpperCase()]: column };
    const m = NUMBER_CELL.exec(text);
    if (!m) continue;
    const no = Number(m[1]);
    if (no >= 1 && no <= form.columns.length && data[no - 1] !== null) {
      issues.push(
        cellIssue('L05', sheet.name, numberRow, column, {
          vi: `Cột ${columnNumberText(no)} xuất hiện hai lần (${cellAddress(numberRow, data[no - 1]!)} và ${cellAddress(numberRow, column)}); chỉ cột ${columnLetter(data[no - 1]!)} được đọc. Xóa cột thừa hoặc sửa số thứ tự cột`,
          en: `Column ${columnNumberText(no)} appears twice (${cellAddress(numberRow, data[no - 1]!)} and ${cellAddress(numberRow, column)}); only column ${columnLetter(data[no - 1]!)} is read. Delete the extra column or correct its number`,
        }),
      );
      continue;
    }
    if (no < 1 || no > form.columns.length) {
      issues.push(extraColumn(sheet, form, numberRow, column));
      continue;
    }
    data[no - 1] = column;
    if (!firstShift && column !== dataColumn(no)) firstShift = { no, column };
  }
  if (firstShift) {
    const { no, column } = firstShift;
    const found = cellAddress(numberRow, column);
    const expected = cellAddress(numberRow, dataColumn(no));
    issues.push(
      cellIssue('L03', sheet.name, numberRow, column, {
        vi: `Bảng bị lệch cột: ô "${columnNumberText(no)}" nằm ở ${found}, đúng mẫu phải ở ${expected}. Không chèn hoặc xóa cột trong biểu mẫu; tải lại mẫu nếu cần. Số liệu được đọc theo số thứ tự cột`,
        en: `Shifted layout: "${columnNumberText(no)}" found in ${found} instead of ${expected}. Do not insert or delete columns; start again from the template if needed. Values were read by column number`,
      }),
    );
  }
  form.columns.forEach((col, i) => {
    if (data[i] !== null) return;
    issues.push(
      cellIssue('L04', sheet.name, numberRow, dataColumn(col.no), {
        vi: `Thiếu cột ${columnNumberText(col.no)} "${col.label.vi}" ở hàng số thứ tự cột (hàng ${numberRow})`,
        en: `Column ${columnNumberText(col.no)} "${col.label.en}" is missing from the column-number row (row ${numberRow})`,
      }),
    );
  });
  const first = data[0] ?? dataColumn(1);
  return { data, code: letters.B ?? first - 2, name: letters.C ?? first - 1 };
}

/** A column beyond the form's is the clerk's own (notes, workings): ignored, nothing of the form is lost. */
function extraColumn(sheet: GridSheet, form: FormDef, numberRow: number, column: number): Issue {
  const letter = columnLetter(column);
  return cellIssue('L19', sheet.name, numberRow, column, {
    vi: `Cột ${letter} nằm ngoài ${form.columns.length} cột của ${form.sheetName}; cột này không được đọc (có thể xóa đi)`,
    en: `Column ${letter} lies beyond the ${form.columns.length} columns of ${form.sheetName}; it is not read (it may be deleted)`,
  });
}

/**
 * Unnumbered columns right of the form that hold something between the headings and the end of
 * the table; numbered ones were reported by mapColumns.
 */
function unnumberedExtraColumns(sheet: GridSheet, form: FormDef, map: ColumnMap, numberRow: number, lastRow: number, issues: Issue[]): void {
  // A form column that lost its number is L04's, not an extra column.
  const lastFormColumn = Math.max(map.code, map.name, (map.data[0] ?? dataColumn(1)) + form.columns.length - 1, ...map.data.map((c) => c ?? 0));
  let widest = 0;
  for (let row = Math.max(1, numberRow - 2); row <= lastRow; row++) widest = Math.max(widest, sheet.cells[row - 1]?.length ?? 0);
  for (let column = lastFormColumn + 1; column <= widest; column++) {
    if (NUMBER_CELL.test(textAt(sheet, numberRow, column))) continue;
    for (let row = Math.max(1, numberRow - 2); row <= lastRow; row++) {
      if (isBlank(rawAt(sheet, row, column))) continue;
      issues.push(extraColumn(sheet, form, numberRow, column));
      break;
    }
  }
}

function isTotalRow(sheet: GridSheet, row: number, map: ColumnMap): boolean {
  const key = captionKey(TOTAL_LABEL);
  for (let column = 1; column <= Math.max(map.name, map.code); column++) {
    if (captionKey(textAt(sheet, row, column)) === key) return true;
  }
  return false;
}

function readRow(sheet: GridSheet, row: number, map: ColumnMap): FormRow {
  return {
    unitCode: unitCodeAt(sheet, row, map.code),
    unitName: textAt(sheet, row, map.name),
    sheetRow: row,
    values: map.data.map((column) => (column === null ? null : rawAt(sheet, row, column))),
  };
}

function isEmptyRow(r: FormRow): boolean {
  return r.unitCode === '' && r.unitName === '' && r.values.every(isBlank);
}

function uncomputedFormulas(sheet: GridSheet, r: FormRow, map: ColumnMap, issues: Issue[], skip: readonly boolean[] = []): void {
  map.data.forEach((column, i) => {
    if (column !== null && !skip[i]) uncomputedFormula(sheet, r.sheetRow, column, issues);
  });
}

/**
 * The template's total formula over exactly the unit rows equals their sum by construction, so
 * its value is taken from the unit rows rather than from the file's cached result, which a
 * program that does not calculate may have left stale or empty. The value is what the
 * spreadsheet shows (SUM ignores text), except that a column no unit reported stays blank:
 * blank means not reported. With an error among the values, the file's own result is kept.
 */
function readTotal(sheet: GridSheet, totalRow: number, rows: FormRow[], map: ColumnMap, numberRow: number): Pick<FormTable, 'total' | 'totalIsSumFormula'> {
  const total = readRow(sheet, totalRow, map);
  const isSum = map.data.map((column, i) => {
    if (column === null || rows.length === 0) return false;
    const formula = cellAt(sheet, totalRow, column)?.formula;
    if (!formula) return false;
    const f = canonicalFormula(formula);
    const exact = f === sumFormula(column, rows[0].sheetRow, rows[rows.length - 1].sheetRow);
    const span = f === sumFormula(column, numberRow + 1, totalRow - 1);
    if (!exact && !span) return false;
    const unitValues = rows.map((r) => r.values[i]);
    const sum = spreadsheetSum(unitValues);
    if (unitValues.every(isBlank)) total.values[i] = null;
    else if (sum !== null) total.values[i] = sum.sum;
    return true;
  });
  return { total, totalIsSumFormula: isSum };
}

/** A form sheet as read, and how far down its title block goes (the rows above its headings). */
export interface SheetRead<T> {
  table: T;
  titleEnd: number;
}

/**
 * The title block ends above the column headings: the first row, going up from the number row,
 * with a heading in the code or name column (the template's `Mã đơn vị`, merged over two rows).
 */
function titleEndAbove(sheet: GridSheet, numberRow: number, map: ColumnMap): number {
  for (let row = numberRow - 1; row >= Math.max(1, numberRow - 3); row--) {
    if (!isBlank(rawAt(sheet, row, map.code)) || !isBlank(rawAt(sheet, row, map.name))) return row - 1;
  }
  return numberRow - 1;
}

/** Whether the first non-empty row after `row` is a unit row (a total row placed above the units). */
function unitRowsFollow(sheet: GridSheet, row: number, map: ColumnMap): boolean {
  for (let r = row + 1; r <= rowCount(sheet); r++) {
    const next = readRow(sheet, r, map);
    if (!isEmptyRow(next)) return next.unitCode !== '' && !isTotalRow(sheet, r, map);
  }
  return false;
}

export function readFormSheet(sheet: GridSheet, form: FormDef, issues: Issue[]): SheetRead<FormTable | null> {
  const L = FORM_LAYOUT;
  const anchor = findCell(sheet, (t) => t === columnNumberText(1)) ?? findCell(sheet, (t) => NUMBER_CELL.test(t));
  if (!anchor) {
    issues.push(
      fileIssue(
        'L02', {
          vi: `Trang "${sheet.name}" không có hàng số thứ tự cột (1), (2), … ngay trên hàng số liệu đầu tiên (theo mẫu ở hàng ${L.numberRow}); không đọc được bảng`,
          en: `Sheet "${sheet.name}" has no column-number row (1), (2), … above the first data row (row ${L.numberRow} in the template); the table cannot be read`,
        },
        sheet.name,
      ),
    );
    return { table: null, titleEnd: L.groupRow - 1 };
  }
  const numberRow = anchor.row;
  if (numberRow !== L.numberRow) {
    issues.push(
      cellIssue('L09', sheet.name, numberRow, anchor.column, {
        vi: `Hàng số thứ tự cột ở hàng ${numberRow} thay vì hàng ${L.numberRow} (phần đầu trang có thêm hoặc bớt dòng); bảng vẫn được đọc`,
        en: `The column-number row is row ${numberRow} instead of ${L.numberRow} (rows added or removed in the title block); the table was read`,
      }),
    );
  }
  const map = mapColumns(sheet, form, numberRow, issues);
  const titleEnd = titleEndAbove(sheet, numberRow, map);

  const rows: FormRow[] = [];
  const rowIssues: Issue[] = [];
  const seen = new Map<string, number>();
  let totalRow: number | null = null;
  let totalAbove: number | null = null;
  let gapRow: number | null = null;
  for (let row = numberRow + 1; row <= rowCount(sheet); row++) {
    if (totalAbove === null && isTotalRow(sheet, row, map)) {
      if (rows.length > 0 || rowIssues.length > 0 || !unitRowsFollow(sheet, row, map)) {
        totalRow = row;
        break;
      }
      totalAbove = row;
      continue;
    }
    const r = readRow(sheet, row, map);
    if (isEmptyRow(r)) {
      if (totalAbove !== null && rows.length > 0) break;
      if (rows.length > 0 && gapRow === null) gapRow = row;
      continue;
    }
    if (!r.unitCode) {
      rowIssues.push(
        cellIssue('L07', sheet.name, row, map.code, {
          vi: `Hàng ${row} có số liệu nhưng không có mã đơn vị ở cột ${columnLetter(map.code)}; hàng này không được đọc`,
          en: `Row ${row} has data but no unit code in column ${columnLetter(map.code)}; the row is not read`,
        }),
      );
      continue;
    }
    const first = seen.get(r.unitCode);
    if (first !== undefined) {
      rowIssues.push(
        cellIssue('L08', sheet.name, row, map.code, {
          vi: `Đơn vị ${r.unitCode} có hai hàng (hàng ${first} và hàng ${row}); chỉ hàng ${first} được đọc`,
          en: `Unit ${r.unitCode} appears twice (rows ${first} and ${row}); only row ${first} is read`,
        }),
      );
      continue;
    }
    seen.set(r.unitCode, row);
    uncomputedFormulas(sheet, r, map, rowIssues);
    rows.push(r);
  }
  if (totalAbove !== null) {
    totalRow = totalAbove;
    issues.push(
      cellIssue('L20', sheet.name, totalAbove, map.name, {
        vi: `Hàng "${TOTAL_LABEL}" (hàng ${totalAbove}) nằm trên các hàng đơn vị; hàng tổng phải là hàng cuối của bảng. Số liệu vẫn được đọc; hãy chuyển hàng tổng xuống cuối bảng`,
        en: `The "${TOTAL_LABEL}" row (row ${totalAbove}) sits above the unit rows; the total must be the last row of the table. The figures were read; move the total row to the end`,
      }),
    );
  }
  const lastRow = (totalAbove !== null ? rows[rows.length - 1]?.sheetRow : totalRow) ?? rows[rows.length - 1]?.sheetRow ?? numberRow;
  unnumberedExtraColumns(sheet, form, map, numberRow, lastRow, issues);

  if (totalRow === null) {
    // Without a total row the table ends at its first blank row; notes below it are not units.
    const end = gapRow ?? Infinity;
    issues.push(...rowIssues.filter((i) => i.row! < end));
    const unitRows = rows.filter((r) => r.sheetRow < end);
    const after = (unitRows[unitRows.length - 1]?.sheetRow ?? numberRow) + 1;
    issues.push(
      cellIssue('L06', sheet.name, after, map.name, {
        vi: `Không tìm thấy hàng "${TOTAL_LABEL}" ở cuối bảng (dự kiến ở ô ${cellAddress(after, map.name)})`,
        en: `No "${TOTAL_LABEL}" (total) row at the end of the table (expected in ${cellAddress(after, map.name)})`,
      }),
    );
    return { table: { form: form.id, sheetName: sheet.name, columns: map, rows: unitRows, total: null }, titleEnd };
  }
  issues.push(...rowIssues);
  const totals = readTotal(sheet, totalRow, rows, map, numberRow);
  uncomputedFormulas(sheet, totals.total!, map, issues, totals.totalIsSumFormula);
  return { table: { form: form.id, sheetName: sheet.name, columns: map, rows, ...totals }, titleEnd };
}
