/**
 * Where everything sits in a report workbook (docs/FORMS.md "Workbook layout"): the rows and
 * columns of the form and targets sheets, the title block and its captions, the metadata sheet.
 * The builder writes there and the reader, the rules and the add-in look there, so the layout is
 * described exactly once.
 */
import { TARGETS, type FormDef, type TargetCode } from '../forms';
import { columnLetter } from '../spreadsheet';
import type { TableColumns } from '../submission';

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
