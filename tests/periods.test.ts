import { dueBefore, isOnTime, monthCodes, parsePeriod, periodLabel, previousPeriod, weeksIn, PeriodError } from '../core/periods';

describe('periods', () => {
  test('parses the three kinds and rejects others', () => {
    expect(parsePeriod('2026-03')).toMatchObject({ kind: 'month', year: 2026, month: 3, code: '2026-03' });
    expect(parsePeriod('2026-h1')).toMatchObject({ kind: 'half', code: '2026-H1' });
    expect(parsePeriod('2026')).toMatchObject({ kind: 'year', code: '2026' });
    for (const bad of ['2026-13', '2026-H2', '26-01', '2026/01', '']) expect(() => parsePeriod(bad)).toThrow(PeriodError);
  });
  test('deadlines and timeliness', () => {
    expect(dueBefore(parsePeriod('2026-02'))).toBe('2026-02-28');
    expect(dueBefore(parsePeriod('2026-H1'))).toBe('2026-06-20');
    expect(dueBefore(parsePeriod('2026'))).toBe('2026-12-25');
    expect(isOnTime(parsePeriod('2026-02'), '2026-02-27')).toBe(true);
    expect(isOnTime(parsePeriod('2026-02'), '2026-02-28')).toBe(false);
  });
  test('months, weeks, labels, previous', () => {
    expect(monthCodes(parsePeriod('2026-H1'))).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']);
    expect(weeksIn(parsePeriod('2026-H1'))).toBeCloseTo(181 / 7);
    expect(weeksIn(parsePeriod('2024'))).toBeCloseTo(366 / 7);
    expect(periodLabel(parsePeriod('2026-03')).vi).toBe('Tháng 03/2026');
    expect(previousPeriod(parsePeriod('2026-01')).code).toBe('2025-12');
  });
});
