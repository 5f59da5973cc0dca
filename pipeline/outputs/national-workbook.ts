/**
 * `national_<P>.xlsx`: the same Form 03/04 and targets layout one level up — one row per
 * province (its total row), the national total as the template's SUM formulas — written by the
 * shared workbook model, plus a `Chỉ tiêu` sheet with N01–N14 for the nation and every province.
 */
import { viDate } from '../../core/format';
import { FORMS, TARGET_CODES, TARGETS_SHEET, type FormId, type TargetCode } from '../../core/forms';
import { INDICATOR_BY_ID, type IndicatorValue } from '../../core/indicators';
import { buildWorkbookModel, templateColumns, TEMPLATE_TARGET_COLUMNS, FORM_LAYOUT, META_SHEET, targetRowOf, type CellModel, type SheetModel, type WorkbookModel } from '../../core/layout';
import { formsOf, hasTargets, periodLabel, type Period } from '../../core/periods';
import type { FormRow, Submission, TargetRow } from '../../core/submission';
import type { TargetTable } from '../../core/targets';
import { countStatuses, statusDetail, UNIT_STATUS_KINDS, UNIT_STATUS_TEXT, type UnitStatus } from '../../core/unit-status';
import { NATIONAL_CODE, NATIONAL_UNIT, type UnitRegistry } from '../../core/units';
import { spreadsheetSum } from '../../core/spreadsheet';
import { TARGET_COLUMNS, TARGETS_FORM } from '../warehouse/schema';
import type { TotalValue } from '../warehouse/queries';

/** The provinces' sum; blank when none reported. */
function sumOrNull(values: (number | null)[]): number | null {
  const s = spreadsheetSum(values);
  return s && s.numbers > 0 ? s.sum : null;
}

/**
 * The national submission: each province's totals on its row, blank where it reported nothing.
 * `reportDate` is the consolidation's date.
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

/**
 * `Tình trạng`: every expected province with its status, so that a blank row on `Mẫu 03` reads
 * as refused or missing, not as nothing done.
 */
function statusSheet(period: Period, statuses: readonly UnitStatus[]): SheetModel {
  const label = periodLabel(period);
  const header = ['Mã', 'Tỉnh, thành phố', 'Tình trạng', 'Status', 'Tệp được dùng', 'Ngày báo cáo', 'Chi tiết (lý do giải trình; quy tắc và ô bị từ chối)'].map(
    (value): CellModel => ({ value, style: 'header' }),
  );
  const rows = statuses.map((s): CellModel[] => {
    const t = UNIT_STATUS_TEXT[s.status];
    return [
      { value: s.unitCode, style: 'unit' },
      { value: s.unitName, style: 'unit' },
      { value: `${t.glyph} ${t.vi}`, style: 'unit' },
      { value: t.en, style: 'unit' },
      { value: s.current?.fileName ?? '', style: 'unit' },
      { value: s.current?.reportDate ? viDate(s.current.reportDate) : '', style: 'unit' },
      { value: statusDetail(s).vi, style: 'unit' },
    ];
  });
  const c = countStatuses(statuses);
  const counts = UNIT_STATUS_KINDS.map((k) => `${UNIT_STATUS_TEXT[k].vi}: ${c.byStatus[k]}`).join(' · ');
  return {
    name: STATUS_SHEET,
    state: 'visible',
    cells: [[{ value: `TÌNH TRẠNG BÁO CÁO CỦA CÁC TỈNH — ${label.vi.toLocaleUpperCase('vi')}`, style: 'title' }], [{ value: counts, style: 'note' }], header, ...rows],
    merges: [{ top: 1, left: 1, bottom: 1, right: header.length }],
    columnWidths: [6, 24, 26, 22, 26, 13, 80],
    rowHeights: [],
    frozen: { rows: 3, columns: 2 },
    validations: [],
    unlocked: [],
    greyed: [],
    protect: false,
    print: { orientation: 'landscape', paperSize: 'A4', fitToWidth: true, titleRows: '3:3' },
  };
}

export const STATUS_SHEET = 'Tình trạng';

export interface NationalWorkbookInput {
  registry: UnitRegistry;
  targets: TargetTable;
  period: Period;
  totals: readonly TotalValue[];
  /** The consolidation's own date (Vietnam time): the nation reports when it consolidates. */
  reportDate: string | null;
  /** Every expected province with its status (the `Tình trạng` sheet). */
  statuses: readonly UnitStatus[];
  indicators: readonly IndicatorValue[];
  /** Names the unit codes of the indicators. */
  nameOf: (code: string) => string;
}

export function nationalWorkbookModel(input: NationalWorkbookInput): WorkbookModel {
  const { registry, targets, period } = input;
  const submission = nationalSubmission(registry, period, input.totals, input.reportDate);
  const model = buildWorkbookModel({
    registry,
    unitCode: NATIONAL_CODE,
    period,
    submission,
    // The same targets as indicators.csv and `Chỉ tiêu`: T7's is per province, as N07 counts it.
    targetOf: (code: TargetCode) => targets.targetOfRow(code, period),
  });
  const targetsSheet = model.sheets.find((s) => s.name === TARGETS_SHEET);
  targetsSheet?.cells.push([{ value: T7_NATIONAL_NOTE, style: 'note' }]);
  const metaAt = model.sheets.findIndex((s) => s.name === META_SHEET);
  model.sheets.splice(metaAt < 0 ? model.sheets.length : metaAt, 0, indicatorsSheet(period, input.indicators, input.nameOf), statusSheet(period, input.statuses));
  return model;
}

const T7_NATIONAL_NOTE =
  'Toàn quốc: T7 là tổng số hội nghị của các tỉnh; mục tiêu T7 tính cho mỗi tỉnh, so với N07 (số hội nghị bình quân mỗi tỉnh có báo cáo) ở trang Chỉ tiêu.';
