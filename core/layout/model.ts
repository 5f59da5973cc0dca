/**
 * The workbook of one report as plain data: sheets, cells, styles, merges, validations,
 * protection and print setup. Two adapters render it — the file writer (core/xlsx/write) and Office.js
 * (the add-in, live sheets) — so both show the same workbook.
 */
import type { Rect } from '../spreadsheet';
import type { RawValue } from '../submission';

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
  merges: Rect[];
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
