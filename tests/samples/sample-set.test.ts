/** The generated sample set (pure, before any workbook): complete, consistent, plausible, and flawed only as documented. */
import { FORM_03 } from '../../core/forms';
import { dueBefore, isOnTime, monthCodes, parsePeriod, weeksIn } from '../../core/periods';
import { validateSubmission } from '../../core/rules';
import type { FormTable, Submission } from '../../core/submission';
import { loadRegistry } from '../../pipeline/reference';
import { LATE, MISSING, RESUBMITTED, SAMPLE_HALF, SAMPLE_MONTHS, sampleFileName } from '../../scripts/samples/problems';
import { buildSampleSet } from '../../scripts/samples/sample-set';

const registry = loadRegistry();
const set = buildSampleSet(registry);
const submissions = set.files.map((f) => f.submission);
const provinces = registry.provinces(SAMPLE_HALF).map((p) => p.code);
const numbers = (values: unknown[]) => values.map((v) => (v === null ? 0 : (v as number)));

/** The submission that counts for a unit and period (Q01: the later report date). */
function latest(unit: string, period: string): Submission {
  const found = submissions.filter((s) => s.unitCode === unit && s.period === period);
  return found.sort((a, b) => b.reportDate!.localeCompare(a.reportDate!))[0];
}

function total(table: FormTable | undefined, column: number): number {
  return numbers([table!.total!.values[column - 1]])[0];
}

test('deterministic: two runs give the same submissions', () => {
  expect(buildSampleSet(registry)).toEqual(set);
});

test('every province and period is present, except the documented gap; one resubmission', () => {
  const periods = [...SAMPLE_MONTHS, SAMPLE_HALF];
  expect(provinces).toHaveLength(34);
  const expected = provinces.flatMap((p) => periods.map((period) => `${p}/${period}`)).filter((k) => k !== `${MISSING.province}/${MISSING.period}`);
  const present = [...new Set(submissions.map((s) => `${s.unitCode}/${s.period}`))];
  expect(present.sort()).toEqual(expected.sort());
  expect(set.files).toHaveLength(expected.length + 1);
  expect(set.files.filter((f) => f.file.endsWith('_v2.xlsx')).map((f) => f.file)).toEqual([sampleFileName(RESUBMITTED.province, RESUBMITTED.period, 2)]);
  expect(new Set(set.files.map((f) => f.file)).size).toBe(set.files.length);
});

test('each file names its unit and period, and carries the forms of its period', () => {
  for (const f of set.files) {
    expect(f.file.startsWith(`${f.submission.period}/${f.submission.unitCode}_${f.submission.period}`)).toBe(true);
    const half = f.submission.period === SAMPLE_HALF;
    expect(Object.keys(f.submission.forms).sort()).toEqual(half ? ['F03', 'F04'] : ['F03']);
    expect(f.submission.targets === null).toBe(!half);
    const rows = registry.reportRows(f.submission.unitCode, f.submission.period).map((u) => u.code);
    expect(f.submission.forms.F03!.rows.map((r) => r.unitCode)).toEqual(rows);
  }
});

test('report dates: on time, except the documented late one; the resubmission is later', () => {
  const late = submissions.filter((s) => !isOnTime(parsePeriod(s.period), s.reportDate!));
  expect(late.map((s) => [s.unitCode, s.period, s.reportDate])).toEqual([[LATE.province, LATE.period, LATE.reportDate]]);
  expect(LATE.reportDate >= dueBefore(parsePeriod(LATE.period))).toBe(true);
  const pair = submissions.filter((s) => s.unitCode === RESUBMITTED.province && s.period === RESUBMITTED.period);
  expect(pair.map((s) => s.reportDate)).toEqual([RESUBMITTED.firstDate, RESUBMITTED.secondDate]);
  expect(pair[0].forms.F03).not.toEqual(pair[1].forms.F03);
});

test('the six-month Form 03 is the sum of January–June flows and the June stocks (Q02)', () => {
  for (const p of provinces) {
    const half = latest(p, SAMPLE_HALF).forms.F03!;
    const months = monthCodes(parsePeriod(SAMPLE_HALF)).map((m) => latest(p, m).forms.F03!);
    half.rows.forEach((row, i) => {
      FORM_03.columns.forEach((c, j) => {
        const monthly = months.map((m) => m.rows[i].values[j]);
        const expected = c.kind === 'stock' ? monthly[monthly.length - 1] : monthly.every((v) => v === null) ? null : numbers(monthly).reduce((a, b) => a + b, 0);
        expect([p, row.unitCode, c.no, row.values[j]]).toEqual([p, row.unitCode, c.no, expected]);
      });
    });
  }
});

test('magnitudes are in line with the seed plans', () => {
  for (const s of submissions) {
    const f03 = s.forms.F03!;
    const province = registry.find(s.unitCode, s.period)!;
    const where = `${s.unitCode} ${s.period}`;
    const conferences = total(f03, 4);
    const perConference = total(f03, 5) / conferences;
    const customerShare = total(f03, 6) / conferences;
    const perGroup = total(f03, 8) / total(f03, 7);
    const broadcasts = total(f03, 16) / province.communes! / weeksIn(parsePeriod(s.period));
    expect([where, perConference >= 30 && perConference <= 100]).toEqual([where, true]);
    expect([where, customerShare >= 0.2 && customerShare <= 0.7]).toEqual([where, true]);
    expect([where, perGroup >= 5 && perGroup <= 10]).toEqual([where, true]);
    expect([where, broadcasts >= 3 && broadcasts <= 8]).toEqual([where, true]);
    // A local office holds a handful of conferences a month (Sơn Hà: about 10 with customer ones).
    for (const row of f03.rows.slice(1)) expect(numbers([row.values[3]])[0] / monthCodes(parsePeriod(s.period)).length).toBeLessThanOrEqual(20);
    // Portal columns belong to the provincial office row.
    for (const row of f03.rows.slice(1)) expect(row.values.slice(16)).toEqual([null, null, null, null]);
  }
  for (const p of provinces) {
    const t = Object.fromEntries(latest(p, SAMPLE_HALF).targets!.map((r) => [r.code, r]));
    expect(t.T4.total).toBeGreaterThanOrEqual(200_000);
    expect(t.T4.total).toBeLessThanOrEqual(10_000_000);
    expect(t.T1.total).toBeGreaterThanOrEqual(10);
    expect(t.T1.total).toBeLessThanOrEqual(500);
    expect(t.T6.total).toBe(registry.find(p, SAMPLE_HALF)!.communes);
    expect(t.T7.total).toBeNull();
    expect(t.T7.achieved).toBeGreaterThan(0);
  }
});

test('every total row is the sum of its unit rows', () => {
  for (const s of submissions) {
    for (const table of Object.values(s.forms)) {
      table!.total!.values.forEach((v, j) => expect(v).toBe(table!.rows.reduce((n, r) => n + numbers([r.values[j]])[0], 0)));
    }
  }
});

test('the rules find exactly the documented violations and nothing else', () => {
  const found = set.files.flatMap((f) => validateSubmission(f.submission, registry).map((i) => ({ rule: i.rule, severity: i.severity, file: f.file, cell: i.cell })));
  const documented = set.problems.filter((p) => p.rule.startsWith('V')).map((p) => ({ rule: p.rule, severity: p.severity, file: p.file, cell: p.cell }));
  expect(found).toEqual(documented);
  expect(set.problems.map((p) => p.rule).sort()).toEqual(['Q01', 'Q04', 'Q05', 'V02', 'V05']);
});
