/**
 * `national_<P>.xlsx`: the same Form 03/04 and targets layout one level up — one row per
 * province (its total row), the national total as the template's SUM formulas — written by the
 * shared workbook model, plus a `Chỉ tiêu` sheet with N01–N14 for the nation and every province.
 */
import { FORMS, TARGET_CODES, type FormId, type TargetCode } from '../../core/forms';
import { INDICATOR_BY_ID, type IndicatorValue } from '../../core/indicators';
import { buildWorkbookModel, templateColumns, TEMPLATE_TARGET_COLUMNS, FORM_LAYOUT, META_SHEET, spreadsheetSum, targetRowOf, type CellModel, type SheetModel } from '../../core/layout';
import { formsOf, hasTargets, periodLabel, type Period } from '../../core/periods';
import type { FormRow, Submission, TargetRow } from '../../core/submission';
import type { TargetTable } from '../../core/targets';
import { NATIONAL_CODE, NATIONAL_UNIT, type UnitRegistry } from '../../core/units';
import { writeWorkbook } from '../../core/xlsx';
import { TARGET_COLUMNS, TARGETS_FORM } from '../warehouse/schema';
import type { TotalValue } from '../warehouse/queries';

/** The provinces' sum; blank when none reported. */
function sumOrNull(values: (number | null)[]): number | null {
  const s = spreadsheetSum(values);
  return s && s.numbers > 0 ? s.sum : null;
}

/**
 * The national submission: each province's totals on its row, blank where it reported nothing.
 * `reportDate` is the latest report date among the provinces' reports (what the data is as of).
 */
export function nationalSubmission(registry: UnitRegistry, period: Period, totals: readonly TotalValue[], reportDate: string | null): Submission {
  const provinces = registry.reportRows(NATIONAL_CODE, period);
  const byCell = new Map(totals.map((t) => [`${t.unitCode}|${t.form}|${t.rowCode}|${t.column}`, t.value]));
  const value = (unit: string, form: string, rowCode: string, column: number) => byCell.get(`${unit}|${form}|${rowCode}|${column}`) ?? null;
  const forms: Submission['forms'] = {};
  for (const form of formsOf(period)) {
    const width = FORMS[form].columns.length;
    const rows: FormRow[] = provinces.map((p, i) => ({
      unitCode: p.code,
      unitName: p.name,
      sheetRow: FORM_LAYOUT.firstDataRow + i,
      values: Array.from({ length: width }, (_, c) => value(p.code, form, p.code, c + 1)),
    }));
    const total: FormRow = {
      unitCode: NATIONAL_CODE,
      unitName: NATIONAL_UNIT.name,
      sheetRow: FORM_LAYOUT.firstDataRow + rows.length,
      values: Array.from({ length: width }, (_, c) => sumOrNull(rows.map((r) => r.values[c] as number | null))),
    };
    forms[form as FormId] = { form, sheetName: FORMS[form].sheetName, columns: templateColumns(FORMS[form]), rows, total };
  }
  const targets = hasTargets(period)
    ? TARGET_CODES.map((code): TargetRow => {
        // Over the provinces that reported both sides, as the indicators N01–N06 count them, so
        // the sheet's % equals indicators.csv; T7 is a count alone.
        const both = code === 'T7' ? provinces : provinces.filter((p) => value(p.code, TARGETS_FORM, code, TARGET_COLUMNS.total) !== null && value(p.code, TARGETS_FORM, code, TARGET_COLUMNS.achieved) !== null);
        const field = (column: number) => sumOrNull(both.map((p) => value(p.code, TARGETS_FORM, code, column)));
        return { code, sheetRow: targetRowOf(code), total: field(TARGET_COLUMNS.total), achieved: field(TARGET_COLUMNS.achieved), columns: TEMPLATE_TARGET_COLUMNS };
      })
    : null;
  return { unitCode: NATIONAL_CODE, period: period.code, reportDate, forms, targets, overrideReason: null };
}

function indicatorCell(v: IndicatorValue | undefined, percent: boolean): CellModel {
  return { value: v?.value ?? null, style: percent ? 'percent' : 'ratio' };
}

/**
 * `Chỉ tiêu`: a row per unit (the nation first), a column per indicator, the targets above.
 * `nameOf` names a unit code of the indicators (a province, or a successor grouping).
 */
export function indicatorsSheet(period: Period, values: readonly IndicatorValue[], nameOf: (code: string) => string): SheetModel {
  const ids = [...new Set(values.map((v) => v.indicator))];
  const units = [...new Set(values.map((v) => v.unitCode))];
  const label = periodLabel(period);
  const firstColumn = 3;
  const header: CellModel[] = [
    { value: 'Mã đơn vị', style: 'header' },
    { value: 'Đơn vị', style: 'header' },
    ...ids.map((id): CellModel => ({ value: `${id}. ${INDICATOR_BY_ID[id].label.vi}`, style: 'header' })),
  ];
  const targetRow: CellModel[] = [
    { value: '', style: 'totalLabel' },
    { value: 'Mục tiêu', style: 'totalLabel' },
    ...ids.map((id): CellModel => {
      const target = values.find((v) => v.indicator === id)?.target ?? null;
      return { value: target, style: INDICATOR_BY_ID[id].unit === 'percent' ? 'target' : 'targetCount' };
    }),
  ];
  const unitRows = units.map((code): CellModel[] => [
    { value: code, style: code === NATIONAL_CODE ? 'totalLabel' : 'unit' },
    { value: code === NATIONAL_CODE ? NATIONAL_UNIT.name : nameOf(code), style: code === NATIONAL_CODE ? 'totalLabel' : 'unit' },
    ...ids.map((id) => indicatorCell(values.find((v) => v.unitCode === code && v.indicator === id), INDICATOR_BY_ID[id].unit === 'percent')),
  ]);
  const title: CellModel[] = [{ value: `CHỈ TIÊU TRUYỀN THÔNG — ${label.vi.toLocaleUpperCase('vi')}`, style: 'title' }];
  const note: CellModel[] = [
    { value: 'Tỷ lệ tính bằng tổng tử số / tổng mẫu số của các đơn vị có báo cáo (không lấy bình quân các tỷ lệ). Số liệu đầy đủ: indicators.csv.', style: 'note' },
  ];
  const lastColumn = firstColumn + ids.length - 1;
  return {
    name: 'Chỉ tiêu',
    state: 'visible',
    cells: [title, [], header, targetRow, ...unitRows, [], note],
    merges: [{ top: 1, left: 1, bottom: 1, right: lastColumn }],
    columnWidths: [10, 30, ...ids.map(() => 16)],
    rowHeights: [{ row: 3, height: 90 }],
    frozen: { rows: 4, columns: 2 },
    validations: [],
    unlocked: [],
    greyed: [],
    protect: false,
    print: { orientation: 'landscape', paperSize: 'A4', fitToWidth: true, titleRows: '3:4' },
  };
}

export interface NationalWorkbookInput {
  registry: UnitRegistry;
  targets: TargetTable;
  period: Period;
  totals: readonly TotalValue[];
  reportDate: string | null;
  indicators: readonly IndicatorValue[];
  /** Names the unit codes of the indicators. */
  nameOf: (code: string) => string;
}

export async function nationalWorkbook(input: NationalWorkbookInput): Promise<Uint8Array> {
  const { registry, targets, period } = input;
  const submission = nationalSubmission(registry, period, input.totals, input.reportDate);
  const model = buildWorkbookModel({
    registry,
    unitCode: NATIONAL_CODE,
    period,
    submission,
    // T7's target is per province (N07); the nation's is that times the provinces reporting it.
    targetOf: (code: TargetCode) => {
      const perUnit = targets.targetOfRow(code, period);
      if (code !== 'T7' || perUnit === null) return perUnit;
      const reporting = submission.targets ? provincesReporting(input.totals, 'T7') : 0;
      return perUnit * reporting;
    },
  });
  const metaAt = model.sheets.findIndex((s) => s.name === META_SHEET);
  model.sheets.splice(metaAt < 0 ? model.sheets.length : metaAt, 0, indicatorsSheet(period, input.indicators, input.nameOf));
  return writeWorkbook(model);
}

/** Provinces whose current submission reported the target row's achieved count. */
function provincesReporting(totals: readonly TotalValue[], code: TargetCode): number {
  return new Set(totals.filter((t) => t.form === TARGETS_FORM && t.rowCode === code && t.column === TARGET_COLUMNS.achieved).map((t) => t.unitCode)).size;
}
