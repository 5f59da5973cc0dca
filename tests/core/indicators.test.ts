import { evaluateIndicators, indicatorsFor, INDICATORS, type IndicatorInput } from '../../core/indicators';
import { parsePeriod } from '../../core/periods';

const half = parsePeriod('2026-H1');
const f03 = (c4: number, c5: number, c6: number, c16: number) => {
  const v: (number | null)[] = Array(20).fill(0);
  v[3] = c4;
  v[4] = c5;
  v[5] = c6;
  v[15] = c16;
  return v;
};
const f04 = (c6: number, c7: number, c8: number, c9: number) => [0, 0, 0, 0, 0, c6, c7, c8, c9];

function input(code: string, over: Partial<IndicatorInput>): IndicatorInput {
  return {
    unitCode: code,
    forms: {},
    targets: {},
    localOffices: 10,
    communes: 100,
    weeks: 181 / 7,
    submissions: { expected: 1, received: 1, on_time: 1 },
    ...over,
  };
}

describe('indicators', () => {
  test('monthly periods carry only the Form 03 and reporting indicators', () => {
    expect(indicatorsFor(parsePeriod('2026-03')).map((d) => d.id)).toEqual(['N09', 'N10', 'N12', 'N13', 'N14']);
    expect(indicatorsFor(half)).toHaveLength(INDICATORS.length);
  });

  test('national values are ratios of sums, not means of ratios', () => {
    const a = input('51', { forms: { F03: f03(10, 600, 5, 1000), F04: f04(4, 30, 20, 10) }, targets: { T1: { total: 10, achieved: 10 }, T7: { total: null, achieved: 6 } } });
    const b = input('75', { forms: { F03: f03(30, 1200, 15, 3000), F04: f04(8, 60, 40, 30) }, targets: { T1: { total: 90, achieved: 45 }, T7: { total: null, achieved: 12 } }, localOffices: 12 });
    const values = Object.fromEntries(evaluateIndicators(half, 'VN', [a, b], () => null).map((v) => [v.indicator, v]));
    expect(values.N01).toMatchObject({ numerator: 55, denominator: 100, value: 0.55 }); // mean of ratios would be 0.75
    expect(values.N07).toMatchObject({ numerator: 18, denominator: 2, value: 9 });
    expect(values.N08).toMatchObject({ numerator: 12, denominator: 22 });
    expect(values.N09.value).toBeCloseTo(1800 / 40);
    expect(values.N11.value).toBeCloseTo(40 / 20);
    expect(values.N12.value).toBeCloseTo(4000 / (200 * (181 / 7)));
    expect(values.N02).toMatchObject({ numerator: null, denominator: null, value: null });
  });

  test('a unit that left a target blank weighs on neither side; zero denominators give no value', () => {
    const a = input('51', { targets: { T4: { total: 1000, achieved: 500 } } });
    const b = input('75', { targets: { T4: { total: null, achieved: 300 } } });
    const c = input('80', { submissions: { expected: 1, received: 0, on_time: 0 } });
    const values = Object.fromEntries(evaluateIndicators(half, 'VN', [a, b, c], (id) => (id === 'N04' ? 0.7 : null)).map((v) => [v.indicator, v]));
    expect(values.N04).toMatchObject({ numerator: 500, denominator: 1000, value: 0.5, target: 0.7 });
    expect(values.N13).toMatchObject({ numerator: 2, denominator: 3 });
    const zero = evaluateIndicators(half, '51', [input('51', { forms: { F03: f03(0, 0, 0, 0) } })], () => null);
    expect(zero.find((v) => v.indicator === 'N09')).toMatchObject({ numerator: 0, denominator: 0, value: null });
  });
});
