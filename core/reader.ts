/**
 * Reads a report workbook, given as plain grids of cells, into a Submission. Shared by the
 * pipeline (grids from ExcelJS, core/xlsx) and the add-in's import (grids from Office.js).
 *
 * The reader checks the layout (rules L01…L13 below) and finds the table by its `(1)`, `(2)`, …
 * row, so rows added to the title block do no harm. It never judges values: text, decimals and
 * error values are kept raw for rule V01 (core/rules.ts), which reports them with their cell.
 */
import {
  FORMS,
  TARGET_CODES,
  TARGETS_SHEET,
  normalizeSheetName,
  reportSheetOf,
  type FormDef,
  type FormId,
  type TargetCode,
  type Text,
} from './forms';
import {
  DAY_MS,
  EXCEL_EPOCH_MS,
  FORM_LAYOUT,
  META_SHEET,
  TARGETS_LAYOUT,
  TITLE_CAPTIONS,
  TOTAL_LABEL,
  columnNumberText,
  dataColumn,
  spreadsheetSum,
  sumFormula,
  targetRowOf,
} from './layout';
import { pad2 } from './format';
import { formsOf, isPeriodCode, parsePeriod } from './periods';
import { shorten } from './safe-text';
import {
  cellAddress,
  cellIssue,
  columnLetter,
  fileIssue,
  type FormRow,
  type FormTable,
  type Issue,
  type RawValue,
  type Submission,
  type TableColumns,
  type TargetRow,
} from './submission';

export type GridCell = { value: RawValue; formula?: string } | null;

export interface GridSheet {
  name: string;
  state?: 'visible' | 'hidden' | 'veryHidden';
  /** Row-major from A1; rows may be ragged, missing cells are blank. */
  cells: GridCell[][];
}

export interface WorkbookGrids {
  sheets: GridSheet[];
}

export interface ReadResult {
  /** Null when the workbook holds no report sheet at all. */
  submission: Submission | null;
  issues: Issue[];
}

// ---------------------------------------------------------------------------------------------
// Cells

/** How far down and across the reader looks for the table's anchors. */
const SCAN_ROWS = 60;
const SCAN_COLUMNS = 40;

function cellAt(sheet: GridSheet, row: number, column: number): GridCell {
  return sheet.cells[row - 1]?.[column - 1] ?? null;
}

/** The value as found; an empty string is a blank cell. */
function rawAt(sheet: GridSheet, row: number, column: number): RawValue {
  const v = cellAt(sheet, row, column)?.value ?? null;
  return v === '' ? null : v;
}

/** Text of a cell for matching captions and codes (numbers as written, dates not text). */
function textAt(sheet: GridSheet, row: number, column: number): string {
  const v = rawAt(sheet, row, column);
  if (typeof v === 'string') return v.normalize('NFC').trim();
  if (typeof v === 'number') return String(v);
  return '';
}

/**
 * Captions compare like sheet names (NFC, case-blind, spaces collapsed), trailing colon optional.
 * The reader asks for the keys of the same few texts (captions, labels, unit names) over and over
 * while it scans a sheet, and locale-aware lower-casing is slow: the keys of short texts are
 * remembered, a bounded number of them.
 */
const captionKeys = new Map<string, string>();
const CAPTION_KEYS_KEPT = 4096;
const CAPTION_KEY_MAX_LENGTH = 200;

function captionKey(text: string): string {
  if (text === '') return '';
  let key = captionKeys.get(text);
  if (key === undefined) {
    key = normalizeSheetName(text).replace(/\s*:$/, '');
    if (text.length > CAPTION_KEY_MAX_LENGTH) return key;
    if (captionKeys.size >= CAPTION_KEYS_KEPT) captionKeys.clear();
    captionKeys.set(text, key);
  }
  return key;
}

/** Also true for dates made in another realm (a worker, a test sandbox), where instanceof fails. */
const isDate = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]';

const isBlank = (v: RawValue) => v === null || (typeof v === 'string' && v.trim() === '');

/**
 * Unit codes are text, but a spreadsheet may have turned `0101` into the number 101: restore
 * the leading zero (codes have 2 or 4 digits). Text far longer than a code is kept shortened,
 * so that messages quoting it stay readable.
 */
function unitCodeOf(v: RawValue): string {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) {
    const s = String(v);
    return s.length % 2 === 1 ? `0${s}` : s;
  }
  return typeof v === 'string' ? shorten(v.normalize('NFC').trim().toUpperCase()) : '';
}

function unitCodeAt(sheet: GridSheet, row: number, column: number): string {
  return unitCodeOf(rawAt(sheet, row, column));
}

function rowCount(sheet: GridSheet): number {
  return sheet.cells.length;
}

/** `=SUM($D$10:$D$20)` → `SUM(D10:D20)`, for comparing formulas. */
function canonicalFormula(formula: string): string {
  return formula.replace(/^=/, '').replace(/[\s$]/g, '').toUpperCase();
}

// ---------------------------------------------------------------------------------------------
// Dates



function isoOf(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  const ok = y >= 2000 && y <= 2100 && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  return ok ? `${y}-${pad2(m)}-${pad2(d)}` : null;
}

function isoOfTime(ms: number): string | null {
  // A second of slack: dates converted from serial numbers can land just before midnight.
  const d = new Date(Math.floor((ms + 1000) / DAY_MS) * DAY_MS);
  return isoOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/**
 * A report date as found in a cell: a date, an Excel serial number, or text `dd/mm/yyyy`
 * (the Vietnamese way), `ngày dd tháng mm năm yyyy` or ISO `yyyy-mm-dd`. Returns ISO, null for blank, or 'invalid'.
 */
export function parseReportDate(value: RawValue): string | null | 'invalid' {
  if (isBlank(value)) return null;
  if (isDate(value)) return isoOfTime(value.getTime()) ?? 'invalid';
  if (typeof value === 'number') return isoOfTime(EXCEL_EPOCH_MS + value * DAY_MS) ?? 'invalid';
  if (typeof value !== 'string') return 'invalid';
  const text = value.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (iso) return isoOf(Number(iso[1]), Number(iso[2]), Number(iso[3])) ?? 'invalid';
  const vn = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (vn) return isoOf(Number(vn[3]), Number(vn[2]), Number(vn[1])) ?? 'invalid';
  // As typed in Vietnamese documents: `ngày 15 tháng 6 năm 2026`.
  const words = /^(?:ngày\s*)?(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})$/i.exec(text.normalize('NFC'));
  if (words) return isoOf(Number(words[3]), Number(words[2]), Number(words[1])) ?? 'invalid';
  return 'invalid';
}

function shownValue(value: RawValue): string {
  if (isDate(value)) return value.toISOString().slice(0, 10);
  if (value !== null && typeof value === 'object') return value.error;
  return String(value);
}

// ---------------------------------------------------------------------------------------------
// Title block and metadata

interface Found<T> {
  value: T;
  sheet: string;
  row: number;
  column: number;
}

/**
 * The value of a title-block caption within the first `lastRow` rows (the rows above the column
 * headings, so that a heading such as "Mã đơn vị" is never taken for a caption): the first value
 * right of the caption (merged captions leave blanks in between), or the text after the colon
 * when caption and value were typed into one cell (`Ngày báo cáo: 15/06/2026`).
 */
function captionValue(sheet: GridSheet, caption: string, lastRow: number): Found<RawValue> | null {
  const key = captionKey(caption);
  for (let row = 1; row <= Math.min(lastRow, rowCount(sheet)); row++) {
    for (let column = 1; column <= SCAN_COLUMNS; column++) {
      const text = textAt(sheet, row, column);
      const cellKey = captionKey(text);
      if (cellKey !== key) {
        const inline = cellKey.startsWith(key) ? /^\s*:\s*(.+)$/.exec(cellKey.slice(key.length)) : null;
        if (inline) return { value: text.slice(text.indexOf(':') + 1).trim(), sheet: sheet.name, row, column };
        continue;
      }
      for (let c = column + 1; c <= column + 6; c++) {
        const value = rawAt(sheet, row, c);
        if (!isBlank(value)) return { value, sheet: sheet.name, row, column: c };
      }
      // The caption with nothing beside it: the value cell is the first one after the caption's merge.
      return { value: null, sheet: sheet.name, row, column: column + 2 };
    }
  }
  return null;
}

function readMeta(sheet: GridSheet | undefined): Map<string, RawValue> {
  const meta = new Map<string, RawValue>();
  if (!sheet) return meta;
  for (let row = 1; row <= rowCount(sheet); row++) {
    const key = textAt(sheet, row, 1).toLowerCase();
    if (key) meta.set(key, rawAt(sheet, row, 2));
  }
  return meta;
}

// ---------------------------------------------------------------------------------------------
// Form sheets

type ColumnMap = TableColumns;

function findCell(sheet: GridSheet, matches: (text: string) => boolean): { row: number; column: number } | null {
  for (let row = 1; row <= Math.min(SCAN_ROWS, rowCount(sheet)); row++) {
    for (let column = 1; column <= SCAN_COLUMNS; column++) {
      if (matches(textAt(sheet, row, column))) return { row, column };
    }
  }
  return null;
}

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

/**
 * A formula whose file carries no saved result (written by a program that does not calculate):
 * the figure is not in the file, so it is refused rather than read as blank.
 */
function uncomputedFormula(sheet: GridSheet, row: number, column: number, issues: Issue[]): void {
  const cell = cellAt(sheet, row, column);
  if (!cell?.formula || (cell.value ?? null) !== null) return;
  const formula = shorten(cell.formula);
  issues.push(
    cellIssue('L12', sheet.name, row, column, {
      vi: `Ô ${cellAddress(row, column)} có công thức =${formula} nhưng tệp không lưu kết quả; mở tệp bằng Excel rồi lưu lại để kết quả được lưu trong tệp, sau đó gửi lại`,
      en: `Cell ${cellAddress(row, column)} holds the formula =${formula} but the file stores no result; open and save the file in Excel so that the result is stored, then send it again`,
    }),
  );
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
interface SheetRead<T> {
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

function readFormSheet(sheet: GridSheet, form: FormDef, issues: Issue[]): SheetRead<FormTable | null> {
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

// ---------------------------------------------------------------------------------------------
// Targets sheet

function readTargetsSheet(sheet: GridSheet, issues: Issue[]): SheetRead<TargetRow[]> {
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

// ---------------------------------------------------------------------------------------------
// Identity: unit code, period, report date

interface Source {
  where: string;
  value: string;
}

/**
 * The title block the clerk sees and edits wins: the first title cell with a value, any other
 * title cell that disagrees is an error naming both cells. The hidden metadata only fills in
 * when no title cell has a value; when it disagrees with title cells that agree among
 * themselves it is out of date (a workbook reused from an earlier report), said as a warning.
 */
function agree(what: Text, titles: Source[], meta: string, sheet: string | null, issues: Issue[]): string {
  const present = titles.filter((s) => s.value !== '');
  const chosen = present[0];
  if (!chosen) return meta;
  let consistent = true;
  for (const other of present.slice(1)) {
    if (other.value === chosen.value) continue;
    consistent = false;
    issues.push(
      fileIssue(
        'L11', {
          vi: `${what.vi} không thống nhất: "${chosen.value}" (${chosen.where}) nhưng "${other.value}" (${other.where}); sửa cho giống nhau rồi gửi lại`,
          en: `${what.en} disagree: "${chosen.value}" (${chosen.where}) but "${other.value}" (${other.where}); make them the same and send the file again`,
        },
        sheet,
      ),
    );
  }
  if (consistent && meta !== '' && meta !== chosen.value) {
    issues.push(
      fileIssue(
        'L18', {
          vi: `${what.vi} trên trang tính là "${chosen.value}" (${chosen.where}) nhưng siêu dữ liệu ẩn ${META_SHEET} còn ghi "${meta}" (tệp dùng lại từ kỳ trước?); dùng "${chosen.value}". Add-in sẽ cập nhật siêu dữ liệu ở lần làm mới tiếp theo`,
          en: `${what.en}: the sheet shows "${chosen.value}" (${chosen.where}) but the hidden ${META_SHEET} sheet still says "${meta}" (a workbook reused from an earlier report?); using "${chosen.value}". The add-in rewrites the metadata on its next refresh`,
        },
        sheet,
      ),
    );
  }
  return chosen.value;
}

const plainText = (v: RawValue) => shownValue(v).normalize('NFC').trim();
/** A period code as found; a real one has 4–7 characters, anything longer is quoted shortened. */
const periodText = (v: RawValue) => shorten(plainText(v));
const at = (f: Found<RawValue>) => `${f.sheet}!${cellAddress(f.row, f.column)}`;

function readReportDate(titleDate: Found<RawValue> | null, metaDate: RawValue, issues: Issue[]): string | null {
  if (titleDate && !isBlank(titleDate.value)) {
    const iso = parseReportDate(titleDate.value);
    if (iso !== 'invalid') return iso;
    issues.push(
      cellIssue('L10', titleDate.sheet, titleDate.row, titleDate.column, {
        vi: `Ngày báo cáo "${shorten(shownValue(titleDate.value))}" không đọc được; nhập ngày dạng dd/mm/yyyy`,
        en: `Report date "${shorten(shownValue(titleDate.value))}" cannot be read; enter a date as dd/mm/yyyy`,
      }),
    );
    return null;
  }
  const iso = parseReportDate(metaDate);
  return iso === 'invalid' ? null : iso;
}

// ---------------------------------------------------------------------------------------------

type SheetKind = FormId | 'targets';

const kindName = (kind: SheetKind) => (kind === 'targets' ? TARGETS_SHEET : FORMS[kind].sheetName);
const isVisible = (sheet: GridSheet) => (sheet.state ?? 'visible') === 'visible';

function sameContent(a: GridSheet, b: GridSheet): boolean {
  const rows = Math.max(a.cells.length, b.cells.length);
  for (let row = 1; row <= rows; row++) {
    const columns = Math.max(a.cells[row - 1]?.length ?? 0, b.cells[row - 1]?.length ?? 0);
    for (let column = 1; column <= columns; column++) {
      // A copied formula is the same cell, whether or not its result was saved again.
      const fx = cellAt(a, row, column)?.formula;
      const fy = cellAt(b, row, column)?.formula;
      if (fx && fy && canonicalFormula(fx) === canonicalFormula(fy)) continue;
      const x = rawAt(a, row, column);
      const y = rawAt(b, row, column);
      if ((x === null) !== (y === null) || (x !== null && shownValue(x) !== shownValue(y))) return false;
    }
  }
  return true;
}

/**
 * The sheet read for each form: the visible one. A hidden report sheet is never read in place
 * of a visible one: a hidden official sheet beside a visible copy (`Mẫu 03 (2)`), or two visible
 * sheets with different figures, is an error naming both; a visible identical copy is ignored
 * with a warning; a hidden copy is the clerk's own and ignored.
 */
function chooseSheets(grids: WorkbookGrids, issues: Issue[]): Map<SheetKind, GridSheet> {
  const candidates = new Map<SheetKind, { sheet: GridSheet; official: boolean }[]>();
  for (const sheet of grids.sheets) {
    const of = reportSheetOf(sheet.name);
    if (of) candidates.set(of.kind, [...(candidates.get(of.kind) ?? []), { sheet, official: of.official }]);
  }
  const chosen = new Map<SheetKind, GridSheet>();
  for (const [kind, list] of candidates) {
    const pick =
      list.find((c) => c.official && isVisible(c.sheet)) ?? list.find((c) => isVisible(c.sheet)) ?? list.find((c) => c.official) ?? list[0];
    const sheet = pick.sheet;
    chosen.set(kind, sheet);
    for (const other of list) {
      if (other === pick) continue;
      const hiddenOfficial = !isVisible(other.sheet) && other.official && isVisible(sheet);
      if (!isVisible(other.sheet) && !hiddenOfficial) continue;
      if (!hiddenOfficial && sameContent(sheet, other.sheet)) {
        issues.push(
          fileIssue('L16', {
            vi: `Trang "${other.sheet.name}" là bản sao giống hệt trang "${sheet.name}" (${kindName(kind)}); chỉ trang "${sheet.name}" được đọc, có thể xóa bản sao`,
            en: `Sheet "${other.sheet.name}" is an identical copy of "${sheet.name}" (${kindName(kind)}); only "${sheet.name}" is read, the copy may be deleted`,
          }, other.sheet.name),
        );
        continue;
      }
      const why: Text = hiddenOfficial
        ? { vi: `trang "${other.sheet.name}" bị ẩn còn trang "${sheet.name}" hiển thị`, en: `"${other.sheet.name}" is hidden while "${sheet.name}" is visible` }
        : { vi: `hai trang có số liệu khác nhau`, en: `their figures differ` };
      issues.push(
        fileIssue('L13', {
          vi: `Hai trang tính "${sheet.name}" và "${other.sheet.name}" cùng là ${kindName(kind)} (${why.vi}): không biết số liệu nào là thật. Xóa trang thừa, đặt tên trang còn lại là "${kindName(kind)}" rồi gửi lại`,
          en: `Sheets "${sheet.name}" and "${other.sheet.name}" are both ${kindName(kind)} (${why.en}): which figures are real is unknown. Delete the one not wanted, name the other "${kindName(kind)}" and send the file again`,
        }, other.sheet.name),
      );
    }
    if (!isVisible(sheet)) {
      issues.push(
        fileIssue('L17', {
          vi: `Trang "${sheet.name}" đang bị ẩn; số liệu được đọc từ trang này. Hiện trang (Unhide) để kiểm tra số liệu`,
          en: `Sheet "${sheet.name}" is hidden; its figures were read. Unhide it to check them`,
        }, sheet.name),
      );
    }
  }
  return chosen;
}

export function readSubmission(grids: WorkbookGrids): ReadResult {
  const issues: Issue[] = [];
  const chosen = chooseSheets(grids, issues);
  const formSheets = new Map<FormId, GridSheet>();
  for (const [kind, sheet] of chosen) if (kind !== 'targets') formSheets.set(kind, sheet);
  const targetsSheet = chosen.get('targets');
  const metaSheet = grids.sheets.find((s) => normalizeSheetName(s.name) === META_SHEET);
  if (formSheets.size === 0 && !targetsSheet) {
    issues.push(
      fileIssue('L01', {
        vi: `Tệp không có trang "${FORMS.F03.sheetName}", "${FORMS.F04.sheetName}" hay "${TARGETS_SHEET}": không phải báo cáo theo mẫu`,
        en: `The file has no "${FORMS.F03.sheetName}", "${FORMS.F04.sheetName}" or "${TARGETS_SHEET}" sheet: not a report workbook`,
      }),
    );
    return { submission: null, issues };
  }

  // The tables first: where each sheet's headings start bounds its title block.
  const tableIssues: Issue[] = [];
  const forms: Submission['forms'] = {};
  const titleEnds = new Map<GridSheet, number>();
  for (const [id, sheet] of formSheets) {
    const read = readFormSheet(sheet, FORMS[id], tableIssues);
    titleEnds.set(sheet, read.titleEnd);
    if (read.table) forms[id] = read.table;
  }
  const targetsRead = targetsSheet ? readTargetsSheet(targetsSheet, tableIssues) : null;
  if (targetsSheet) titleEnds.set(targetsSheet, targetsRead!.titleEnd);

  // Identity: the visible title block (what the person saw and can edit), then the hidden metadata.
  const meta = readMeta(metaSheet);
  const titled = [...formSheets.values(), ...(targetsSheet ? [targetsSheet] : [])];
  const fromTitles = (caption: string, text: (v: RawValue) => string): Source[] =>
    titled
      .map((s) => captionValue(s, caption, titleEnds.get(s)!))
      .filter((f): f is Found<RawValue> => f !== null && !isBlank(f.value))
      .map((f) => ({ where: at(f), value: text(f.value) }));
  const metaText = (key: string, text: (v: RawValue) => string = plainText) => {
    const v = meta.get(key) ?? null;
    return isBlank(v) ? '' : text(v);
  };
  const firstSheet = titled[0].name;
  const unitCode = agree(
    { vi: 'Mã đơn vị báo cáo', en: 'Reporting unit codes' },
    fromTitles(TITLE_CAPTIONS.unitCode, unitCodeOf),
    metaText('unit_code', unitCodeOf),
    firstSheet,
    issues,
  );
  const period = agree(
    { vi: 'Kỳ báo cáo', en: 'Periods' },
    fromTitles(TITLE_CAPTIONS.periodCode, (v) => periodText(v).toUpperCase()),
    metaText('period', periodText).toUpperCase(),
    firstSheet,
    issues,
  );
  const dateSheet = formSheets.get('F03') ?? titled[0];
  const reportDate = readReportDate(captionValue(dateSheet, TITLE_CAPTIONS.reportDate, titleEnds.get(dateSheet)!), meta.get('report_date') ?? null, issues);

  // Sheets the period calls for (the targets sheet is rule V15's).
  const expected: FormId[] = isPeriodCode(period) ? formsOf(parsePeriod(period)) : ['F03'];
  for (const id of expected) {
    if (formSheets.has(id)) continue;
    issues.push(
      fileIssue('L01', {
        vi: `Thiếu trang tính "${FORMS[id].sheetName}"${isPeriodCode(period) ? ` (bắt buộc trong báo cáo kỳ ${period})` : ''}`,
        en: `Missing sheet "${FORMS[id].sheetName}"${isPeriodCode(period) ? ` (required in a ${period} report)` : ''}`,
      }),
    );
  }
  issues.push(...tableIssues);

  // The first total row found (a sheet may have lost its own).
  const totalled = [forms.F03, forms.F04].find((t) => t?.total);
  const totalCode = totalled?.total?.unitCode ?? '';
  if (totalled && totalCode && unitCode && totalCode !== unitCode) {
    issues.push(
      cellIssue('L11', totalled.sheetName, totalled.total!.sheetRow, totalled.columns.code, {
        vi: `Hàng ${TOTAL_LABEL} mang mã "${totalCode}" nhưng đơn vị báo cáo là "${unitCode}"`,
        en: `The total row carries code "${totalCode}" but the reporting unit is "${unitCode}"`,
      }),
    );
  }

  const submission: Submission = {
    unitCode: unitCode || totalCode,
    period,
    reportDate,
    forms,
    targets: targetsRead ? targetsRead.table : null,
    ...(targetsSheet ? { targetsSheetName: targetsSheet.name } : {}),
    overrideReason: metaText('override_reason') || null,
  };
  return { submission, issues };
}
