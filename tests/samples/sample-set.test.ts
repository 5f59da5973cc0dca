/** The generated sample set (pure, before any workbook): complete, consistent, plausible, and flawed only as documented. */
import { FORM_03 } from '../../core/forms';
import { dueBefore, isOnTime, monthCodes, parsePeriod, weeksIn } from '../../core/periods';
import { validateSubmission } from '../../core/rules';
import type { FormTable, Submission } from '../../core/submission';
import { loadRegistry } from '../../pipeline/reference';
import {
  HISTORY_ANNUAL,
  HISTORY_FIRST_HALF,
  HISTORY_HALF,
  HISTORY_SECOND_HALF,
  LATE,
  MISSING,
  RESUBMITTED,
  SAMPLE_HALF,
  SAMPLE_MONTHS,
  sampleFileName,
} from '../../scripts/samples/problems';
import { communesOf } from '../../scripts/samples/province-profile';
import { buildSampleSet } from '../../scripts/samples/sample-set';

const registry = loadRegistry();
const set = buildSampleSet(registry);
const submissions = set.files.map((f) => f.submission);
const provinces = registry.provinces(SAMPLE_HALF).map((p) => p.code);
/** The provinces before the 2025 merger (63) and after it (34), with the periods each reports in the samples. */
const ERAS = [
  { provinces: registry.provinces(HISTORY_HALF).map((p) => p.code), periods: [...HISTORY_FIRST_HALF, HISTORY_HALF] },
  { provinces, periods: [...HISTORY_SECOND_HALF, HISTORY_ANNUAL, ...SAMPLE_MONTHS, SAMPLE_HALF] },
];
const CUMULATIVE = [HISTORY_HALF, HISTORY_ANNUAL, SAMPLE_HALF];
const numbers = (values: unknown[]) => values.map((v) => (v === null ? 0 : (v as number)));

/** The submission that counts for each unit and period (Q01: the later report date). */
const counting = new Map<string, Submission>();
for (const s of submissions) {
  const key = `${s.unitCode}/${s.period}`;
  if (!counting.has(key) || counting.get(key)!.reportDate! < s.reportDate!) counting.set(key, s);
}
const latest = (unit: string, period: string): Submission => counting.get(`${unit}/${period}`)!;

function total(table: FormTable | undefined, column: number): number {
  return numbers([table!.total!.values[column - 1]])[0];
}

test('deterministic: two runs give the same submissions', () => {
  // Compared as JSON: jest's deep equality takes seconds over a thousand submissions.
  expect(JSON.stringify(buildSampleSet(registry))).toBe(JSON.stringify(set));
});

test('every province and period is present (63 provinces before the merger, 34 after), except the documented gap; one resubmission', () => {
  expect(ERAS.map((e) => e.provinces.length)).toEqual([63, 34]);
  const expected = ERAS.flatMap((e) => e.provinces.flatMap((p) => e.periods.map((period) => `${p}/${period}`))).filter(
    (k) => k !== `${MISSING.province}/${MISSING.period}`,
  );
  const present = [...new Set(submissions.map((s) => `${s.unitCode}/${s.period}`))];
  expect(present.sort()).toEqual(expected.sort());
  expect(set.files).toHaveLength(expected.length + 1);
  expect(set.files.filter((f) => f.file.endsWith('_v2.xlsx')).map((f) => f.file)).toEqual([sampleFileName(RESUBMITTED.province, RESUBMITTED.period, 2)]);
  expect(new Set(set.files.map((f) => f.file)).size).toBe(set.files.length);
});

test('each file names its unit and period, and carries the forms of its period', () => {
  for (const f of set.files) {
    expect(f.file.startsWith(`${f.submission.period}/${f.submission.unitCode}_${f.submission.period}`)).toBe(true);
    const cumulative = CUMULATIVE.includes(f.submission.period);
    expect(Object.keys(f.submission.forms).sort()).toEqual(cumulative ? ['F03', 'F04'] : ['F03']);
    expect(f.submission.targets === null).toBe(!cumulative);
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
  for (const [half, era] of [[SAMPLE_HALF, ERAS[1]], [HISTORY_HALF, ERAS[0]]] as const) {
    for (const p of era.provinces) {
      const table = latest(p, half).forms.F03!;
      const months = monthCodes(parsePeriod(half)).map((m) => latest(p, m).forms.F03!);
      const expected = table.rows.map((_, i) =>
        FORM_03.columns.map((c, j) => {
          const monthly = months.map((m) => m.rows[i].values[j]);
          return c.kind === 'stock' ? monthly[monthly.length - 1] : monthly.every((v) => v === null) ? null : numbers(monthly).reduce((a, b) => a + b, 0);
        }),
      );
      expect([half, p, table.rows.map((r) => r.values)]).toEqual([half, p, expected]);
    }
  }
});

test('the annual 2025 Form 03 of a province after the merger: its predecessors’ six months plus its own July–December, December stocks', () => {
  const national = (period: string, column: number) => submissions.filter((s) => s.period === period).reduce((n, s) => n + total(s.forms.F03, column), 0);
  for (const p of provinces) {
    const annual = latest(p, HISTORY_ANNUAL).forms.F03!;
    const predecessors = ERAS[0].provinces.filter((old) => registry.find(old, HISTORY_HALF)!.successorCode === p);
    expect(predecessors.length).toBeGreaterThan(0);
    FORM_03.columns.forEach((c, j) => {
      const own = HISTORY_SECOND_HALF.map((m) => total(latest(p, m).forms.F03, c.no));
      const before = predecessors.reduce((n, old) => n + total(latest(old, HISTORY_HALF).forms.F03, c.no), 0);
      const expected = c.kind === 'stock' ? own[own.length - 1] : before + own.reduce((a, b) => a + b, 0);
      expect([p, c.no, numbers([annual.total!.values[j]])[0]]).toEqual([p, c.no, expected]);
    });
  }
  // So the nation's year adds up across the merger: every flow of the annual reports is the sum of the twelve months.
  for (const c of FORM_03.columns.filter((x) => x.kind === 'flow')) {
    const months = [...HISTORY_FIRST_HALF, ...HISTORY_SECOND_HALF].reduce((n, m) => n + national(m, c.no), 0);
    expect([c.no, national(HISTORY_ANNUAL, c.no)]).toEqual([c.no, months]);
  }
});

test('stocks never fall from month to month, nor from December 2025 into 2026', () => {
  for (const p of provinces) {
    const months = [...HISTORY_SECOND_HALF, ...SAMPLE_MONTHS].map((m) => latest(p, m)).filter((s) => s !== undefined);
    const falls = FORM_03.columns
      .filter((x) => x.kind === 'stock')
      .flatMap((c) =>
        months.slice(1).flatMap((s, i) =>
          s.forms.F03!.rows.filter((row, r) => (row.values[c.no - 1] as number) < (months[i].forms.F03!.rows[r].values[c.no - 1] as number)).map((row) => `${s.period} ${row.unitCode} (${c.no})`),
        ),
      );
    expect(falls).toEqual([]);
  }
});

test('magnitudes are in line with the seed plans', () => {
  for (const s of submissions) {
    const f03 = s.forms.F03!;
    const communes = communesOf(registry, registry.find(s.unitCode, s.period)!);
    const where = `${s.unitCode} ${s.period}`;
    const conferences = total(f03, 4);
    const perConference = total(f03, 5) / conferences;
    const customerShare = total(f03, 6) / conferences;
    const perGroup = total(f03, 8) / total(f03, 7);
    const broadcasts = total(f03, 16) / communes / weeksIn(parsePeriod(s.period));
    expect([where, perConference >= 30 && perConference <= 100]).toEqual([where, true]);
    expect([where, customerShare >= 0.2 && customerShare <= 0.7]).toEqual([where, true]);
    expect([where, perGroup >= 5 && perGroup <= 10]).toEqual([where, true]);
    expect([where, broadcasts >= 3 && broadcasts <= 8]).toEqual([where, true]);
    // A local office holds a handful of conferences a month (Sơn Hà: about 10 with customer ones).
    const months = monthCodes(parsePeriod(s.period)).length;
    expect([where, f03.rows.slice(1).filter((row) => numbers([row.values[3]])[0] / months > 20).map((r) => r.unitCode)]).toEqual([where, []]);
    // Portal columns belong to the provincial office row.
    expect([where, f03.rows.slice(1).filter((row) => row.values.slice(16).some((v) => v !== null)).map((r) => r.unitCode)]).toEqual([where, []]);
  }
  for (const s of submissions.filter((x) => x.targets !== null)) {
    const t = Object.fromEntries(s.targets!.map((r) => [r.code, r]));
    expect(t.T4.total).toBeGreaterThanOrEqual(200_000);
    expect(t.T4.total).toBeLessThanOrEqual(10_000_000);
    expect(t.T1.total).toBeGreaterThanOrEqual(10);
    expect(t.T1.total).toBeLessThanOrEqual(500);
    expect(t.T6.total).toBe(communesOf(registry, registry.find(s.unitCode, s.period)!));
    expect(t.T7.total).toBeNull();
    expect(t.T7.achieved).toBeGreaterThan(0);
  }
});

test('every total row is the sum of its unit rows', () => {
  for (const s of submissions) {
    for (const table of Object.values(s.forms)) {
      const sums = table!.total!.values.map((_, j) => table!.rows.reduce((n, r) => n + numbers([r.values[j]])[0], 0));
      expect([s.unitCode, s.period, table!.form, table!.total!.values]).toEqual([s.unitCode, s.period, table!.form, sums]);
    }
  }
});

test('the rules find exactly the documented violations and nothing else', () => {
  const found = set.files.flatMap((f) => validateSubmission(f.submission, registry).map((i) => ({ rule: i.rule, severity: i.severity, file: f.file, cell: i.cell })));
  const documented = set.problems.filter((p) => p.rule.startsWith('V')).map((p) => ({ rule: p.rule, severity: p.severity, file: p.file, cell: p.cell }));
  expect(found).toEqual(documented);
  expect(set.problems.map((p) => p.rule).sort()).toEqual(['Q01', 'Q04', 'Q05', 'V02', 'V05']);
});
