/**
 * The workbook of one report (docs/FORMS.md "Workbook layout") as plain data: sheets, cells, styles,
 * merges, validations, protection and print setup. Two adapters render it — ExcelJS
 * (core/xlsx, files) and Office.js (the add-in, live sheets) — and the reader (core/reader)
 * uses the same row and column constants, so the layout is described exactly once.
 */
import { FORMS, TARGETS, TARGETS_SHEET, type FormDef, type TargetCode, type Text } from './forms';
import { formsOf, hasTargets, periodLabel, type Period } from './periods';
import { cellAddress, columnLetter, type FormTable, type TableColumns, type RawValue, type Submission, type TargetRow } from './submission';
import { isOfficeCode, NATIONAL_CODE, NATIONAL_UNIT, type Unit, type UnitRegistry } from './units';

// ---------------------------------------------------------------------------------------------
// Model types

/**
 * Closed set of cell looks; `CELL_STYLES` says what each one means, so both adapters render
 * the same thing.
 * - `issuer`: issuing body, top left · `formName`: `Mẫu 03`, top right · `title`, `subtitle`
 * - `label`: title-block caption (`Ngày báo cáo:`) · `meta`: title-block value (name, codes)
 * - `date`: the editable report date · `header`: column headings · `columnNumber`: `(1)` row
 * - `unit`: STT, unit code and name cells · `input`: editable whole number
 * - `greyed`: provincial-only column on a local-office row (editable, but expected blank)
 * - `totalLabel`, `total`: the `Tổng cộng` row · `percent`: computed share · `ratio`: computed ratio
 * - `target`, `targetCount`: national target (fraction shown as %, or a count), read-only
 * - `note`: footnotes and the signature block
 */
export type CellStyle =
  | 'issuer'
  | 'formName'
  | 'title'
  | 'subtitle'
  | 'label'
  | 'meta'
  | 'date'
  | 'header'
  | 'columnNumber'
  | 'unit'
  | 'input'
  | 'greyed'
  | 'totalLabel'
  | 'total'
  | 'percent'
  | 'ratio'
  | 'target'
  | 'targetCount'
  | 'note';

/**
 * A cell. `value` is a `RawValue`: dates are `Date`s at UTC midnight of the calendar day, errors
 * `{ error: '#REF!' }` (only ever written back from a submission that carried one).
 */
export interface CellModel {
  value?: RawValue;
  /** Formula without the leading `=`, in English function names (`SUM(D10:D20)`). */
  formula?: string;
  /** Cached result where it can be computed here; spreadsheets recalculate on load anyway. */
  result?: number | string;
  style?: CellStyle;
}

/** 1-based, inclusive. */
export interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface ValidationModel {
  /** A1 range, e.g. `D10:W22`. */
  range: string;
  /** Whole numbers min..max, blank allowed. */
  min: number;
  max: number;
  errorTitle: string;
  error: string;
  promptTitle: string;
  prompt: string;
}

export interface SheetModel {
  name: string;
  state: 'visible' | 'veryHidden';
  /** Row-major from A1; null = empty cell. Rows may be shorter than others. */
  cells: (CellModel | null)[][];
  merges: MergeRange[];
  /** Character widths, index 0 = column A. */
  columnWidths: number[];
  /** Heights in points of rows that need more than the default (wrapped headings). */
  rowHeights: { row: number; height: number }[];
  frozen: { rows: number; columns: number };
  validations: ValidationModel[];
  /** A1 ranges users may edit when the sheet is protected. */
  unlocked: string[];
  /** A1 ranges shown grey: provincial-only columns on local-office rows (docs/FORMS.md "Prov."). */
  greyed: string[];
  /** Protect the sheet (no password: it guards against slips, not people). */
  protect: boolean;
  print: { orientation: 'landscape'; paperSize: 'A4'; fitToWidth: true; titleRows: string };
}

export interface WorkbookModel {
  sheets: SheetModel[];
}

// ---------------------------------------------------------------------------------------------
// Styles, as plain data for both adapters

export interface StyleSpec {
  bold?: boolean;
  italic?: boolean;
  /** Points; default `BASE_FONT.size`. */
  size?: number;
  horizontal?: 'left' | 'center' | 'right';
  vertical?: 'top' | 'middle' | 'bottom';
  wrap?: boolean;
  /** Thin border on all four sides. */
  border?: boolean;
  /** Background, `RRGGBB`. */
  fill?: string;
  /** Font colour, `RRGGBB`. */
  color?: string;
  /** Excel number format code. */
  numberFormat?: string;
}

export const BASE_FONT = { name: 'Times New Roman', size: 12 } as const;

const HEADER_FILL = 'DDEBF7';
const INPUT_FILL = 'FFFFFF';
const GREY_FILL = 'D9D9D9';
const TOTAL_FILL = 'F2F2F2';
const COUNT_FORMAT = '#,##0';

export const CELL_STYLES: Record<CellStyle, StyleSpec> = {
  issuer: { bold: true, horizontal: 'center', vertical: 'middle', wrap: true },
  formName: { bold: true, italic: true, horizontal: 'right' },
  title: { bold: true, size: 14, horizontal: 'center', vertical: 'middle' },
  subtitle: { italic: true, horizontal: 'center' },
  label: { bold: true, horizontal: 'right' },
  meta: { horizontal: 'left', numberFormat: '@' },
  date: { horizontal: 'center', border: true, fill: INPUT_FILL, numberFormat: 'dd/mm/yyyy', color: '1F4E79' },
  header: { bold: true, horizontal: 'center', vertical: 'middle', wrap: true, border: true, fill: HEADER_FILL, size: 11 },
  columnNumber: { italic: true, horizontal: 'center', border: true, fill: HEADER_FILL, size: 10 },
  unit: { vertical: 'middle', wrap: true, border: true, numberFormat: '@' },
  input: { horizontal: 'right', border: true, fill: INPUT_FILL, numberFormat: COUNT_FORMAT },
  greyed: { horizontal: 'right', border: true, fill: GREY_FILL, numberFormat: COUNT_FORMAT },
  totalLabel: { bold: true, border: true, fill: TOTAL_FILL, numberFormat: '@' },
  total: { bold: true, horizontal: 'right', border: true, fill: TOTAL_FILL, numberFormat: COUNT_FORMAT },
  percent: { horizontal: 'right', border: true, fill: TOTAL_FILL, numberFormat: '0.0%' },
  ratio: { horizontal: 'right', border: true, fill: TOTAL_FILL, numberFormat: '#,##0.00' },
  target: { horizontal: 'right', border: true, fill: TOTAL_FILL, numberFormat: '0%' },
  targetCount: { horizontal: 'right', border: true, fill: TOTAL_FILL, numberFormat: 'General' },
  note: { italic: true, size: 11 },
};

// ---------------------------------------------------------------------------------------------
// Layout constants shared by the writer, the reader and the add-in

/** Rows and columns of the `Mẫu 03` / `Mẫu 04` sheets. */
export const FORM_LAYOUT = {
  issuerRow: 1,
  titleRow: 2,
  subtitleRow: 3,
  unitRow: 4,
  periodRow: 5,
  reportDateRow: 6,
  groupRow: 7,
  labelRow: 8,
  /** The `A`, `B`, `C`, `(1)`, `(2)`, … row, directly above the first data row. */
  numberRow: 9,
  firstDataRow: 10,
  sttColumn: 1,
  codeColumn: 2,
  nameColumn: 3,
  firstDataColumn: 4,
} as const;

/** Title-block cells, the same on every sheet: a caption, then its value to the right. */
export const TITLE_BLOCK = {
  captionColumn: 1,
  valueColumn: 3,
  codeCaptionColumn: 4,
  codeValueColumn: 6,
  /** The one editable report-date cell (on `Mẫu 03`; the other sheets show it by formula). */
  reportDate: { row: FORM_LAYOUT.reportDateRow, column: 3 },
  unitCode: { row: FORM_LAYOUT.unitRow, column: 6 },
  periodCode: { row: FORM_LAYOUT.periodRow, column: 6 },
} as const;

/** Captions of the title block; the reader finds values by these, not by position. */
export const TITLE_CAPTIONS = {
  unitName: 'Đơn vị báo cáo:',
  unitCode: 'Mã đơn vị:',
  periodLabel: 'Kỳ báo cáo:',
  periodCode: 'Mã kỳ báo cáo:',
  reportDate: 'Ngày báo cáo:',
} as const;

/** Text of the total row's name cell. */
export const TOTAL_LABEL = 'Tổng cộng';

/** Rows and columns of the `Mục tiêu` sheet. */
export const TARGETS_LAYOUT = {
  headerRow: 7,
  /** T1 is on this row, T2 below it, … T7. */
  firstRow: 8,
  codeColumn: 1,
  labelColumn: 2,
  totalColumn: 3,
  achievedColumn: 4,
  percentColumn: 5,
  targetColumn: 6,
} as const;

/** The very-hidden sheet that identifies the file without guessing from its name. */
export const META_SHEET = '_meta';
export const META_KEYS = ['unit_code', 'period', 'report_date', 'form_version', 'override_reason', 'generator'] as const;
export type MetaKey = (typeof META_KEYS)[number];

/** Bumped whenever the layout changes in a way a reader must know about. */
export const FORM_VERSION = '2026.1';
export const DEFAULT_GENERATOR = 'bhxh-truyen-thong';

/** Value limits of rule V01, also enforced as data validation in the sheets. */
export const VALUE_MIN = 0;
export const VALUE_MAX = 10_000_000;

/** Sheet column of form column number `no` (1-based): `(1)` is D. */
export function dataColumn(no: number): number {
  return FORM_LAYOUT.firstDataColumn + no - 1;
}

/** Where the template puts a form's columns, for tables built in code (national, samples). */
export function templateColumns(form: FormDef): TableColumns {
  return { code: FORM_LAYOUT.codeColumn, name: FORM_LAYOUT.nameColumn, data: form.columns.map((c) => dataColumn(c.no)) };
}

/** Where the template puts a target row's cells. */
export const TEMPLATE_TARGET_COLUMNS = {
  code: TARGETS_LAYOUT.codeColumn,
  total: TARGETS_LAYOUT.totalColumn,
  achieved: TARGETS_LAYOUT.achievedColumn,
} as const;

/** Sheet row of the total for a table of `unitCount` unit rows. */
export function totalRowOf(unitCount: number): number {
  return FORM_LAYOUT.firstDataRow + unitCount;
}

/** Sheet row of a target code. */
export function targetRowOf(code: TargetCode): number {
  return TARGETS_LAYOUT.firstRow + TARGETS.findIndex((t) => t.code === code);
}

/** `(3)`: the text of a column number in the number row. */
export function columnNumberText(no: number): string {
  return `(${no})`;
}

/** The template's total formula for a column over unit rows first..last (`SUM(D10:D20)`). */
export function sumFormula(column: number, firstRow: number, lastRow: number): string {
  const c = columnLetter(column);
  return `SUM(${c}${firstRow}:${c}${lastRow})`;
}

export function rangeAddress(top: number, left: number, bottom: number, right: number): string {
  const a = cellAddress(top, left);
  const b = cellAddress(bottom, right);
  return a === b ? a : `${a}:${b}`;
}

export const DAY_MS = 86_400_000;
/** Excel's day 0 in the 1900 date system, as used by every file this project meets. */
export const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** ISO `YYYY-MM-DD` → the spreadsheet's serial day number (what a date cell stores). */
export function excelSerial(iso: string): number {
  return (dateOfIso(iso).getTime() - EXCEL_EPOCH_MS) / DAY_MS;
}

/** ISO `YYYY-MM-DD` → Date at UTC midnight (how report dates travel in cells). */
export function dateOfIso(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

// ---------------------------------------------------------------------------------------------
// Building the model

export class LayoutError extends Error {}

export interface WorkbookOptions {
  registry: UnitRegistry;
  unitCode: string;
  period: Period;
  /** ISO date; defaults to the submission's. */
  reportDate?: string | null;
  /** Values to fill in; without it the workbook is a blank template. */
  submission?: Submission | null;
  /** Target shown in `Mục tiêu` column F (a fraction for T1–T6, a count for T7). */
  targetOf?: (code: TargetCode) => number | null;
  overrideReason?: string | null;
  generator?: string;
}

/** A unit row of a form sheet: the unit, and whether provincial-only columns are greyed. */
interface RowUnit {
  code: string;
  name: string;
  local: boolean;
}

interface Context {
  unit: { code: string; name: string };
  period: Period;
  reportDate: string | null;
  rows: RowUnit[];
}

export function buildWorkbookModel(opts: WorkbookOptions): WorkbookModel {
  const { registry, unitCode, period, submission } = opts;
  const unit = registry.find(unitCode, period);
  if (!unit && !submission) {
    throw new LayoutError(
      `Mã đơn vị "${unitCode}" không có trong danh mục kỳ ${period.code} / Unit code "${unitCode}" is not valid for period ${period.code}`,
    );
  }
  const ctx: Context = {
    unit: { code: unitCode, name: unit ? reportingUnitName(unit) : unitCode },
    period,
    reportDate: opts.reportDate ?? submission?.reportDate ?? null,
    rows: reportRowsOf(registry.reportRows(unitCode, period), submission),
  };
  const sheets = formsOf(period).map((form) => formSheet(ctx, FORMS[form], submission?.forms[form] ?? null, form === 'F03'));
  if (hasTargets(period)) sheets.push(targetsSheet(ctx, submission?.targets ?? null, opts.targetOf ?? (() => null)));
  sheets.push(
    metaSheet({
      unit_code: unitCode,
      period: period.code,
      report_date: ctx.reportDate ?? '',
      form_version: FORM_VERSION,
      override_reason: opts.overrideReason ?? submission?.overrideReason ?? '',
      generator: opts.generator ?? DEFAULT_GENERATOR,
    }),
  );
  return { sheets };
}

/** How the reporting unit names itself: provinces are listed by place name (`Quảng Ngãi`). */
export function reportingUnitName(unit: Unit): string {
  return unit.level === 'province' ? `BHXH ${unit.name}` : unit.name;
}

/** The issuing body, top left: the national office, then the province's office under it. */
function issuerOf(ctx: Context): string {
  const national = NATIONAL_UNIT.name.toLocaleUpperCase('vi');
  return ctx.unit.code === NATIONAL_CODE ? national : `${national}\n${ctx.unit.name.toLocaleUpperCase('vi')}`;
}

/**
 * The registry's rows in its order, then any unit a submission carries that the registry does
 * not know (so writing a submission back never drops data; rule V14 judges such codes).
 */
function reportRowsOf(units: Unit[], submission: Submission | null | undefined): RowUnit[] {
  const rows: RowUnit[] = units.map((u) => ({ code: u.code, name: u.name, local: u.level === 'local' }));
  const known = new Set(rows.map((r) => r.code));
  for (const form of Object.values(submission?.forms ?? {})) {
    for (const r of form?.rows ?? []) {
      if (known.has(r.unitCode)) continue;
      known.add(r.unitCode);
      rows.push({ code: r.unitCode, name: r.unitName, local: r.unitCode.length === 4 && !isOfficeCode(r.unitCode) });
    }
  }
  return rows;
}

/** A row-major grid that grows as cells are set. */
class Grid {
  readonly cells: (CellModel | null)[][] = [];
  readonly merges: MergeRange[] = [];

  set(row: number, column: number, cell: CellModel): void {
    const r = (this.cells[row - 1] ??= []);
    while (r.length < column - 1) r.push(null);
    r[column - 1] = cell;
  }

  merge(top: number, left: number, bottom: number, right: number, cell: CellModel): void {
    this.set(top, left, cell);
    // Border the covered cells too, so merged bordered headings draw their full outline.
    for (let r = top; r <= bottom; r++) {
      for (let c = left; c <= right; c++) if (r !== top || c !== left) this.set(r, c, { style: cell.style });
    }
    if (bottom > top || right > left) this.merges.push({ top, left, bottom, right });
  }

  /** Fills holes with null so every row is a dense array. */
  dense(): (CellModel | null)[][] {
    return Array.from({ length: this.cells.length }, (_, i) => Array.from(this.cells[i] ?? [], (c) => c ?? null));
  }
}

const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);

/** Rows 1–6: issuer, form name, title, subtitle, unit, period, report date. */
function titleBlock(g: Grid, ctx: Context, formName: string, title: string, lastColumn: number, dateIsInput: boolean): void {
  const L = FORM_LAYOUT;
  const T = TITLE_BLOCK;
  g.merge(L.issuerRow, 1, L.issuerRow, 3, { value: issuerOf(ctx), style: 'issuer' });
  g.set(L.issuerRow, lastColumn, { value: formName, style: 'formName' });
  g.merge(L.titleRow, 1, L.titleRow, lastColumn, { value: title, style: 'title' });
  g.merge(L.subtitleRow, 1, L.subtitleRow, lastColumn, {
    value: `(Kèm theo báo cáo công tác thông tin, truyền thông ${lowerFirst(periodLabel(ctx.period).vi)})`,
    style: 'subtitle',
  });
  const caption = (row: number, text: string) => g.merge(row, T.captionColumn, row, T.valueColumn - 1, { value: text, style: 'label' });
  const codeCaption = (row: number, text: string) => g.merge(row, T.codeCaptionColumn, row, T.codeValueColumn - 1, { value: text, style: 'label' });
  caption(L.unitRow, TITLE_CAPTIONS.unitName);
  g.set(L.unitRow, T.valueColumn, { value: ctx.unit.name, style: 'meta' });
  codeCaption(L.unitRow, TITLE_CAPTIONS.unitCode);
  g.set(T.unitCode.row, T.unitCode.column, { value: ctx.unit.code, style: 'meta' });
  caption(L.periodRow, TITLE_CAPTIONS.periodLabel);
  g.set(L.periodRow, T.valueColumn, { value: periodLabel(ctx.period).vi, style: 'meta' });
  codeCaption(L.periodRow, TITLE_CAPTIONS.periodCode);
  g.set(T.periodCode.row, T.periodCode.column, { value: ctx.period.code, style: 'meta' });
  caption(L.reportDateRow, TITLE_CAPTIONS.reportDate);
  // A well-formed date becomes a real date cell; anything else is shown as found, for V14 to judge.
  const date = ctx.reportDate && /^\d{4}-\d{2}-\d{2}$/.test(ctx.reportDate) ? dateOfIso(ctx.reportDate) : ctx.reportDate;
  g.set(
    T.reportDate.row,
    T.reportDate.column,
    dateIsInput
      ? { value: date, style: 'date' }
      : // Shown, not typed twice: the other sheets follow the one date cell on `Mẫu 03`. The
        // cached result lets tools that do not recalculate see the date too.
        {
          formula: `IF('${FORMS.F03.sheetName}'!${REPORT_DATE_CELL}="","",'${FORMS.F03.sheetName}'!${REPORT_DATE_CELL})`,
          result: date instanceof Date ? excelSerial(ctx.reportDate!) : (date ?? ''),
          style: 'date',
        },
  );
}

const REPORT_DATE_CELL = cellAddress(TITLE_BLOCK.reportDate.row, TITLE_BLOCK.reportDate.column);

const DEFAULT_PRINT = { orientation: 'landscape', paperSize: 'A4', fitToWidth: true } as const;

const VALUE_VALIDATION = {
  min: VALUE_MIN,
  max: VALUE_MAX,
  errorTitle: 'Giá trị không hợp lệ',
  error:
    'Chỉ nhập số nguyên từ 0 đến 10.000.000; để trống nếu không báo cáo. / Enter a whole number from 0 to 10,000,000, or leave blank.',
  promptTitle: 'Số liệu',
  prompt: 'Số nguyên ≥ 0. Để trống = không báo cáo; 0 = không có. / Whole number ≥ 0; blank = not reported.',
} as const;

function groupRuns(form: FormDef): { group: Text; first: number; last: number }[] {
  const runs: { group: Text; first: number; last: number }[] = [];
  for (const col of form.columns) {
    const prev = runs[runs.length - 1];
    if (prev && prev.group.vi === col.group.vi) prev.last = col.no;
    else runs.push({ group: col.group, first: col.no, last: col.no });
  }
  return runs;
}

/**
 * A column summed as the spreadsheet's SUM does (text and blanks ignored), with how many numbers
 * it added; null when an error value is among them (SUM then shows the error).
 */
export function spreadsheetSum(values: readonly RawValue[]): { sum: number; numbers: number } | null {
  let sum = 0;
  let numbers = 0;
  for (const v of values) {
    // Dates may come from another realm (a worker, a test sandbox), so not `instanceof Date`.
    if (v !== null && typeof v === 'object' && Object.prototype.toString.call(v) !== '[object Date]') return null;
    if (typeof v === 'number') (sum += v), numbers++;
  }
  return { sum, numbers };
}

/** The cached result of a total: none for an empty column (a blank template carries no zeros to trust). */
function cachedSum(values: RawValue[]): number | undefined {
  const s = spreadsheetSum(values);
  return s && s.numbers > 0 ? s.sum : undefined;
}

function formSheet(ctx: Context, form: FormDef, table: FormTable | null, dateIsInput: boolean): SheetModel {
  const L = FORM_LAYOUT;
  const g = new Grid();
  const lastColumn = dataColumn(form.columns.length);
  const hasLocalRows = ctx.rows.some((r) => r.local);
  titleBlock(g, ctx, form.sheetName, form.title.vi, lastColumn, dateIsInput);

  // Headings: fixed columns span both heading rows; groups merge across their columns.
  const fixed: [number, string][] = [
    [L.sttColumn, 'STT'],
    [L.codeColumn, 'Mã đơn vị'],
    [L.nameColumn, 'Tên đơn vị'],
  ];
  for (const [column, text] of fixed) g.merge(L.groupRow, column, L.labelRow, column, { value: text, style: 'header' });
  for (const run of groupRuns(form)) {
    g.merge(L.groupRow, dataColumn(run.first), L.groupRow, dataColumn(run.last), { value: run.group.vi, style: 'header' });
  }
  for (const col of form.columns) {
    const mark = col.provincialOnly && hasLocalRows ? ' (*)' : '';
    g.set(L.labelRow, dataColumn(col.no), { value: col.label.vi + mark, style: 'header' });
  }
  ['A', 'B', 'C'].forEach((letter, i) => g.set(L.numberRow, i + 1, { value: letter, style: 'columnNumber' }));
  for (const col of form.columns) g.set(L.numberRow, dataColumn(col.no), { value: columnNumberText(col.no), style: 'columnNumber' });

  // Unit rows.
  const byCode = new Map((table?.rows ?? []).map((r) => [r.unitCode, r]));
  const columnValues: RawValue[][] = form.columns.map(() => []);
  ctx.rows.forEach((unit, i) => {
    const row = L.firstDataRow + i;
    const values = byCode.get(unit.code)?.values ?? [];
    g.set(row, L.sttColumn, { value: i + 1, style: 'unit' });
    g.set(row, L.codeColumn, { value: unit.code, style: 'unit' });
    g.set(row, L.nameColumn, { value: unit.name, style: 'unit' });
    for (const col of form.columns) {
      const value = values[col.no - 1] ?? null;
      const grey = unit.local && col.provincialOnly;
      columnValues[col.no - 1].push(value);
      g.set(row, dataColumn(col.no), { value, style: grey ? 'greyed' : 'input' });
    }
  });

  // Total row: the template's SUM, unless a submission carries a typed total (kept as found).
  const totalRow = totalRowOf(ctx.rows.length);
  const lastUnitRow = totalRow - 1;
  g.set(totalRow, L.sttColumn, { style: 'totalLabel' });
  g.set(totalRow, L.codeColumn, { value: ctx.unit.code, style: 'totalLabel' });
  g.set(totalRow, L.nameColumn, { value: TOTAL_LABEL, style: 'totalLabel' });
  for (const col of form.columns) {
    const column = dataColumn(col.no);
    const i = col.no - 1;
    if (table && table.totalIsSumFormula?.[i] === false && table.total) {
      g.set(totalRow, column, { value: table.total.values[i] ?? null, style: 'total' });
    } else if (ctx.rows.length === 0) {
      g.set(totalRow, column, { value: null, style: 'total' });
    } else {
      g.set(totalRow, column, { formula: sumFormula(column, L.firstDataRow, lastUnitRow), result: cachedSum(columnValues[i]), style: 'total' });
    }
  }

  // Footnote and signature block below the table (the reader stops at the total row).
  let row = totalRow + 2;
  if (hasLocalRows && form.columns.some((c) => c.provincialOnly)) {
    g.merge(row, 1, row, lastColumn, {
      value: '(*) Cột chỉ ghi ở hàng Văn phòng BHXH tỉnh; ô màu xám ở hàng BHXH cơ sở để trống.',
      style: 'note',
    });
    row++;
  }
  signatureBlock(g, row + 1, lastColumn);

  const dataRange = ctx.rows.length > 0 ? rangeAddress(L.firstDataRow, L.firstDataColumn, lastUnitRow, lastColumn) : null;
  return {
    name: form.sheetName,
    state: 'visible',
    cells: g.dense(),
    merges: g.merges,
    columnWidths: [6, 12, 34, ...form.columns.map(() => 13)],
    rowHeights: [
      { row: L.issuerRow, height: 32 },
      { row: L.titleRow, height: 24 },
      { row: L.groupRow, height: 36 },
      { row: L.labelRow, height: 96 },
    ],
    frozen: { rows: L.numberRow, columns: L.nameColumn },
    validations: dataRange ? [{ range: dataRange, ...VALUE_VALIDATION }] : [],
    unlocked: [...(dateIsInput ? [REPORT_DATE_CELL] : []), ...(dataRange ? [dataRange] : [])],
    greyed: greyedRanges(form, ctx.rows),
    protect: true,
    print: { ...DEFAULT_PRINT, titleRows: `${L.groupRow}:${L.numberRow}` },
  };
}

/** Provincial-only columns × consecutive local-office rows, as few rectangles as possible. */
function greyedRanges(form: FormDef, rows: RowUnit[]): string[] {
  const ranges: string[] = [];
  for (let i = 0; i < rows.length; i++) {
    if (!rows[i].local) continue;
    let last = i;
    while (rows[last + 1]?.local) last++;
    for (const run of provincialRuns(form)) {
      ranges.push(rangeAddress(FORM_LAYOUT.firstDataRow + i, dataColumn(run.first), FORM_LAYOUT.firstDataRow + last, dataColumn(run.last)));
    }
    i = last;
  }
  return ranges;
}

/** Consecutive runs of provincial-only columns. */
function provincialRuns(form: FormDef): { first: number; last: number }[] {
  const runs: { first: number; last: number }[] = [];
  for (const col of form.columns) {
    if (!col.provincialOnly) continue;
    const prev = runs[runs.length - 1];
    if (prev && prev.last === col.no - 1) prev.last = col.no;
    else runs.push({ first: col.no, last: col.no });
  }
  return runs;
}

function signatureBlock(g: Grid, row: number, lastColumn: number): void {
  const right = Math.max(lastColumn - 4, 5);
  g.merge(row, 1, row, 3, { value: 'NGƯỜI LẬP BIỂU', style: 'issuer' });
  g.merge(row, right, row, lastColumn, { value: 'THỦ TRƯỞNG ĐƠN VỊ', style: 'issuer' });
  g.merge(row + 1, 1, row + 1, 3, { value: '(Ký, ghi rõ họ tên)', style: 'subtitle' });
  g.merge(row + 1, right, row + 1, lastColumn, { value: '(Ký tên, đóng dấu)', style: 'subtitle' });
}

function targetsSheet(ctx: Context, targets: TargetRow[] | null, targetOf: (code: TargetCode) => number | null): SheetModel {
  const T = TARGETS_LAYOUT;
  const g = new Grid();
  titleBlock(g, ctx, TARGETS_SHEET, 'KẾT QUẢ THỰC HIỆN CÁC MỤC TIÊU TRUYỀN THÔNG', T.targetColumn, false);
  const headers: [number, string][] = [
    [T.codeColumn, 'Mã'],
    [T.labelColumn, 'Chỉ tiêu'],
    [T.totalColumn, 'Tổng số'],
    [T.achievedColumn, 'Số đạt được'],
    [T.percentColumn, 'Tỷ lệ đạt'],
    [T.targetColumn, 'Mục tiêu'],
  ];
  for (const [column, text] of headers) g.set(T.headerRow, column, { value: text, style: 'header' });

  const byCode = new Map((targets ?? []).map((t) => [t.code, t]));
  const unlocked: string[] = [];
  for (const def of TARGETS) {
    const row = targetRowOf(def.code);
    const found = byCode.get(def.code);
    const countOnly = def.population === null;
    const label = countOnly ? def.label.vi : `${def.label.vi}\n(Tổng số: ${lowerFirst(def.population!.vi)})`;
    const total = found?.total ?? null;
    const achieved = found?.achieved ?? null;
    const target = targetOf(def.code);
    g.set(row, T.codeColumn, { value: def.code, style: 'unit' });
    g.set(row, T.labelColumn, { value: label, style: 'unit' });
    g.set(row, T.totalColumn, countOnly ? { value: total, style: 'greyed' } : { value: total, style: 'input' });
    g.set(row, T.achievedColumn, { value: achieved, style: 'input' });
    g.set(row, T.percentColumn, countOnly ? { style: 'percent' } : percentCell(row, total, achieved));
    g.set(row, T.targetColumn, { value: target, style: countOnly ? 'targetCount' : 'target' });
    unlocked.push(rangeAddress(row, countOnly ? T.achievedColumn : T.totalColumn, row, T.achievedColumn));
  }
  const lastRow = TARGETS_LAYOUT.firstRow + TARGETS.length - 1;
  g.merge(lastRow + 2, 1, lastRow + 2, T.targetColumn, {
    value: 'Tỷ lệ đạt = Số đạt được / Tổng số. Mục tiêu theo bảng mục tiêu quốc gia của năm báo cáo; T7 là số hội nghị (không có tổng số).',
    style: 'note',
  });
  return {
    name: TARGETS_SHEET,
    state: 'visible',
    cells: g.dense(),
    merges: g.merges,
    columnWidths: [6, 64, 14, 14, 12, 12],
    rowHeights: [
      { row: FORM_LAYOUT.issuerRow, height: 32 },
      { row: T.headerRow, height: 30 },
      ...TARGETS.filter((t) => t.population).map((t) => ({ row: targetRowOf(t.code), height: 48 })),
    ],
    frozen: { rows: T.headerRow, columns: T.labelColumn },
    validations: unlocked.map((range) => ({ range, ...VALUE_VALIDATION })),
    unlocked,
    greyed: [],
    protect: true,
    print: { ...DEFAULT_PRINT, titleRows: `${T.headerRow}:${T.headerRow}` },
  };
}

/** `achieved / total` when total > 0, else blank (computed here too, as a cached result). */
function percentCell(row: number, total: RawValue, achieved: RawValue): CellModel {
  const T = TARGETS_LAYOUT;
  const c = cellAddress(row, T.totalColumn);
  const d = cellAddress(row, T.achievedColumn);
  const formula = `IF(${c}>0,${d}/${c},"")`;
  const numeric = (v: RawValue) => v === null || typeof v === 'number';
  if (!numeric(total) || !numeric(achieved)) return { formula, style: 'percent' };
  const t = (total as number | null) ?? 0;
  return { formula, result: t > 0 ? ((achieved as number | null) ?? 0) / t : '', style: 'percent' };
}

function metaSheet(values: Record<MetaKey, string>): SheetModel {
  return {
    name: META_SHEET,
    state: 'veryHidden',
    cells: META_KEYS.map((key) => [{ value: key }, { value: values[key] }]),
    merges: [],
    columnWidths: [18, 40],
    rowHeights: [],
    frozen: { rows: 0, columns: 0 },
    validations: [],
    unlocked: [],
    greyed: [],
    protect: false,
    print: { ...DEFAULT_PRINT, titleRows: '' },
  };
}
