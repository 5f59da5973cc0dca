/** Builds the workbook model of a unit and period, blank (the template) or filled from a submission. */
import { FORMS, TARGETS, TARGETS_SHEET, type FormDef, type TargetCode, type Text } from '../forms';
import { dateOfIso, isIsoDate } from '../dates';
import { formsOf, hasTargets, periodLabel, type Period } from '../periods';
import { cellAddress, rangeAddress, serialOfDate, spreadsheetSum, type Rect } from '../spreadsheet';
import type { FormTable, RawValue, Submission, TargetRow } from '../submission';
import { isOfficeCode, NATIONAL_CODE, NATIONAL_UNIT, type Unit, type UnitRegistry } from '../units';
import type { CellModel, SheetModel, WorkbookModel } from './model';
import {
  columnNumberText,
  dataColumn,
  DEFAULT_GENERATOR,
  FORM_LAYOUT,
  FORM_VERSION,
  META_KEYS,
  META_SHEET,
  sumFormula,
  TARGETS_LAYOUT,
  targetRowOf,
  TITLE_BLOCK,
  TITLE_CAPTIONS,
  TOTAL_LABEL,
  totalRowOf,
  VALUE_MAX,
  VALUE_MIN,
  type MetaKey,
} from './positions';

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
function reportingUnitName(unit: Unit): string {
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
  readonly merges: Rect[] = [];

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
  // A real calendar date becomes a real date cell; anything else is shown as found, for V14 to judge.
  const date = isIsoDate(ctx.reportDate) ? dateOfIso(ctx.reportDate) : ctx.reportDate;
  g.set(
    T.reportDate.row,
    T.reportDate.column,
    dateIsInput
      ? { value: date, style: 'date' }
      : // Shown, not typed twice: the other sheets follow the one date cell on `Mẫu 03`. The
        // cached result lets tools that do not recalculate see the date too.
        {
          formula: `IF('${FORMS.F03.sheetName}'!${REPORT_DATE_CELL}="","",'${FORMS.F03.sheetName}'!${REPORT_DATE_CELL})`,
          result: date instanceof Date ? serialOfDate(date) : (date ?? ''),
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
