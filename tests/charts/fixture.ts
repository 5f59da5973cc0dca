/**
 * A realistic ReportData built by hand: the 34 provinces of data/units.csv, Form 03/04 totals
 * and targets drawn from a seeded generator at the magnitudes of the seeds (a local office
 * holds a handful of conferences a month, ~60 guests each), indicators computed with the real
 * core evaluator, and issues that include hostile text (as any file may carry).
 */
import { unitStatuses, type StatusSubmission, type UnitStatus } from '../../core/unit-status';
import type { TargetCode } from '../../core/forms';
import { evaluateIndicators, type IndicatorInput, type IndicatorValue } from '../../core/indicators';
import { monthCodes, parsePeriod, previousPeriod, weeksIn, type Period } from '../../core/periods';
import type { MonthlyFlow, ProvinceEffectiveness, ReportData, ReportingCell, ReportingStatus, ReportIssue } from '../../core/report-data';
import { NATIONAL_CODE, type Unit } from '../../core/units';
import { loadRegistry, loadTargets } from '../../pipeline/reference';

export const HOSTILE = {
  script: '<script>alert("x")</script>',
  img: '<img src=x onerror="alert(1)">',
  attr: '" onmouseover="alert(2)" x="',
  entity: 'Tổng &amp; cộng <b>đậm</b> & \'trích\'',
};

function rng(seedText: string) {
  let seed = 0;
  for (const c of seedText) seed = (Math.imul(seed, 31) + c.charCodeAt(0)) | 0;
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const between = (r: () => number, lo: number, hi: number) => lo + (hi - lo) * r();
const whole = (x: number) => Math.max(0, Math.round(x));

interface ProvinceMonths {
  /** Form 03 totals by month, index i = column i + 1. */
  months: number[][];
}

/** Form 03 totals of one province for each month of a year. */
function monthlyForm03(unit: Unit, localOffices: number, year: number, months: number): ProvinceMonths {
  const r = rng(`${unit.code}-${year}`);
  const growth = year >= 2026 ? 1.12 : 1;
  const communes = unit.communes ?? 60;
  return {
    months: Array.from({ length: months }, (_, m) => {
      const season = m === 4 ? 1.6 : 1; // May is the campaign month
      const conferences = whole(localOffices * between(r, 0.8, 2.2) * season * growth);
      const groups = whole(localOffices * between(r, 1.5, 4) * season * growth);
      const row = Array.from({ length: 20 }, () => whole(between(r, 0, 40)));
      row[3] = conferences;
      row[4] = whole(conferences * between(r, 45, 80));
      row[5] = whole(conferences * between(r, 0.3, 0.6));
      row[6] = groups;
      row[7] = whole(groups * between(r, 6, 10));
      row[15] = whole(communes * 4.3 * between(r, 2.5, 6.5));
      return row;
    }),
  };
}

export interface FixtureOptions {
  period?: string;
  /** Provinces with no report for the period (codes). */
  missing?: readonly string[];
  late?: readonly string[];
  /** Replaces a province's name (to test escaping). */
  renameProvince?: { code: string; name: string };
}

export function makeReportData(options: FixtureOptions = {}): ReportData {
  const period = parsePeriod(options.period ?? '2026-H1');
  const registry = loadRegistry();
  const targets = loadTargets();
  const missing = new Set(options.missing ?? ['12', '96']);
  const late = new Set(options.late ?? ['04', '46', '86']);
  const units = registry.provinces(period).map((u) =>
    options.renameProvince?.code === u.code ? { ...u, name: options.renameProvince.name } : u,
  );
  const monthsOfPeriod = monthCodes(period).length;
  const lastMonth = period.kind === 'month' ? period.month! : monthsOfPeriod;

  const build = (p: Period, scale: number) => {
    const inputs: IndicatorInput[] = [];
    const effectiveness: ProvinceEffectiveness[] = [];
    for (const unit of units) {
      const localOffices = registry.localOfficeCount(unit.code, period);
      const received = !missing.has(unit.code);
      const submissions = { expected: 1, received: received ? 1 : 0, on_time: received && !late.has(unit.code) ? 1 : 0 };
      if (!received) {
        inputs.push({ unitCode: unit.code, forms: {}, targets: {}, localOffices, communes: unit.communes, weeks: weeksIn(p), submissions });
        effectiveness.push({ unitCode: unit.code, conferences: null, newParticipants: null });
        continue;
      }
      const months = monthlyForm03(unit, localOffices, p.year, 12).months;
      const covered = p.kind === 'month' ? [months[p.month! - 1]] : months.slice(0, p.kind === 'half' ? 6 : 12);
      const f03 = covered[0].map((_, i) => covered.reduce((n, m) => n + m[i], 0));
      const r = rng(`${unit.code}-${p.code}-f04`);
      const conferences = f03[3];
      const f04 = Array.from({ length: 9 }, () => whole(between(r, 5, 60)));
      f04[5] = whole(localOffices * between(r, 0.3, 1));
      f04[6] = whole(conferences * between(r, 1, 6));
      f04[7] = whole(conferences * between(r, 3, 14));
      f04[8] = whole((f04[6] + f04[7]) * between(r, 0.2, 0.5));
      const t: IndicatorInput['targets'] = {};
      const totals: Record<TargetCode, number> = {
        T1: localOffices * 3 + 12,
        T2: localOffices * 40,
        T3: whole(between(r, 20000, 150000)),
        T4: whole(between(r, 400000, 3000000)),
        T5: whole(between(r, 400000, 3000000)),
        T6: unit.communes ?? 80,
        T7: 0,
      };
      for (const code of ['T1', 'T2', 'T3', 'T4', 'T5', 'T6'] as const) {
        const target = targets.targetOfRow(code, p) ?? 0.5;
        t[code] = { total: totals[code], achieved: whole(totals[code] * Math.min(1, target * between(r, 0.75, 1.3) * scale)) };
      }
      t.T7 = { total: null, achieved: whole(between(r, 3, 9)) };
      inputs.push({
        unitCode: unit.code,
        forms: { F03: f03, F04: p.kind === 'month' ? undefined : f04 },
        targets: p.kind === 'month' ? {} : t,
        localOffices,
        communes: unit.communes,
        weeks: weeksIn(p),
        submissions,
      });
      effectiveness.push({ unitCode: unit.code, conferences, newParticipants: p.kind === 'month' ? null : f04[6] + f04[7] });
    }
    const targetOf = (id: Parameters<typeof targets.targetOf>[0]) => targets.targetOf(id, p);
    const indicators: IndicatorValue[] = [
      ...evaluateIndicators(p, NATIONAL_CODE, inputs, targetOf),
      ...inputs.flatMap((input) => evaluateIndicators(p, input.unitCode, [input], targetOf)),
    ];
    return { indicators, effectiveness };
  };

  const current = build(period, 1);
  const previous = build(previousPeriod(period), 0.9);

  const monthlyFlows: MonthlyFlow[] = [];
  for (const [year, count] of [[period.year, lastMonth], [period.year - 1, 12]] as const) {
    const perProvince = units.map((u) => monthlyForm03(u, registry.localOfficeCount(u.code, period), year, 12).months);
    for (let m = 0; m < count; m++) {
      for (const column of [4, 5, 7, 16]) {
        const value = perProvince.reduce((n, months) => n + months[m][column - 1], 0);
        monthlyFlows.push({ month: `${year}-${String(m + 1).padStart(2, '0')}`, column, value });
      }
    }
  }

  const reportingPeriods = [...monthCodes(period).slice(0, lastMonth), ...(period.kind === 'month' ? [] : [period.code])];
  const reporting: ReportingCell[] = units.flatMap((u) =>
    reportingPeriods.map((code, i) => {
      const status: ReportingStatus =
        code === period.code ? (missing.has(u.code) ? (u.code === REFUSED ? 'refused' : 'missing') : late.has(u.code) ? 'late' : 'on_time')
        : (Number(u.code) + i) % 11 === 0 ? 'late'
        : (Number(u.code) + i) % 17 === 0 ? 'missing'
        : 'on_time';
      return { unitCode: u.code, period: code, status, reportDate: status === 'missing' ? null : `${period.year}-06-1${i % 9}` };
    }),
  );

  const issues: ReportIssue[] = [
    {
      rule: 'V03', severity: 'error', sheet: 'Mẫu 03', row: 14, column: 8, cell: 'H14', unitCode: '5102',
      file: 'BHXH_51_2026-H1.xlsx',
      message: { vi: 'Số người tham dự (cột 5) nhỏ hơn số hội nghị (cột 4)', en: 'Attendees (col 5) below conferences (col 4)' },
    },
    {
      rule: 'V04', severity: 'warning', sheet: 'Mẫu 03', row: 12, column: 8, cell: 'H12', unitCode: '0100',
      file: `Hà Nội ${HOSTILE.img}.xlsx`,
      message: { vi: `Bình quân hơn 500 người mỗi hội nghị ${HOSTILE.script}`, en: 'More than 500 attendees per conference' },
    },
    {
      rule: 'V12', severity: 'error', sheet: `Mẫu 04 ${HOSTILE.attr}`, row: 30, column: 10, cell: 'J30', unitCode: '79',
      file: 'BHXH_79_2026-H1.xlsx',
      message: { vi: `Dòng tổng khác tổng các dòng: ${HOSTILE.entity}`, en: 'Total row differs from the sum' },
    },
    {
      rule: 'L01', severity: 'error', sheet: null, row: null, column: null, cell: null, unitCode: null,
      file: 'khong-doc-duoc.xlsx',
      message: { vi: 'Tệp không phải là sổ tính Excel', en: 'Not an Excel workbook' },
    },
    ...[...missing].map((code): ReportIssue => ({
      rule: 'Q05', severity: 'info', sheet: null, row: null, column: null, cell: null, unitCode: code,
      message: { vi: `Chưa nhận được báo cáo kỳ ${period.code}`, en: `No report for ${period.code}` },
    })),
  ];

  const prev = previousPeriod(period);
  return {
    period: period.code,
    previousPeriod: prev.code,
    producedAt: '2026-06-25T03:15:00.000Z',
    provinces: units.map((u) => ({ code: u.code, name: u.name })),
    indicators: current.indicators,
    previousIndicators: previous.indicators.filter((v) => v.unitCode === NATIONAL_CODE),
    monthlyFlows,
    effectiveness: current.effectiveness,
    reporting,
    statuses: fixtureStatuses(period, units, missing, late),
    issues,
  };
}

/** A province among the missing ones whose file came in and was refused. */
const REFUSED = '12';

/**
 * Statuses matching the reporting cells of the period, plus one refused file (12, which sent a
 * file that was turned away) and one override (79, whose V12 error above was let through).
 */
function fixtureStatuses(period: Period, units: readonly { code: string; name: string }[], missing: ReadonlySet<string>, late: ReadonlySet<string>): UnitStatus[] {
  const subs: StatusSubmission[] = [];
  units.forEach((u, i) => {
    const base = { id: i + 1, unitCode: u.code, fileName: `BHXH_${u.code}_${period.code}.xlsx`, receivedAt: '2026-06-20T02:00:00Z', arrivedAt: '2026-06-20 02:00:00.000000', overrideReason: null, errors: 0, firstError: null };
    if (u.code === REFUSED && missing.has(u.code)) {
      subs.push({ ...base, reportDate: '2026-06-10', verdict: 'refused', counts: false, errors: 2, firstError: { rule: 'V02', sheet: 'Mẫu 03', cell: 'I14', message: { vi: 'Hội nghị khách hàng lớn hơn tổng số hội nghị', en: 'Customer conferences exceed conferences' } } });
      return;
    }
    if (missing.has(u.code)) return;
    const reportDate = late.has(u.code) ? `${period.year}-12-30` : `${period.year}-01-01`;
    const override = u.code === '79' ? { errors: 1, overrideReason: 'Số liệu đã được lãnh đạo xác nhận' } : {};
    subs.push({ ...base, reportDate, verdict: 'accepted', counts: true, ...override });
  });
  return unitStatuses(period, units, subs);
}
