import { parsePeriod } from '../../core/periods';
import { unexpectedStatuses, unitStatuses, type StatusSubmission } from '../../core/unit-status';

const MONTH = parsePeriod('2026-03');
const unit = { code: '51', name: 'Quảng Ngãi' };
let id = 0;
const sub = (verdict: StatusSubmission['verdict'], extra: Partial<StatusSubmission> = {}): StatusSubmission => ({
  id: ++id,
  unitCode: '51',
  fileName: `f${id}.xlsx`,
  reportDate: '2026-03-20',
  receivedAt: '2026-03-21T01:00:00Z',
  arrivedAt: `2026-03-21 01:00:${String(id).padStart(2, '0')}.000000`,
  verdict,
  counts: false,
  overrideReason: null,
  errors: verdict === 'refused' ? 1 : 0,
  firstError: null,
  ...extra,
});
const one = (subs: StatusSubmission[]) => unitStatuses(MONTH, [unit], subs)[0];

test('a refused file made good by a later accepted report leaves the province accepted', () => {
  const s = one([sub('refused'), sub('accepted', { counts: true })]);
  expect(s).toMatchObject({ status: 'accepted', refused: [], versions: 1 });
});

test('a refused correction after an accepted report stays listed, the accepted one counts', () => {
  const s = one([sub('accepted', { counts: true }), sub('refused')]);
  expect(s.status).toBe('accepted');
  expect(s.refused).toHaveLength(1);
});

test('errors left by an override outrank lateness, which stays flagged', () => {
  const s = one([sub('accepted', { counts: true, reportDate: '2026-03-29', errors: 2, overrideReason: 'lý do' })]);
  expect(s).toMatchObject({ status: 'override', late: true });
});

test('lateness is the first arrival: an on-time report corrected after the deadline is not late', () => {
  const s = one([sub('accepted'), sub('accepted', { counts: true, reportDate: '2026-03-30' })]);
  expect(s).toMatchObject({ status: 'accepted', late: false, versions: 2, firstReportDate: '2026-03-20' });
});

test('nothing received is missing; only refused files is refused', () => {
  expect(one([]).status).toBe('missing');
  expect(one([sub('refused'), sub('refused')])).toMatchObject({ status: 'refused', current: null });
});

test('lateness is the first arrival: a later file dated back does not make a late report on time', () => {
  const s = one([sub('accepted', { counts: true, reportDate: '2026-04-02' }), sub('accepted', { reportDate: '2026-03-20' })]);
  expect(s).toMatchObject({ status: 'late', late: true, firstReportDate: '2026-04-02' });
});

test('units not expected get a status of their own; text or a formula in the code names nobody', () => {
  const from = (unitCode: string) => sub('refused', { unitCode });
  const codes = ['02', '5102', '7301', '=HYPERLINK("http://x")', '../../etc', 'VN', ''].map(from);
  const statuses = unexpectedStatuses(MONTH, new Set(['51']), codes, (code) => `tên ${code}`);
  expect(statuses.map((s) => [s.unitCode, s.unitName, s.status])).toEqual([
    ['02', 'tên 02', 'refused'],
    ['7301', 'tên 7301', 'refused'],
  ]);
});
