/**
 * Cell values between Office.js's whole-range arrays and the shared model: Excel hands back
 * `values`, `formulas`, `valueTypes` and `numberFormat` as parallel 2-D arrays; the reader wants
 * `{ value: RawValue, formula? }` cells, and writing wants one `formulas` array per sheet.
 */
import type { CellModel } from '../../core/layout';
import type { GridCell, GridSheet } from '../../core/reader';
import { neutraliseFormula } from '../../core/safe-text';
import { dateOfSerial, isDate, serialOfDate } from '../../core/spreadsheet';
import type { RawValue } from '../../core/submission';

export type OfficeScalar = string | number | boolean;

/** What the adapter loads for a sheet: Office's parallel arrays over the range from A1. */
export interface SheetArrays {
  name: string;
  visibility: string;
  values: OfficeScalar[][];
  formulas: OfficeScalar[][];
  valueTypes: string[][];
  numberFormat: string[][];
}

/** Number formats that show a date (`dd/mm/yyyy`, `m/d/yy`, `yyyy-mm-dd`…), not text or counts. */
export function isDateFormat(format: string): boolean {
  const bare = format.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  return /[dy]/i.test(bare) && !bare.includes('@');
}

const VISIBILITY: Record<string, GridSheet['state']> = { Visible: 'visible', Hidden: 'hidden', VeryHidden: 'veryHidden' };

/**
 * A text constant comes back from `formulas` as its text, without the apostrophe that kept
 * `=…` text: only a `formulas` entry that differs from the value shown is a formula.
 */
function gridCell(value: OfficeScalar, formula: OfficeScalar, type: string, numberFormat: string): GridCell {
  const f = typeof formula === 'string' && formula.startsWith('=') && formula !== value ? formula.slice(1) : undefined;
  let raw: RawValue;
  if (type === 'Empty' || value === '') raw = null;
  else if (type === 'Error') raw = { error: String(value) };
  else if (typeof value === 'number' && isDateFormat(numberFormat)) raw = dateOfSerial(value);
  else raw = value;
  if (raw === null && f === undefined) return null;
  return f === undefined ? { value: raw } : { value: raw, formula: f };
}

/** Office's arrays of one sheet as the reader's grid. */
export function gridOfArrays(a: SheetArrays): GridSheet {
  return {
    name: a.name,
    state: VISIBILITY[a.visibility] ?? 'visible',
    cells: a.values.map((row, r) => row.map((v, c) => gridCell(v, a.formulas[r][c], a.valueTypes[r][c], a.numberFormat[r][c]))),
  };
}

/** The scalar Excel's `formulas` array takes for a model cell: `=…` for a formula, serials for dates. */
export function formulaInput(cell: CellModel | null): OfficeScalar {
  if (!cell) return '';
  if (cell.formula !== undefined) return `=${cell.formula}`;
  return scalarInput(cell.value ?? null);
}

/**
 * A raw value as Excel input: blank as '', dates as serial numbers, errors as their text, and
 * text Excel would run as a formula (`=HYPERLINK(…)` typed in a local office's file) kept text.
 */
export function scalarInput(value: RawValue): OfficeScalar {
  if (value === null) return '';
  if (isDate(value)) return serialOfDate(value);
  if (typeof value === 'object') return value.error;
  return typeof value === 'string' ? neutraliseFormula(value) : value;
}
