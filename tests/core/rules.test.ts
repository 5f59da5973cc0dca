import { FORMS, type FormId } from '../../core/forms';
import { FORM_LAYOUT, TARGETS_LAYOUT, TEMPLATE_TARGET_COLUMNS, templateColumns, dataColumn, targetRowOf } from '../../core/layout';
import { checkValue, isClean, numericValue, validateSubmission } from '../../core/rules';
import { type FormRow, type RawValue, type Submission } from '../../core/submission';
import { cellAddress } from '../../core/spreadsheet';
import { UnitRegistry } from '../../core/units';

const registry = UnitRegistry.fromCsv(`code,name,level,parent_code,valid_from,valid_to,successor_code,communes,placeholder
51,Quảng Ngãi,province,,2025-07-01,,,96,
5100,Văn phòng BHXH tỉnh,office,51,2025-07-01,,,,
5101,BHXH cơ sở Sơn Hà,local,51,2025-07-01,,,,
5102,BHXH cơ sở Bình Sơn,local,51,2025-07-01,,,,
35,Hà Nam,province,,,2025-06-30,37,,
3500,Văn phòng BHXH tỉnh,office,35,,2025-06-30,,,
`);

const F03_LOCAL = [2, 3, 2, 5, 300, 2, 10, 70, 4, 1, 1, 20, 30, 15, 100, 200, 0, 0, 0, 0];
const F03_OFFICE = [4, 6, 3, 8, 500, 3, 12, 90, 20, 3, 2, 60, 80, 40, 300, 0, 25, 6, 2, 12000];
const F04_LOCAL = [1, 5, 10, 0, 0, 0, 50, 100, 40];
const F04_OFFICE = [2, 8, 15, 3, 2, 2, 20, 30, 10];

function table(form: FormId, rowsValues: number[][]) {
  const codes = ['5100', '5101', '5102'];
  const rows: FormRow[] = rowsValues.map((values, i) => ({
    unitCode: codes[i],
    unitName: codes[i],
    sheetRow: FORM_LAYOUT.firstDataRow + i,
    values: [...values] as RawValue[],
  }));
  const sums = FORMS[form].columns.map((_, c) => rowsValues.reduce((s, r) => s + r[c], 0));
  return {
    form,
    sheetName: FORMS[form].sheetName,
    columns: templateColumns(FORMS[form]),
    rows,
    total: { unitCode: '51', unitName: 'Tổng cộng', sheetRow: FORM_LAYOUT.firstDataRow + rows.length, values: sums as RawValue[] },
  };
}

function valid(): Submission {
  return {
    unitCode: '51',
    period: '2026-H1',
    reportDate: '2026-06-15',
    forms: { F03: table('F03', [F03_OFFICE, F03_LOCAL, F03_LOCAL]), F04: table('F04', [F04_OFFICE, F04_LOCAL, F04_LOCAL]) },
    targets: (['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7'] as const).map((code) => ({
      code,
      sheetRow: targetRowOf(code),
      total: code === 'T7' ? null : 1000,
      achieved: code === 'T7' ? 6 : 800,
      columns: TEMPLATE_TARGET_COLUMNS,
    })),
  };
}

/** Sets a unit-row value and keeps the total row consistent, so that only the rule under test fires. */
function setValue(sub: Submission, form: FormId, rowIndex: number, col: number, value: RawValue) {
  const t = sub.forms[form]!;
  const row = t.rows[rowIndex];
  const before = numericValue(row.values[col - 1]) ?? 0;
  row.values[col - 1] = value;
  const after = numericValue(value) ?? 0;
  t.total!.values[col - 1] = (t.total!.values[col - 1] as number) - before + after;
}

const at = (_form: FormId, rowIndex: number, col: number) => cellAddress(FORM_LAYOUT.firstDataRow + rowIndex, dataColumn(col));
const ids = (sub: Submission) => validateSubmission(sub, registry).map((i) => `${i.rule}@${i.sheet}!${i.cell ?? '-'}`);

describe('rule engine V01–V15', () => {
  test('a valid submission has no issues', () => {
    expect(validateSubmission(valid(), registry)).toEqual([]);
  });

  test.each([
    ['text', 'mười', 'văn bản'],
    ['a decimal', 2.5, 'số thập phân'],
    ['a negative', -3, 'số âm'],
    ['too large', 10_000_001, 'lớn hơn'],
    ['a formula error', { error: '#REF!' }, '#REF!'],
    ['a number stored as text', '1.234', 'số lưu dạng văn bản'],
    ['a date', new Date(Date.UTC(2026, 0, 1)), 'ngày tháng'],
  ])('V01 refuses %s', (_what, value, words) => {
    const sub = valid();
    sub.forms.F03!.rows[1].values[0] = value as RawValue;
    const issues = validateSubmission(sub, registry);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ rule: 'V01', severity: 'error', sheet: 'Mẫu 03', cell: at('F03', 1, 1) });
    expect(issues[0].message.vi).toContain(words);
  });

  test('V01 speaks once for a bad unit cell under a template SUM total', () => {
    const sub = valid();
    const t = sub.forms.F03!;
    t.rows[1].values[0] = 2.5;
    t.total!.values[0] = (t.total!.values[0] as number) + 0.5;
    t.totalIsSumFormula = FORMS.F03.columns.map(() => true);
    expect(ids(sub)).toEqual([`V01@Mẫu 03!${at('F03', 1, 1)}`]);
  });

  test("V01 bounds a unit's figures, not the nation's sums", () => {
    const national = (): Submission => {
      const sub = valid();
      for (const t of Object.values(sub.forms)) {
        t!.rows = [{ ...t!.total!, unitCode: '51', unitName: 'Quảng Ngãi', sheetRow: FORM_LAYOUT.firstDataRow }];
        t!.total = { ...t!.total!, unitCode: 'VN', sheetRow: FORM_LAYOUT.firstDataRow + 1 };
      }
      sub.targets![3].total = 36_404_174;
      sub.targets![3].achieved = 15_173_792;
      return sub;
    };
    expect(ids({ ...national(), unitCode: 'VN' })).toEqual([]);
    expect(ids({ ...national(), unitCode: '51' }).filter((i) => i.startsWith('V01'))).toHaveLength(2);
  });

  test('V01 accepts blank, zero and the maximum', () => {
    for (const v of [null, '', '  ', 0, 10_000_000]) expect(checkValue(v as RawValue).ok).toBe(true);
    const sub = valid();
    setValue(sub, 'F03', 1, 9, null);
    expect(ids(sub)).toEqual([]);
  });

  test.each([
    // rule, form, column to change, new value, column the issue points at, severity
    ['V02', 'F03', 6, 6, 6, 'error'], // customer conferences 6 > conferences 5
    ['V03', 'F03', 5, 4, 5, 'error'], // attendees 4 < conferences 5
    ['V04', 'F03', 5, 2501, 5, 'warning'], // > 500 per conference
    ['V05', 'F03', 8, 9, 8, 'error'], // people 9 < sessions 10
    ['V06', 'F03', 8, 501, 8, 'warning'], // > 50 per session
    ['V07', 'F03', 10, 0, 10, 'warning'], // posts but no social page
    ['V08', 'F04', 6, 3, 6, 'error'], // inspected 3 > visits 2 (office row)
    ['V10', 'F04', 9, 151, 9, 'error'], // recruited 151 > 50 + 100
  ] as const)('%s fails on a violating row and points at the cell', (rule, form, col, value, anchor, severity) => {
    const sub = valid();
    const row = rule === 'V08' ? 0 : 1;
    setValue(sub, form, row, col, value);
    const issues = validateSubmission(sub, registry).filter((i) => i.rule === rule);
    expect(issues.map((i) => [i.severity, i.cell])).toContainEqual([severity, at(form, row, anchor)]);
  });

  test('comparison rules pass at their bounds', () => {
    const sub = valid();
    setValue(sub, 'F03', 1, 6, 5); // V02: equal is fine
    setValue(sub, 'F03', 1, 5, 2500); // V04: exactly 500 per conference
    setValue(sub, 'F03', 1, 8, 500); // V06: exactly 50 per session
    setValue(sub, 'F04', 1, 9, 150); // V10: equal to 7 + 8
    expect(ids(sub)).toEqual([]);
  });

  test('V03 does not apply without conferences; V05 compares a blank count as zero', () => {
    const sub = valid();
    setValue(sub, 'F03', 2, 4, 0);
    setValue(sub, 'F03', 2, 5, 0);
    setValue(sub, 'F03', 2, 6, 0);
    expect(ids(sub)).toEqual([]);
    setValue(sub, 'F03', 2, 8, null);
    expect(ids(sub)).toEqual([`V05@Mẫu 03!${at('F03', 2, 8)}`]);
  });

  test('V09 bounds local offices inspected by the local offices of the unit', () => {
    const sub = valid();
    setValue(sub, 'F04', 0, 5, 5);
    expect(ids(sub)).toEqual([]);
    setValue(sub, 'F04', 0, 6, 3); // only 2 local offices
    expect(ids(sub)).toContain(`V09@Mẫu 04!${at('F04', 0, 6)}`);
  });

  test('V11 achieved within total, and a total where something was achieved', () => {
    const sub = valid();
    sub.targets![0].achieved = 1000;
    expect(ids(sub)).toEqual([]);
    sub.targets![0].achieved = 1001;
    const row = targetRowOf('T1');
    expect(ids(sub)).toEqual([`V11@Mục tiêu!${cellAddress(row, TARGETS_LAYOUT.achievedColumn)}`]);
    sub.targets![0].achieved = 5;
    sub.targets![0].total = null;
    expect(ids(sub)).toEqual([`V11@Mục tiêu!${cellAddress(row, TARGETS_LAYOUT.totalColumn)}`]);
  });

  test('V12 total row equals the sum of the unit rows; a template SUM formula is trusted', () => {
    const sub = valid();
    const total = sub.forms.F03!.total!;
    total.values[3] = 99;
    const issues = validateSubmission(sub, registry);
    expect(issues.map((i) => `${i.rule}@${i.cell}`)).toEqual([`V12@${cellAddress(total.sheetRow, dataColumn(4))}`]);
    expect(issues[0].message.vi).toContain('18');
    sub.forms.F03!.totalIsSumFormula = FORMS.F03.columns.map((c) => c.no === 4);
    expect(ids(sub)).toEqual([]);
  });

  test('V13 warns about provincial-only columns on local-office rows, not on the office row', () => {
    const sub = valid();
    setValue(sub, 'F03', 2, 20, 7);
    expect(ids(sub)).toEqual([`V13@Mẫu 03!${at('F03', 2, 20)}`]);
    expect(validateSubmission(sub, registry)[0].severity).toBe('warning');
  });

  test('V14 unit, period and report date', () => {
    expect(ids({ ...valid(), unitCode: '99' })).toContain('V14@Mẫu 03!-');
    expect(ids({ ...valid(), period: '2026-H2' })).toEqual(['V14@Mẫu 03!-']);
    expect(ids({ ...valid(), reportDate: null })).toEqual(['V14@Mẫu 03!-']);
    expect(ids({ ...valid(), reportDate: '2025-12-31' })).toEqual(['V14@Mẫu 03!-']);
    const expired = validateSubmission({ ...valid(), unitCode: '35' }, registry).find((i) => i.rule === 'V14')!;
    expect(expired.message.vi).toContain('không còn hiệu lực');
  });

  test("V14 accepts a local office's own report and refuses the office row as a reporting unit", () => {
    const local: Submission = {
      unitCode: '5101',
      period: '2026-03',
      reportDate: '2026-03-20',
      forms: { F03: { ...table('F03', [F03_LOCAL]), rows: [{ unitCode: '5101', unitName: 'Sơn Hà', sheetRow: 10, values: [...F03_LOCAL] }] } },
      targets: null,
    };
    local.forms.F03!.total!.unitCode = '5101';
    expect(ids(local)).toEqual([]);
    expect(ids({ ...local, unitCode: '5100' })).toContain('V14@Mẫu 03!-');
  });

  test('V14 rows: a foreign unit code and a missing unit row', () => {
    const sub = valid();
    sub.forms.F03!.rows[2].unitCode = '5199';
    expect(ids(sub)).toEqual([
      `V14@Mẫu 03!${cellAddress(FORM_LAYOUT.firstDataRow + 2, FORM_LAYOUT.codeColumn)}`,
      'V14@Mẫu 03!-',
    ]);
  });

  test('V15 target rows present in six-month reports, not required monthly', () => {
    const sub = valid();
    sub.targets = sub.targets!.filter((t) => t.code !== 'T4');
    expect(ids(sub)).toEqual(['V15@Mục tiêu!-']);
    expect(ids({ ...valid(), targets: null })).toEqual(['V15@null!-']);
    const monthly: Submission = { ...valid(), period: '2026-03', reportDate: '2026-03-20', forms: { F03: valid().forms.F03 }, targets: null };
    expect(ids(monthly)).toEqual([]);
  });

  test('messages are bilingual, Vietnamese NFC', () => {
    const sub = valid();
    setValue(sub, 'F03', 1, 6, 6);
    const [issue] = validateSubmission(sub, registry);
    expect(issue.message.vi).toBe(issue.message.vi.normalize('NFC'));
    expect(issue.message.vi).toContain('Trong đó: hội nghị khách hàng');
    expect(issue.message.en).toContain('customer conferences');
    expect(isClean([issue])).toBe(false);
  });
});
