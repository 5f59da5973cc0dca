/**
 * Plausible figures for one province, shaped by the seed plans: a local office holds about five
 * conferences a month with ~60 guests each, about half of them customer conferences (Sơn Hà:
 * 16 + 16 in a quarter), about five small-group meetings of 5–10 people, and each commune
 * hears its loudspeakers about five times a week. Portal columns are the provincial office's.
 */
import { FORM_03, FORM_04, type TargetCode } from '../../core/forms';
import { monthsCovered, parsePeriod, weeksIn } from '../../core/periods';
import { createRng, type Rng } from './prng';
import { type ProvinceProfile, unitKey } from './province-profile';

/** Values of one row, index i = column no i + 1; null = blank (a provincial-only cell of a local office). */
export type RowValues = (number | null)[];

export interface TargetValues {
  code: TargetCode;
  total: number | null;
  achieved: number;
}

/** May is the national campaign month; February has the Tết holiday. */
const SEASON: Record<number, number> = { 2: 0.7, 5: 1.5 };

/** Sum of `count` draws, one per event (attendees per conference, people per meeting). */
function sumOf(count: number, draw: () => number): number {
  let total = 0;
  for (let i = 0; i < count; i++) total += draw();
  return total;
}

/** Stocks held by a row; they grow now and then, and never fall within the year. */
interface Stocks {
  coordination: number;
  contracts: number;
  socialPages: number;
}

function initialStocks(rng: Rng, office: boolean): Stocks {
  return office
    ? { coordination: rng.int(10, 25), contracts: rng.int(3, 10), socialPages: rng.int(3, 5) }
    : { coordination: rng.int(4, 10), contracts: rng.int(1, 6), socialPages: rng.int(1, 3) };
}

/** Holdings a little lower, half a year before `s`. */
function earlier(rng: Rng, s: Stocks): Stocks {
  return {
    coordination: Math.max(0, s.coordination - rng.int(0, 2)),
    contracts: Math.max(0, s.contracts - rng.int(0, 1)),
    socialPages: Math.max(1, s.socialPages - rng.int(0, 1)),
  };
}

/** A month's growth, never beyond `cap` (the holdings the next months open with). */
function growStocks(rng: Rng, s: Stocks, cap: Stocks = { coordination: Infinity, contracts: Infinity, socialPages: 5 }): void {
  if (rng.chance(0.1) && s.coordination < cap.coordination) s.coordination++;
  if (rng.chance(0.08) && s.contracts < cap.contracts) s.contracts++;
  if (rng.chance(0.03) && s.socialPages < Math.min(5, cap.socialPages)) s.socialPages++;
}

/** Form 03 of one row for one month (`stocks` are the row's end-of-month holdings). */
function form03Row(rng: Rng, p: ProvinceProfile, row: number, month: string, stocks: Stocks): RowValues {
  const office = p.rows[row].level !== 'local';
  const season = SEASON[parsePeriod(month).month!] ?? 1;
  // A local office's activity grows with the communes it serves (about ten on average).
  const reach = Math.min(1.6, Math.max(0.6, p.communesByRow[row] / 10));
  const conferences = office ? rng.int(1, 4) : rng.around(5 * reach * season, 0.5);
  const attendees = sumOf(conferences, () => rng.around(office ? 90 : 60, 0.3));
  const customer = Math.round(conferences * (office ? 0.3 : 0.3 + 0.3 * rng.next()));
  const groups = office ? rng.int(0, 2) : rng.around(5 * reach * season, 0.6);
  const people = sumOf(groups, () => rng.int(5, 10));
  const broadcasts = Math.round(p.communesByRow[row] * 5 * weeksIn(parsePeriod(month)) * p.broadcastCompliance * (0.9 + 0.2 * rng.next()));
  const values: RowValues = [
    office ? rng.int(1, 5) : rng.int(0, 3),
    stocks.coordination,
    stocks.contracts,
    conferences,
    attendees,
    customer,
    groups,
    people,
    office ? rng.around(25 * p.size, 0.4) : rng.int(0, 4),
    stocks.socialPages,
    office ? rng.int(1, 4) : rng.chance(0.3) ? 1 : 0,
    rng.around(office ? 80 : 25, 0.5),
    rng.around(office ? 1500 * p.size : 300 * reach, 0.5),
    rng.around(office ? 250 * p.size : 20 * reach, 0.6),
    rng.around(office ? 2000 * p.size : 400 * reach, 0.5),
    broadcasts,
    rng.around(40, 0.4),
    rng.around(10, 0.5),
    rng.int(0, 2),
    rng.around(60000 * p.size, 0.4),
  ];
  return FORM_03.columns.map((c, i) => (c.provincialOnly && !office ? null : values[i]));
}

/**
 * Form 03 rows of every month given (in order), the stocks carried from month to month. With
 * `leadIn`, the months come before the ones the rows' stocks open with (2025 before 2026): they
 * start a little lower and grow no further than that opening, so a stock never falls.
 */
export function monthlyForm03(p: ProvinceProfile, months: readonly string[], leadIn = false): Map<string, RowValues[]> {
  const opening = p.rows.map((u) => initialStocks(createRng(`stocks:${unitKey(u)}`), u.level !== 'local'));
  const stocks = leadIn ? p.rows.map((u, row) => earlier(createRng(`stocks-earlier:${unitKey(u)}`), opening[row])) : opening;
  const byMonth = new Map<string, RowValues[]>();
  for (const month of months) {
    byMonth.set(
      month,
      p.rows.map((u, row) => {
        const rng = createRng(`F03:${u.code}:${month}`);
        growStocks(rng, stocks[row], leadIn ? opening[row] : undefined);
        return form03Row(rng, p, row, month, stocks[row]);
      }),
    );
  }
  return byMonth;
}

/** A cumulative period's Form 03: flows summed over its months, stocks as at the last month. */
export function accumulateForm03(months: readonly RowValues[][]): RowValues[] {
  const last = months[months.length - 1];
  return last.map((lastRow, row) =>
    FORM_03.columns.map((c, i) => {
      if (lastRow[i] === null) return null;
      if (c.kind === 'stock') return lastRow[i];
      return months.reduce((sum, m) => sum + (m[row][i] ?? 0), 0);
    }),
  );
}

/** Form 04 rows of a six-month or annual report (a year holds twice the half-year's flows). */
export function periodForm04(p: ProvinceProfile, period: string): RowValues[] {
  const halves = monthsCovered(parsePeriod(period)).length / 6;
  return p.rows.map((u, row) => {
    const rng = createRng(`F04:${u.code}:${period}`);
    const office = u.level !== 'local';
    const reach = Math.min(1.6, Math.max(0.6, p.communesByRow[row] / 10));
    const voluntary = rng.around((office ? 50 : 350 * reach) * halves, 0.5);
    const household = rng.around((office ? 150 : 1200 * reach) * halves, 0.5);
    const visits = rng.around(Math.max(8, p.localOfficeCount) * 1.2 * halves, 0.3);
    const values: RowValues = [
      office ? rng.int(1, 5 * halves) : rng.int(1, 6 * halves),
      rng.around((office ? 50 : 30 * reach) * halves, 0.6),
      rng.around(office ? 12 : 25 * reach, 0.5),
      rng.around(12 * halves, 0.4),
      visits,
      Math.min(visits, Math.round(p.localOfficeCount * (0.5 + 0.5 * rng.next()))),
      voluntary,
      household,
      Math.round((voluntary + household) * (0.1 + 0.2 * rng.next())),
    ];
    return FORM_04.columns.map((c, i) => (c.provincialOnly && !office ? null : values[i]));
  });
}

type Range = readonly [number, number];

/**
 * How far each target got by the end of a six-month or annual period: shares of its population
 * (T5 of those reached for T4) and T7's count. A year reaches further; the annual targets
 * (data/targets.csv) are set higher too, so some provinces fall short in either.
 */
const REACHED: Record<'half' | 'year', Record<TargetCode, Range>> = {
  half: { T1: [0.45, 0.85], T2: [0.3, 0.6], T3: [0.35, 0.7], T4: [0.3, 0.55], T5: [0.4, 0.7], T6: [0.4, 0.8], T7: [3, 9] },
  year: { T1: [0.75, 1], T2: [0.55, 0.95], T3: [0.65, 1], T4: [0.5, 0.85], T5: [0.55, 0.85], T6: [0.6, 0.95], T7: [8, 16] },
};

/** The `Mục tiêu` rows of a six-month or annual report; `collaborators` = Form 04 col 3 total. */
export function periodTargets(p: ProvinceProfile, period: string, collaborators: number): TargetValues[] {
  const reach = REACHED[parsePeriod(period).kind === 'year' ? 'year' : 'half'];
  const rng = createRng(`targets:${p.code}:${period}`);
  const share = (total: number, [min, max]: Range) => Math.round(total * (min + (max - min) * rng.next()));
  const staff = (p.localOfficeCount + 1) * rng.int(3, 6) + rng.int(5, 15);
  const agents = collaborators + rng.around(600 * p.size, 0.5);
  const partyMembers = Math.round(p.labourForce * (0.07 + 0.03 * rng.next()));
  const reached = share(p.labourForce, reach.T4);
  return [
    { code: 'T1', total: staff, achieved: share(staff, reach.T1) },
    { code: 'T2', total: agents, achieved: share(agents, reach.T2) },
    { code: 'T3', total: partyMembers, achieved: share(partyMembers, reach.T3) },
    { code: 'T4', total: p.labourForce, achieved: reached },
    { code: 'T5', total: p.labourForce, achieved: share(reached, reach.T5) },
    { code: 'T6', total: p.communes, achieved: share(p.communes, reach.T6) },
    { code: 'T7', total: null, achieved: rng.int(...reach.T7) },
  ];
}

/**
 * Spreads figures reported under the old provinces over the rows of their successor: the old
 * provincial offices' rows onto the new office row, the old local offices' (summed) over the new
 * local offices in proportion to the communes each serves. Whole numbers by largest remainder,
 * so the rows add up exactly; a column blank on a row stays blank there.
 */
export function spreadOver(p: ProvinceProfile, office: RowValues, locals: RowValues): RowValues[] {
  const weights = p.communesByRow;
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const spread = locals.map((total) => {
    const exact = weights.map((w) => ((total ?? 0) * w) / weightSum);
    const shares = exact.map(Math.floor);
    let left = (total ?? 0) - shares.reduce((a, b) => a + b, 0);
    const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    for (const [, i] of order) if (left-- > 0) shares[i]++;
    return shares;
  });
  return p.rows.map((u, row) =>
    (u.level === 'local' ? locals : office).map((total, col) => (total === null ? null : u.level === 'local' ? spread[col][row] : total)),
  );
}
