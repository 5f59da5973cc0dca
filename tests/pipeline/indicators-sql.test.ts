/**
 * The SQL generated from core/indicators and the TypeScript evaluator the add-in uses must
 * agree, for every indicator, every province and the nation, including blanks, missing
 * provinces, late reports, a missing Form 04, and pre-merger provinces under their successors.
 */
import { indicatorInputOf } from '../../addin/indicators';
import { evaluateIndicators, type IndicatorInput, type IndicatorValue } from '../../core/indicators';
import { parsePeriod, weeksIn, type Period } from '../../core/periods';
import type { Submission } from '../../core/submission';
import { NATIONAL_CODE } from '../../core/units';
import { computeIndicators } from '../../pipeline/indicators/compute';
import { arrivalText } from '../../core/precedence';
import { loadRegistry, loadTargets } from '../../pipeline/reference';
import { Warehouse } from '../../pipeline/warehouse/warehouse';
import { loadBatch, provinceSubmission } from './fixtures';

const registry = loadRegistry();
const targets = loadTargets();

async function load(wh: Warehouse, subs: Submission[]): Promise<void> {
  for (const [i, sub] of subs.entries()) {
    const file = { fileName: `${sub.unitCode}_${sub.period}.xlsx`, hash: `${sub.unitCode}-${sub.period}-${i}`, submission: sub, issues: [], refused: false, period: sub.period, arrivedAt: arrivalText(Date.UTC(2026, 0, 1, 0, 0, i)) };
    await loadBatch(wh, sub.period, [{ file, receivedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)) }]);
  }
}

/** Submissions with the awkward cases the SQL must treat as the evaluator does. */
function varied(period: Period, skip: (i: number) => boolean): Submission[] {
  return registry
    .provinces(period)
    .map((p, i) => ({ p, i }))
    .filter(({ i }) => !skip(i))
    .map(({ p, i }) => {
      const late = i % 5 === 0;
      const sub = provinceSubmission(registry, p.code, period.code, { reportDate: late ? '2026-12-30' : `${period.year}-0${period.kind === 'month' ? period.month : 6}-10`, seed: 100 + i });
      if (sub.targets && i % 4 === 1) sub.targets[2] = { ...sub.targets[2], total: null, achieved: null }; // T3 left blank
      if (sub.targets && i % 6 === 2) sub.targets[6] = { ...sub.targets[6], achieved: null }; // T7 not reported
      if (sub.targets && i % 8 === 5) sub.targets[0] = { ...sub.targets[0], total: null }; // T1 achieved without its total
      if (i % 8 === 6) sub.forms.F03!.total!.values[3] = null; // attendees without conferences
      if (i % 7 === 3) delete sub.forms.F04; // Form 04 sheet absent
      if (i % 3 === 0) sub.forms.F03!.total!.values[15] = null; // broadcasts blank
      return sub;
    });
}

function missingInput(code: string, period: Period): IndicatorInput {
  const unit = registry.find(code, period)!;
  return {
    unitCode: code,
    forms: {},
    targets: {},
    localOffices: registry.localOfficeCount(code, period),
    communes: unit.communes,
    weeks: weeksIn(period),
    submissions: { expected: 1, received: 0, on_time: 0 },
  };
}

/** What the TypeScript evaluator says, grouped as the SQL groups (`groupOf`). */
function expected(period: Period, subs: Submission[], groupOf: (code: string) => string): IndicatorValue[] {
  const byCode = new Map(subs.map((s) => [s.unitCode, indicatorInputOf(s, registry)!]));
  const inputs = registry.provinces(period).map((p) => byCode.get(p.code) ?? missingInput(p.code, period));
  const targetOf = (id: Parameters<typeof targets.targetOf>[0]) => targets.targetOf(id, period);
  const groups = [...new Set(inputs.map((i) => groupOf(i.unitCode)))].sort();
  return [
    ...evaluateIndicators(period, NATIONAL_CODE, inputs, targetOf),
    ...groups.flatMap((g) => evaluateIndicators(period, g, inputs.filter((i) => groupOf(i.unitCode) === g), targetOf)),
  ];
}

function expectSame(actual: IndicatorValue[], wanted: IndicatorValue[]): void {
  expect(actual.map((v) => `${v.unitCode} ${v.indicator}`)).toEqual(wanted.map((v) => `${v.unitCode} ${v.indicator}`));
  actual.forEach((v, i) => {
    const w = wanted[i];
    for (const key of ['numerator', 'denominator', 'value', 'target'] as const) {
      const where = `${v.unitCode} ${v.indicator} ${key}`;
      if (w[key] === null) expect([where, v[key]]).toEqual([where, null]);
      else expect([where, v[key]]).toEqual([where, expect.closeTo(w[key]!, 9)]);
    }
  });
}

describe('indicator SQL and the TypeScript evaluator agree', () => {
  let wh: Warehouse;
  beforeEach(async () => {
    wh = await Warehouse.open(':memory:');
  });
  afterEach(() => wh.close());

  test.each(['2026-H1', '2026-03'])('%s: every province and the nation', async (code) => {
    const period = parsePeriod(code);
    const subs = varied(period, (i) => i % 9 === 4);
    await load(wh, subs);
    const actual = await computeIndicators(wh, registry, targets, period);
    expectSame(actual, expected(period, subs, (c) => c));
    // Some of every kind of value is there, so the comparison proves something.
    expect(actual.some((v) => v.value === null)).toBe(true);
    expect(actual.filter((v) => v.unitCode === NATIONAL_CODE).every((v) => v.value !== null)).toBe(true);
  });

  test('2025-H1 (63 provinces) re-expressed under the successors', async () => {
    const period = parsePeriod('2025-H1');
    const subs = varied(period, (i) => i % 11 === 6);
    await load(wh, subs);
    const successorOf = (c: string) => registry.successor(c, '9999-12-31')!.code;
    const actual = await computeIndicators(wh, registry, targets, period, { successors: true });
    expectSame(actual, expected(period, subs, successorOf));
    const groups = new Set(actual.map((v) => v.unitCode));
    expect(groups.size).toBe(34 + 1);
    // Without the option, the 63 provinces of the time.
    const asThen = await computeIndicators(wh, registry, targets, period);
    expect(new Set(asThen.map((v) => v.unitCode)).size).toBe(63 + 1);
    expectSame(asThen, expected(period, subs, (c) => c));
  });

});
