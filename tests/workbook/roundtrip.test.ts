/** Template → filled in as a person would → read back: exactly what was typed, nothing else. */
import { FORMS, TARGETS, TARGETS_SHEET, type FormId } from '../../core/forms';
import { FORM_LAYOUT, TEMPLATE_TARGET_COLUMNS, templateColumns, META_SHEET, TARGETS_LAYOUT, targetRowOf, totalRowOf } from '../../core/layout';
import { parsePeriod } from '../../core/periods';
import { validateSubmission } from '../../core/rules';
import type { FormTable, Submission } from '../../core/submission';
import { blankTemplate, gridsFromXlsx, readWorkbookFile, writeSubmissionWorkbook } from '../../core/xlsx';
import { UNIT_ROWS_01, fillAsPerson, registry, typedTarget, typedValue } from './helpers';

const NAMES: Record<string, string> = {
  '0100': 'Văn phòng BHXH tỉnh',
  '0101': 'BHXH cơ sở Ba Đình',
  '0102': 'BHXH cơ sở Hoàn Kiếm',
  '0103': 'BHXH cơ sở Tây Hồ',
};

function expectedTable(form: FormId): FormTable {
  const columns = FORMS[form].columns;
  const rows = UNIT_ROWS_01.map((code, i) => ({
    unitCode: code,
    unitName: NAMES[code],
    sheetRow: FORM_LAYOUT.firstDataRow + i,
    values: columns.map((c) => typedValue(form, i, c.no)),
  }));
  const sums = columns.map((_, c) => {
    const typed = rows.map((r) => r.values[c]).filter((v): v is number => v !== null);
    return typed.length ? typed.reduce((a, b) => a + b, 0) : null;
  });
  return {
    form,
    sheetName: FORMS[form].sheetName,
    columns: templateColumns(FORMS[form]),
    rows,
    total: { unitCode: '01', unitName: 'Tổng cộng', sheetRow: totalRowOf(rows.length), values: sums },
    totalIsSumFormula: columns.map(() => true),
  };
}

describe('six-month workbook round trip', () => {
  const period = parsePeriod('2026-H1');
  let filled: Uint8Array;
  let sub: Submission;

  beforeAll(async () => {
    const template = await blankTemplate(registry, '01', period, { targetOf: () => 0.5 });
    filled = await fillAsPerson(template, UNIT_ROWS_01.length, new Date(Date.UTC(2026, 5, 12)));
    const result = await readWorkbookFile(filled, 'bao-cao-01.xlsx');
    expect(result.issues).toEqual([]);
    sub = result.submission!;
  });

  test('reads exactly what was typed, in every column of every form', () => {
    expect(sub.unitCode).toBe('01');
    expect(sub.period).toBe('2026-H1');
    expect(sub.reportDate).toBe('2026-06-12');
    expect(sub.overrideReason).toBeNull();
    expect(sub.forms.F03).toEqual(expectedTable('F03'));
    expect(sub.forms.F04).toEqual(expectedTable('F04'));
  });

  test('reads the targets T1–T7', () => {
    expect(sub.targetsSheetName).toBe(TARGETS_SHEET);
    expect(sub.targets).toEqual(
      TARGETS.map((t) => ({ code: t.code, sheetRow: targetRowOf(t.code), ...typedTarget(t.code), columns: TEMPLATE_TARGET_COLUMNS })),
    );
  });

  test('the filled template is a clean submission for the rule engine', () => {
    // The typed numbers are arbitrary (V02… may speak), but the structural rules must be silent.
    const issues = validateSubmission(sub, registry);
    expect(issues.filter((i) => ['V01', 'V12', 'V13', 'V14', 'V15'].includes(i.rule))).toEqual([]);
  });

  test('writing the submission back and reading it again gives the same submission', async () => {
    const again = await readWorkbookFile(await writeSubmissionWorkbook(sub, registry), 'again.xlsx');
    expect(again.issues).toEqual([]);
    expect(again.submission).toEqual(sub);
  });

  test('the hidden metadata identifies the file', async () => {
    const meta = (await gridsFromXlsx(filled)).sheets.find((s) => s.name === META_SHEET)!;
    expect(meta.state).toBe('veryHidden');
    const pairs = Object.fromEntries(meta.cells.map((r) => [r[0]?.value, r[1]?.value ?? null]));
    expect(pairs).toMatchObject({ unit_code: '01', period: '2026-H1', form_version: expect.any(String), generator: 'bhxh-truyen-thong' });
  });
});

describe('other periods and units', () => {
  test('a monthly workbook has Mẫu 03 only (and the hidden metadata)', async () => {
    const bytes = await blankTemplate(registry, '51', '2026-03', { reportDate: '2026-03-20' });
    const grids = await gridsFromXlsx(bytes);
    expect(grids.sheets.map((s) => [s.name, s.state])).toEqual([
      [FORMS.F03.sheetName, 'visible'],
      [META_SHEET, 'veryHidden'],
    ]);
    const { submission, issues } = await readWorkbookFile(bytes, 'm.xlsx');
    expect(issues).toEqual([]);
    expect(submission).toMatchObject({ unitCode: '51', period: '2026-03', reportDate: '2026-03-20', targets: null });
    expect(Object.keys(submission!.forms)).toEqual(['F03']);
    // A blank template reads as not reported: blank rows, blank totals.
    expect(submission!.forms.F03!.rows.map((r) => r.unitCode)).toEqual(['5100', '5101']);
    expect(submission!.forms.F03!.total!.values.every((v) => v === null)).toBe(true);
  });

  test('the national workbook is the same form one level up: one row per province, total VN', async () => {
    const period = parsePeriod('2026');
    const provinces = registry.provinces(period);
    const table = (form: FormId): FormTable => ({
      form,
      sheetName: FORMS[form].sheetName,
      columns: templateColumns(FORMS[form]),
      rows: provinces.map((p, i) => ({
        unitCode: p.code,
        unitName: p.name,
        sheetRow: FORM_LAYOUT.firstDataRow + i,
        values: FORMS[form].columns.map((c) => 10 * (i + 1) + c.no),
      })),
      total: null,
    });
    const national: Submission = {
      unitCode: 'VN',
      period: '2026',
      reportDate: '2026-12-20',
      forms: { F03: table('F03'), F04: table('F04') },
      targets: TARGETS.map((t) => ({ code: t.code, sheetRow: 0, total: t.code === 'T7' ? null : 1000, achieved: 400, columns: TEMPLATE_TARGET_COLUMNS })),
    };
    const { submission, issues } = await readWorkbookFile(await writeSubmissionWorkbook(national, registry), 'VN.xlsx');
    expect(issues).toEqual([]);
    expect(submission!.unitCode).toBe('VN');
    const f03 = submission!.forms.F03!;
    expect(f03.rows.map((r) => [r.unitCode, r.unitName])).toEqual(provinces.map((p) => [p.code, `${p.name}`]));
    expect(f03.total!.unitCode).toBe('VN');
    expect(f03.total!.values).toEqual(FORMS.F03.columns.map((c) => provinces.reduce((s, _, i) => s + 10 * (i + 1) + c.no, 0)));
    expect(submission!.targets!.map((t) => t.sheetRow)).toEqual(TARGETS.map((t) => TARGETS_LAYOUT.firstRow + TARGETS.indexOf(t)));
  });

  test('a typed total (not the template formula) is written and read as found, for rule V12', async () => {
    const sub: Submission = {
      unitCode: '51',
      period: '2026-03',
      reportDate: '2026-03-20',
      forms: {
        F03: {
          form: 'F03',
          sheetName: FORMS.F03.sheetName,
          columns: templateColumns(FORMS.F03),
          rows: [
            { unitCode: '5100', unitName: 'x', sheetRow: 0, values: FORMS.F03.columns.map(() => 1) },
            { unitCode: '5101', unitName: 'y', sheetRow: 0, values: FORMS.F03.columns.map(() => 2) },
          ],
          total: { unitCode: '51', unitName: 'Tổng cộng', sheetRow: 0, values: FORMS.F03.columns.map((c) => (c.no === 4 ? 99 : 3)) },
          totalIsSumFormula: FORMS.F03.columns.map((c) => c.no !== 4),
        },
      },
      targets: null,
    };
    const read = (await readWorkbookFile(await writeSubmissionWorkbook(sub, registry), 'v12.xlsx')).submission!;
    expect(read.forms.F03!.total!.values[3]).toBe(99);
    expect(read.forms.F03!.totalIsSumFormula![3]).toBe(false);
    expect(validateSubmission(read, registry).filter((i) => i.rule === 'V12').map((i) => i.cell)).toEqual([`G${totalRowOf(2)}`]);
  });
});
