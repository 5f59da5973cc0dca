/**
 * Province submissions for the pipeline tests, built from the registry with a seeded generator:
 * every value the tests assert on is derived from what is generated here, and every generated
 * report passes V01–V15 (the rules are linear, so totals of valid rows stay valid).
 */
import { FORMS, TARGET_CODES, type FormId } from '../../core/forms';
import { FORM_LAYOUT, TEMPLATE_TARGET_COLUMNS, templateColumns, targetRowOf, totalRowOf } from '../../core/layout';
import { formsOf, hasTargets, parsePeriod } from '../../core/periods';
import type { FormRow, FormTable, RawValue, Submission, TargetRow } from '../../core/submission';
import type { UnitRegistry } from '../../core/units';
import type { IngestedFile } from '../../pipeline/ingest/judge-file';
import { BatchLoader, type LoadOutcome } from '../../pipeline/warehouse/load';
import type { Warehouse } from '../../pipeline/warehouse/warehouse';

/** mulberry32: small, fast, deterministic. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const between = (rand: () => number, lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

/** One row's values for a form, consistent with the comparison rules. */
function rowValues(form: FormId, rand: () => number, isOffice: boolean, localOffices: number, months: number): (number | null)[] {
  const prov = FORMS[form].columns.map((c) => c.provincialOnly);
  const v: (number | null)[] = [];
  if (form === 'F03') {
    const conferences = between(rand, 0, 6) * months;
    v[0] = between(rand, 0, 3) * months;
    v[1] = between(rand, 0, 10);
    v[2] = between(rand, 0, 8);
    v[3] = conferences;
    v[4] = conferences * between(rand, 20, 80);
    v[5] = Math.floor(conferences * rand());
    const groups = between(rand, 0, 5) * months;
    v[6] = groups;
    v[7] = groups * between(rand, 5, 10);
    v[8] = between(rand, 0, 20) * months;
    v[9] = between(rand, 1, 3);
    v[10] = between(rand, 0, 2) * months;
    v[11] = between(rand, 0, 40) * months;
    v[12] = between(rand, 0, 100) * months;
    v[13] = between(rand, 0, 60) * months;
    v[14] = between(rand, 0, 500) * months;
    v[15] = between(rand, 20, 120) * months;
    v[16] = between(rand, 10, 40) * months;
    v[17] = between(rand, 0, 10) * months;
    v[18] = between(rand, 0, 2) * months;
    v[19] = between(rand, 1000, 9000) * months;
    // A blank here and there: not reported is not zero.
    if (rand() < 0.1) v[12] = null;
  } else {
    v[0] = between(rand, 0, 5);
    v[1] = between(rand, 0, 30);
    v[2] = between(rand, 0, 40);
    v[3] = between(rand, 0, 10);
    const visits = between(rand, 0, 12);
    v[4] = visits;
    v[5] = Math.min(visits, between(rand, 0, localOffices));
    const voluntary = between(rand, 0, 400);
    const household = between(rand, 0, 900);
    v[6] = voluntary;
    v[7] = household;
    v[8] = Math.floor((voluntary + household) * rand() * 0.5);
  }
  return v.map((x, i) => (prov[i] && !isOffice ? null : x));
}

function sumColumns(rows: FormRow[], width: number): (number | null)[] {
  return Array.from({ length: width }, (_, i) => {
    const nums = rows.map((r) => r.values[i]).filter((x): x is number => typeof x === 'number');
    return nums.length ? nums.reduce((a, b) => a + b, 0) : null;
  });
}

/** Sets the total row to the column sums of the unit rows (after a test changed some). */
export function recomputeTotal(table: FormTable): void {
  table.total!.values = sumColumns(table.rows, FORMS[table.form].columns.length);
}

function formTable(registry: UnitRegistry, unitCode: string, periodCode: string, form: FormId, rand: () => number): FormTable {
  const period = parsePeriod(periodCode);
  const units = registry.reportRows(unitCode, period);
  const localOffices = registry.localOfficeCount(unitCode, period);
  const months = period.kind === 'month' ? 1 : period.kind === 'half' ? 6 : 12;
  const rows: FormRow[] = units.map((u, i) => ({
    unitCode: u.code,
    unitName: u.name,
    sheetRow: FORM_LAYOUT.firstDataRow + i,
    values: rowValues(form, rand, u.level === 'office', localOffices, months),
  }));
  const total: FormRow = {
    unitCode,
    unitName: 'Tổng cộng',
    sheetRow: totalRowOf(units.length),
    values: sumColumns(rows, FORMS[form].columns.length),
  };
  return { form, sheetName: FORMS[form].sheetName, columns: templateColumns(FORMS[form]), rows, total };
}

function targetRows(registry: UnitRegistry, unitCode: string, rand: () => number): TargetRow[] {
  const province = registry.find(unitCode, '9999-12-31');
  return TARGET_CODES.map((code): TargetRow => {
    if (code === 'T7') return { code, sheetRow: targetRowOf(code), total: null, achieved: between(rand, 0, 15), columns: TEMPLATE_TARGET_COLUMNS };
    const total = code === 'T6' ? (province?.communes ?? between(rand, 50, 150)) : between(rand, 50, 5000);
    return { code, sheetRow: targetRowOf(code), total, achieved: Math.floor(total * rand()), columns: TEMPLATE_TARGET_COLUMNS };
  });
}

export interface FixtureOptions {
  reportDate: string;
  seed: number;
}

/** A complete, clean submission of a province for a period. */
export function provinceSubmission(registry: UnitRegistry, unitCode: string, periodCode: string, opts: FixtureOptions): Submission {
  const period = parsePeriod(periodCode);
  const rand = seededRandom(opts.seed);
  const forms: Submission['forms'] = {};
  for (const form of formsOf(period)) forms[form] = formTable(registry, unitCode, periodCode, form, rand);
  return {
    unitCode,
    period: period.code,
    reportDate: opts.reportDate,
    forms,
    targets: hasTargets(period) ? targetRows(registry, unitCode, rand) : null,
    targetsSheetName: hasTargets(period) ? 'Mục tiêu' : undefined,
    overrideReason: null,
  };
}

/** The total-row value of a form column (what the indicators read). */
export function totalOf(sub: Submission, form: FormId, column: number): number | null {
  const v: RawValue | undefined = sub.forms[form]?.total?.values[column - 1];
  return typeof v === 'number' ? v : null;
}

/**
 * Judged files into the warehouse as a consolidation puts them: one loader for the batch, one
 * commit, everything rolled back when anything fails.
 */
export async function loadBatch(wh: Warehouse, batchPeriod: string, files: readonly { file: IngestedFile; receivedAt: Date }[]): Promise<LoadOutcome[]> {
  const loader = await BatchLoader.open(wh, batchPeriod, files.map(({ file }) => file.hash));
  try {
    const outcomes: LoadOutcome[] = [];
    for (const { file, receivedAt } of files) outcomes.push(await loader.load(file, receivedAt));
    await loader.commit();
    return outcomes;
  } catch (err) {
    await loader.rollback();
    throw err;
  }
}
