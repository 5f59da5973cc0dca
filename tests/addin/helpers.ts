/** Shared fixtures of the add-in tests: registries of any size, model grids, filled submissions. */
import { FORMS, TARGETS, type FormId } from '../../core/forms';
import { templateColumns, TEMPLATE_TARGET_COLUMNS, type WorkbookModel } from '../../core/layout';
import type { GridCell, WorkbookGrids } from '../../core/reader';
import { formsOf, hasTargets, type Period } from '../../core/periods';
import type { RawValue, Submission } from '../../core/submission';
import { TargetTable } from '../../core/targets';
import { UnitRegistry, type Unit } from '../../core/units';
import { writeSubmissionWorkbook } from '../../core/xlsx';
import { loadRegistry, loadTargets } from '../../pipeline/reference';
import type { Reference } from '../../addin/workflows';

const unit = (code: string, name: string, level: Unit['level'], parentCode: string | null, communes: number | null = null): Unit => ({
  code,
  name,
  level,
  parentCode,
  validFrom: '2025-07-01',
  validTo: null,
  successorCode: null,
  communes,
  placeholder: false,
});

/** Province 51 with its own office and `locals` local offices (`51001`…): any number of rows. */
export function syntheticRegistry(locals: number): UnitRegistry {
  const units = [unit('51', 'Quảng Ngãi', 'province', null, 96), unit('5100', 'Văn phòng BHXH tỉnh', 'office', '51')];
  for (let i = 1; i <= locals; i++) units.push(unit(`51${String(i).padStart(3, '0')}`, `BHXH cơ sở số ${i}`, 'local', '51'));
  return new UnitRegistry(units);
}

export function syntheticReference(locals: number): Reference {
  return { registry: syntheticRegistry(locals), targets: new TargetTable([]) };
}

let real: Reference | null = null;
/** data/units.csv and data/targets.csv. */
export function realReference(): Reference {
  return (real ??= { registry: loadRegistry(), targets: loadTargets() });
}

/** The grids a spreadsheet would show for a model: formulas with their computed results. */
export function gridsOfModel(model: WorkbookModel): WorkbookGrids {
  return {
    sheets: model.sheets.map((s) => ({
      name: s.name,
      state: s.state,
      cells: s.cells.map((row) =>
        row.map((c): GridCell => {
          if (!c) return null;
          const value = (c.formula !== undefined ? (c.result ?? null) : (c.value ?? null)) as RawValue;
          return c.formula !== undefined ? { value: value === '' ? null : value, formula: c.formula } : value === null ? null : { value };
        }),
      ),
    })),
  };
}

/** A plausible, rule-abiding submission of every row the registry gives the unit. */
export function filledSubmission(registry: UnitRegistry, unitCode: string, period: Period, reportDate = `${period.year}-06-10`): Submission {
  const rows = registry.reportRows(unitCode, period);
  const forms: Submission['forms'] = {};
  for (const id of formsOf(period) as FormId[]) {
    const form = FORMS[id];
    forms[id] = {
      form: id,
      sheetName: form.sheetName,
      columns: templateColumns(form),
      rows: rows.map((u, i) => ({
        unitCode: u.code,
        unitName: u.name,
        sheetRow: 10 + i,
        values: form.columns.map((col) => (col.provincialOnly && u.level === 'local' ? null : plausible(id, col.no, i))),
      })),
      total: null,
    };
  }
  return {
    unitCode,
    period: period.code,
    reportDate,
    forms,
    targets: hasTargets(period) ? TARGETS.map((t, i) => ({ code: t.code, sheetRow: 8 + i, total: t.population ? 200 : null, achieved: t.population ? 150 : 12, columns: TEMPLATE_TARGET_COLUMNS })) : null,
  };
}

/** A local office's own workbook, holding the values of the second row of a filled provincial report. */
export async function localFile(ref: Reference, code: string, period: Period, reportDate = `${period.year}-06-12`): Promise<Uint8Array> {
  const sub = filledSubmission(ref.registry, '51', period, reportDate);
  const forms = Object.fromEntries(
    Object.entries(sub.forms).map(([id, t]) => {
      // A local office's own workbook: its single row, and the total that repeats it.
      const row = { ...t!.rows[1], unitCode: code, sheetRow: 10 };
      return [id, { ...t!, rows: [row], total: { ...row, sheetRow: 11 } }];
    }),
  );
  return writeSubmissionWorkbook({ ...sub, unitCode: code, forms, targets: null }, ref.registry);
}

/** Values that satisfy V02–V13: conferences 5, attendees 300, customer 2, small groups 4 → 30 people… */
function plausible(form: FormId, no: number, row: number): number {
  if (form === 'F03') {
    const byColumn: Record<number, number> = { 4: 5, 5: 300, 6: 2, 7: 4, 8: 30, 10: 2, 12: 40 };
    return byColumn[no] ?? (row % 7) + 1;
  }
  const byColumn: Record<number, number> = { 4: 3, 5: 6, 6: 1, 7: 20, 8: 30, 9: 10 };
  return byColumn[no] ?? (row % 5) + 1;
}
