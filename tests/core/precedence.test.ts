/**
 * Which of two reports of a unit and period counts: one rule (core/precedence.ts) for the
 * warehouse and the add-in's import. A strict total order on what the files are.
 */
import { arrivalText, fingerprint, rankedBy, ranksAbove, type Ranked } from '../../core/precedence';
import { sha256 } from '../../pipeline/ingest/read-file';

const r = (reportDate: string | null, arrivedAt: string | null, hash: string): Ranked => ({ reportDate, arrivedAt, hash });

test('the later report date wins, then the later arrival, then the larger fingerprint', () => {
  expect(ranksAbove(r('2026-03-20', '2026-03-01 00:00:00.000000', '00'), r('2026-03-19', '2026-03-30 00:00:00.000000', 'ff'))).toBe(true);
  expect(ranksAbove(r('2026-03-20', '2026-03-21 08:00:00.000000', '00'), r('2026-03-20', '2026-03-21 07:59:59.999999', 'ff'))).toBe(true);
  expect(ranksAbove(r('2026-03-20', null, 'ab'), r('2026-03-20', null, 'aa'))).toBe(true);
  expect(ranksAbove(r('2026-03-01', null, '00'), r(null, '2026-03-30 00:00:00.000000', 'ff'))).toBe(true);
  expect(rankedBy(r('2026-03-20', 'a', 'x'), r('2026-03-19', 'b', 'y'))).toBe('date');
  expect(rankedBy(r('2026-03-20', 'b', 'x'), r('2026-03-20', 'a', 'y'))).toBe('arrival');
  expect(rankedBy(r('2026-03-20', 'a', 'y'), r('2026-03-20', 'a', 'x'))).toBe('content');
});

test('a strict total order: exactly one of two different reports ranks above, none above itself', () => {
  const dates = [null, '2026-03-19', '2026-03-20'];
  const arrivals = [null, '2026-03-21 07:00:00.000000', '2026-03-21 08:00:00.000000'];
  const all = dates.flatMap((d) => arrivals.flatMap((a) => ['0a', 'f1'].map((h) => r(d, a, h))));
  for (const a of all) {
    expect(ranksAbove(a, a)).toBe(false);
    for (const b of all) if (a !== b) expect([a, b, ranksAbove(a, b) !== ranksAbove(b, a)]).toEqual([a, b, true]);
  }
});

test('arrivals are written to the microsecond and compare as text in time order', () => {
  const t = Date.UTC(2026, 2, 25, 8, 0, 0, 5) + 0.25;
  expect(arrivalText(t)).toBe('2026-03-25 08:00:00.005250');
  expect(arrivalText(t) < arrivalText(t + 0.001)).toBe(true);
});

test('the add-in fingerprints a file as the pipeline does', async () => {
  const bytes = new TextEncoder().encode('Mẫu 03 — báo cáo');
  expect(await fingerprint(bytes)).toBe(sha256(bytes));
});
