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
  formOfSheetName,
  normalizeSheetName,
  type FormDef,
  type FormId,
  type TargetCode,
  type Text,
} from './forms';
import {
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

/** Layout rules of the reader (ids of `Issue.rule`), for help pages and reports. */
export const LAYOUT_RULES: Record<string, Text> = {
  L00: { vi: 'Không đọc được tệp', en: 'File cannot be read' },
  L01: { vi: 'Thiếu trang tính', en: 'Missing sheet' },
  L02: { vi: 'Không tìm thấy hàng số thứ tự cột (1), (2), …', en: 'No column-number row (1), (2), …' },
  L03: { vi: 'Bảng bị lệch cột', en: 'Shifted columns' },
  L04: { vi: 'Thiếu cột', en: 'Missing column' },
  L05: { vi: 'Cột thừa hoặc trùng số', en: 'Extra or duplicate column' },
  L06: { vi: 'Không có hàng Tổng cộng', en: 'No total row' },
  L07: { vi: 'Hàng không có mã đơn vị', en: 'Row without a unit code' },
  L08: { vi: 'Trùng hàng', en: 'Duplicate row' },
  L09: { vi: 'Bảng ở vị trí khác mẫu', en: 'Table moved' },
  L10: { vi: 'Ngày báo cáo không hợp lệ', en: 'Unreadable report date' },
  L11: { vi: 'Mã đơn vị hoặc kỳ báo cáo không thống nhất', en: 'Unit code or period disagree' },
  L12: { vi: 'Công thức chưa có kết quả', en: 'Formula without a computed value' },
  L13: { vi: 'Hai trang tính cho cùng một biểu', en: 'Two sheets for one form' },
  L14: { vi: 'Tệp vượt giới hạn của một biểu mẫu', en: 'File beyond the limits of a form' },
  L15: { vi: 'Tệp có cấu trúc không an toàn', en: 'Unsafe file structure' },
};

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

const DAY_MS = 86_400_000;
/** Excel's day 0 in the 1900 date system, as used by every file this project meets. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);


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
 * (the Vietnamese way) or ISO `yyyy-mm-dd`. Returns ISO, null for blank, or 'invalid'.
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

/** The value right of a title-block caption (merged captions leave blanks in between). */
function captionValue(sheet: GridSheet, caption: string, lastRow: number): Found<RawValue> | null {
  const key = captionKey(caption);
  for (let row = 1; row <= Math.min(lastRow, rowCount(sheet)); row++) {
    for (let column = 1; column <= SCAN_COLUMNS; column++) {
      if (captionKey(textAt(sheet, row, column)) !== key) continue;
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

interface ColumnMap {
  /** Sheet column of form column no i + 1, or null when the sheet lacks it. */
  data: (number | null)[];
  code: number;
  name: number;
}

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
    if (no < 1 || no > form.columns.length || data[no - 1] !== null) {
      const why: Text =
        no >= 1 && no <= form.columns.length
          ? { vi: `cột ${columnNumberText(no)} xuất hiện hai lần`, en: `column ${columnNumberText(no)} appears twice` }
          : { vi: `${form.sheetName} chỉ có ${form.columns.length} cột`, en: `${form.sheetName} has ${form.columns.length} columns only` };
      issues.push(
        cellIssue('L05', 'error', sheet.name, numberRow, column, {
          vi: `Cột thừa ${columnNumberText(no)} ở ${cellAddress(numberRow, column)}: ${why.vi}; cột này không được đọc`,
          en: `Extra column ${columnNumberText(no)} in ${cellAddress(numberRow, column)}: ${why.en}; it is not read`,
        }),
      );
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
      cellIssue('L03', 'error', sheet.name, numberRow, column, {
        vi: `Bảng bị lệch cột: ô "${columnNumberText(no)}" nằm ở ${found}, đúng mẫu phải ở ${expected}. Không chèn hoặc xóa cột trong biểu mẫu; tải lại mẫu nếu cần. Số liệu được đọc theo số thứ tự cột`,
        en: `Shifted layout: "${columnNumberText(no)}" found in ${found} instead of ${expected}. Do not insert or delete columns; start again from the template if needed. Values were read by column number`,
      }),
    );
  }
  form.columns.forEach((col, i) => {
    if (data[i] !== null) return;
    issues.push(
      cellIssue('L04', 'error', sheet.name, numberRow, dataColumn(col.no), {
        vi: `Thiếu cột ${columnNumberText(col.no)} "${col.label.vi}" ở hàng số thứ tự cột (hàng ${numberRow})`,
        en: `Column ${columnNumberText(col.no)} "${col.label.en}" is missing from the column-number row (row ${numberRow})`,
      }),
    );
  });
  const first = data[0] ?? dataColumn(1);
  return { data, code: letters.B ?? first - 2, name: letters.C ?? first - 1 };
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

/** Formulas whose file carries no computed value (saved by a program that does not calculate). */
function uncomputedFormulas(sheet: GridSheet, r: FormRow, map: ColumnMap, issues: Issue[]): void {
  for (const column of map.data) {
    if (column === null) continue;
    const cell = cellAt(sheet, r.sheetRow, column);
    if (!cell?.formula || (cell.value ?? null) !== null) continue;
    issues.push(
      cellIssue('L12', 'warning', sheet.name, r.sheetRow, column, {
        vi: `Ô có công thức =${cell.formula} nhưng chưa có kết quả; mở tệp bằng Excel, lưu lại rồi gửi lại (giá trị được coi là để trống)`,
        en: `Formula =${cell.formula} has no computed value; open and save the file in Excel (read as blank)`,
      }),
    );
  }
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

function readFormSheet(sheet: GridSheet, form: FormDef, issues: Issue[]): FormTable | null {
  const L = FORM_LAYOUT;
  const anchor = findCell(sheet, (t) => t === columnNumberText(1)) ?? findCell(sheet, (t) => NUMBER_CELL.test(t));
  if (!anchor) {
    issues.push(
      fileIssue(
        'L02',
        'error',
        {
          vi: `Trang "${sheet.name}" không có hàng số thứ tự cột (1), (2), … ngay trên hàng số liệu đầu tiên (theo mẫu ở hàng ${L.numberRow}); không đọc được bảng`,
          en: `Sheet "${sheet.name}" has no column-number row (1), (2), … above the first data row (row ${L.numberRow} in the template); the table cannot be read`,
        },
        sheet.name,
      ),
    );
    return null;
  }
  const numberRow = anchor.row;
  if (numberRow !== L.numberRow) {
    issues.push(
      cellIssue('L09', 'info', sheet.name, numberRow, anchor.column, {
        vi: `Hàng số thứ tự cột ở hàng ${numberRow} thay vì hàng ${L.numberRow} (phần đầu trang có thêm hoặc bớt dòng); bảng vẫn được đọc`,
        en: `The column-number row is row ${numberRow} instead of ${L.numberRow} (rows added or removed in the title block); the table was read`,
      }),
    );
  }
  const map = mapColumns(sheet, form, numberRow, issues);

  const rows: FormRow[] = [];
  const rowIssues: Issue[] = [];
  const seen = new Map<string, number>();
  let totalRow: number | null = null;
  let gapRow: number | null = null;
  for (let row = numberRow + 1; row <= rowCount(sheet); row++) {
    if (isTotalRow(sheet, row, map)) {
      totalRow = row;
      break;
    }
    const r = readRow(sheet, row, map);
    if (isEmptyRow(r)) {
      if (rows.length > 0 && gapRow === null) gapRow = row;
      continue;
    }
    if (!r.unitCode) {
      rowIssues.push(
        cellIssue('L07', 'error', sheet.name, row, map.code, {
          vi: `Hàng ${row} có số liệu nhưng không có mã đơn vị ở cột ${columnLetter(map.code)}; hàng này không được đọc`,
          en: `Row ${row} has data but no unit code in column ${columnLetter(map.code)}; the row is not read`,
        }),
      );
      continue;
    }
    const first = seen.get(r.unitCode);
    if (first !== undefined) {
      rowIssues.push(
        cellIssue('L08', 'error', sheet.name, row, map.code, {
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

  if (totalRow === null) {
    // Without a total row the table ends at its first blank row; notes below it are not units.
    const end = gapRow ?? Infinity;
    issues.push(...rowIssues.filter((i) => i.row! < end));
    const unitRows = rows.filter((r) => r.sheetRow < end);
    const after = (unitRows[unitRows.length - 1]?.sheetRow ?? numberRow) + 1;
    issues.push(
      cellIssue('L06', 'error', sheet.name, after, map.name, {
        vi: `Không tìm thấy hàng "${TOTAL_LABEL}" ở cuối bảng (dự kiến ở ô ${cellAddress(after, map.name)})`,
        en: `No "${TOTAL_LABEL}" (total) row at the end of the table (expected in ${cellAddress(after, map.name)})`,
      }),
    );
    return { form: form.id, sheetName: sheet.name, rows: unitRows, total: null };
  }
  issues.push(...rowIssues);
  return { form: form.id, sheetName: sheet.name, rows, ...readTotal(sheet, totalRow, rows, map, numberRow) };
}

// ---------------------------------------------------------------------------------------------
// Targets sheet

function readTargetsSheet(sheet: GridSheet, issues: Issue[]): TargetRow[] {
  const T = TARGETS_LAYOUT;
  const isCode = (t: string) => TARGET_CODES.includes(t.toUpperCase() as TargetCode);
  const anchor = findCell(sheet, isCode);
  if (!anchor) return [];
  const codeColumn = anchor.column;
  const expectedRow = targetRowOf(textAt(sheet, anchor.row, codeColumn).toUpperCase() as TargetCode);
  if (codeColumn !== T.codeColumn) {
    issues.push(
      cellIssue('L03', 'error', sheet.name, anchor.row, codeColumn, {
        vi: `Bảng mục tiêu bị lệch cột: mã chỉ tiêu nằm ở ${cellAddress(anchor.row, codeColumn)}, đúng mẫu phải ở cột A. Số liệu được đọc theo vị trí mã`,
        en: `Shifted targets table: target codes are in ${cellAddress(anchor.row, codeColumn)} instead of column A. Values were read next to the codes`,
      }),
    );
  } else if (anchor.row !== expectedRow) {
    issues.push(
      cellIssue('L09', 'info', sheet.name, anchor.row, codeColumn, {
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
        cellIssue('L08', 'error', sheet.name, row, codeColumn, {
          vi: `Chỉ tiêu ${code} có hai hàng (hàng ${first} và hàng ${row}); chỉ hàng ${first} được đọc`,
          en: `Target ${code} appears twice (rows ${first} and ${row}); only row ${first} is read`,
        }),
      );
      continue;
    }
    seen.set(code, row);
    rows.push({
      code,
      sheetRow: row,
      total: rawAt(sheet, row, T.totalColumn + offset),
      achieved: rawAt(sheet, row, T.achievedColumn + offset),
    });
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Identity: unit code, period, report date

/** The first of the sources that has a value wins; any other that disagrees is reported. */
function agree(what: Text, sources: { where: string; value: string }[], sheet: string | null, issues: Issue[]): string {
  const present = sources.filter((s) => s.value !== '');
  const chosen = present[0];
  if (!chosen) return '';
  for (const other of present.slice(1)) {
    if (other.value === chosen.value) continue;
    issues.push(
      fileIssue(
        'L11',
        'error',
        {
          vi: `${what.vi} không thống nhất: "${chosen.value}" (${chosen.where}) nhưng "${other.value}" (${other.where}); dùng "${chosen.value}"`,
          en: `${what.en} disagree: "${chosen.value}" (${chosen.where}) but "${other.value}" (${other.where}); using "${chosen.value}"`,
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
const metaWhere = `${META_SHEET} (ẩn/hidden)`;
const at = (f: Found<RawValue>) => `${f.sheet}!${cellAddress(f.row, f.column)}`;

function readReportDate(titleDate: Found<RawValue> | null, metaDate: RawValue, issues: Issue[]): string | null {
  if (titleDate && !isBlank(titleDate.value)) {
    const iso = parseReportDate(titleDate.value);
    if (iso !== 'invalid') return iso;
    issues.push(
      cellIssue('L10', 'error', titleDate.sheet, titleDate.row, titleDate.column, {
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

export function readSubmission(grids: WorkbookGrids): ReadResult {
  const issues: Issue[] = [];
  const formSheets = new Map<FormId, GridSheet>();
  let targetsSheet: GridSheet | undefined;
  for (const sheet of grids.sheets) {
    const kind = formOfSheetName(sheet.name);
    if (!kind) continue;
    const existing = kind === 'targets' ? targetsSheet : formSheets.get(kind);
    if (existing) {
      issues.push(
        fileIssue(
          'L13',
          'error',
          {
            vi: `Hai trang tính "${existing.name}" và "${sheet.name}" cùng là ${kind === 'targets' ? TARGETS_SHEET : FORMS[kind].sheetName}; chỉ trang "${existing.name}" được đọc`,
            en: `Sheets "${existing.name}" and "${sheet.name}" are the same form; only "${existing.name}" is read`,
          },
          sheet.name,
        ),
      );
      continue;
    }
    if (kind === 'targets') targetsSheet = sheet;
    else formSheets.set(kind, sheet);
  }
  const metaSheet = grids.sheets.find((s) => normalizeSheetName(s.name) === META_SHEET);
  if (formSheets.size === 0 && !targetsSheet) {
    issues.push(
      fileIssue('L01', 'error', {
        vi: `Tệp không có trang "${FORMS.F03.sheetName}", "${FORMS.F04.sheetName}" hay "${TARGETS_SHEET}": không phải báo cáo theo mẫu`,
        en: `The file has no "${FORMS.F03.sheetName}", "${FORMS.F04.sheetName}" or "${TARGETS_SHEET}" sheet: not a report workbook`,
      }),
    );
    return { submission: null, issues };
  }

  // Identity: the visible title block first (what the person saw), then the hidden metadata.
  const meta = readMeta(metaSheet);
  const titled = [...formSheets.values(), ...(targetsSheet ? [targetsSheet] : [])];
  const titleRows = FORM_LAYOUT.groupRow + 10;
  const fromTitles = (caption: string, text: (v: RawValue) => string) =>
    titled
      .map((s) => captionValue(s, caption, titleRows))
      .filter((f): f is Found<RawValue> => f !== null && !isBlank(f.value))
      .map((f) => ({ where: at(f), value: text(f.value) }));
  const metaText = (key: string, text: (v: RawValue) => string = plainText) => {
    const v = meta.get(key) ?? null;
    return isBlank(v) ? '' : text(v);
  };
  const firstSheet = titled[0].name;
  const unitCode = agree(
    { vi: 'Mã đơn vị báo cáo', en: 'Reporting unit codes' },
    [...fromTitles(TITLE_CAPTIONS.unitCode, unitCodeOf), { where: metaWhere, value: metaText('unit_code', unitCodeOf) }],
    firstSheet,
    issues,
  );
  const period = agree(
    { vi: 'Kỳ báo cáo', en: 'Periods' },
    [...fromTitles(TITLE_CAPTIONS.periodCode, periodText), { where: metaWhere, value: metaText('period', periodText) }],
    firstSheet,
    issues,
  ).toUpperCase();
  const dateSheet = formSheets.get('F03') ?? titled[0];
  const reportDate = readReportDate(captionValue(dateSheet, TITLE_CAPTIONS.reportDate, titleRows), meta.get('report_date') ?? null, issues);

  // Sheets the period calls for (the targets sheet is rule V15's).
  const expected: FormId[] = isPeriodCode(period) ? formsOf(parsePeriod(period)) : ['F03'];
  for (const id of expected) {
    if (formSheets.has(id)) continue;
    issues.push(
      fileIssue('L01', 'error', {
        vi: `Thiếu trang tính "${FORMS[id].sheetName}"${isPeriodCode(period) ? ` (bắt buộc trong báo cáo kỳ ${period})` : ''}`,
        en: `Missing sheet "${FORMS[id].sheetName}"${isPeriodCode(period) ? ` (required in a ${period} report)` : ''}`,
      }),
    );
  }

  const forms: Submission['forms'] = {};
  for (const [id, sheet] of formSheets) {
    const table = readFormSheet(sheet, FORMS[id], issues);
    if (table) forms[id] = table;
  }
  // The first total row found (a sheet may have lost its own).
  const totalled = [forms.F03, forms.F04].find((t) => t?.total);
  const totalCode = totalled?.total?.unitCode ?? '';
  if (totalled && totalCode && unitCode && totalCode !== unitCode) {
    issues.push(
      cellIssue('L11', 'error', totalled.sheetName, totalled.total!.sheetRow, FORM_LAYOUT.codeColumn, {
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
    targets: targetsSheet ? readTargetsSheet(targetsSheet, issues) : null,
    ...(targetsSheet ? { targetsSheetName: targetsSheet.name } : {}),
    overrideReason: metaText('override_reason') || null,
  };
  return { submission, issues };
}
