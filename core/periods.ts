/**
 * Reporting periods: monthly `YYYY-MM`, six-month `YYYY-H1` (Jan–Jun cumulative) and annual
 * `YYYY` (Jan–Dec cumulative). Dates are ISO `YYYY-MM-DD` strings so that the module works the
 * same in Node and in the task pane, free of time zones.
 */
import type { FormId, Text } from './forms';
import { isoDate } from './dates';
import { pad2 } from './format';

export type PeriodKind = 'month' | 'half' | 'year';

export interface Period {
  kind: PeriodKind;
  year: number;
  /** 1–12 for monthly periods. */
  month?: number;
  /** Canonical code: `2026-03`, `2026-H1`, `2026`. */
  code: string;
}

const PERIOD_RE = /^(\d{4})(?:-(?:(0[1-9]|1[0-2])|(H1)))?$/;

export class PeriodError extends Error {}

export function parsePeriod(text: string): Period {
  const m = PERIOD_RE.exec(String(text).trim().toUpperCase());
  if (!m) {
    throw new PeriodError(
      `Kỳ báo cáo "${text}" không đúng dạng YYYY-MM, YYYY-H1 hoặc YYYY / Period "${text}" is not YYYY-MM, YYYY-H1 or YYYY`,
    );
  }
  const year = Number(m[1]);
  if (year < 2000 || year > 2100) throw new PeriodError(`Năm ${year} ngoài phạm vi / Year ${year} out of range`);
  if (m[2]) return { kind: 'month', year, month: Number(m[2]), code: `${m[1]}-${m[2]}` };
  if (m[3]) return { kind: 'half', year, code: `${m[1]}-H1` };
  return { kind: 'year', year, code: m[1] };
}

export function isPeriodCode(text: string): boolean {
  return PERIOD_RE.test(String(text).trim().toUpperCase());
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Months covered, 1-based. */
export function monthsCovered(p: Period): number[] {
  if (p.kind === 'month') return [p.month!];
  const last = p.kind === 'half' ? 6 : 12;
  return Array.from({ length: last }, (_, i) => i + 1);
}

/** Codes of the monthly periods a period covers. */
export function monthCodes(p: Period): string[] {
  return monthsCovered(p).map((m) => `${p.year}-${pad2(m)}`);
}

export function periodStart(p: Period): string {
  return isoDate(p.year, monthsCovered(p)[0], 1);
}

export function periodEnd(p: Period): string {
  const months = monthsCovered(p);
  const last = months[months.length - 1];
  return isoDate(p.year, last, daysInMonth(p.year, last));
}

function daysIn(p: Period): number {
  return monthsCovered(p).reduce((n, m) => n + daysInMonth(p.year, m), 0);
}

/** Weeks in the period (days / 7), the denominator of N12. */
export function weeksIn(p: Period): number {
  return daysIn(p) / 7;
}

/**
 * The date a report is due *before* (docs/FORMS.md): the 28th of the month, 20 June, 25 December.
 * A report dated on that day or later is late (Q04).
 */
export function dueBefore(p: Period): string {
  if (p.kind === 'month') return isoDate(p.year, p.month!, 28);
  if (p.kind === 'half') return isoDate(p.year, 6, 20);
  return isoDate(p.year, 12, 25);
}

export function isOnTime(p: Period, reportDate: string): boolean {
  return reportDate < dueBefore(p);
}

/** Forms a report of this period holds; six-month and annual reports also hold the targets. */
export function formsOf(p: Period): FormId[] {
  return p.kind === 'month' ? ['F03'] : ['F03', 'F04'];
}

export function hasTargets(p: Period): boolean {
  return p.kind !== 'month';
}

// Spelt out rather than asked of Intl, which builds a formatter at every call (a label is made for
// every row of some outputs).
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function periodLabel(p: Period): Text {
  if (p.kind === 'month') {
    return { vi: `Tháng ${pad2(p.month!)}/${p.year}`, en: `${MONTHS_EN[p.month! - 1]} ${p.year}` };
  }
  if (p.kind === 'half') return { vi: `6 tháng đầu năm ${p.year}`, en: `First half of ${p.year}` };
  return { vi: `Năm ${p.year}`, en: `Year ${p.year}` };
}

/** The period of the same kind just before (2026-01 → 2025-12, 2026-H1 → 2025-H1, 2026 → 2025). */
export function previousPeriod(p: Period): Period {
  if (p.kind === 'month') {
    return p.month === 1 ? parsePeriod(`${p.year - 1}-12`) : parsePeriod(`${p.year}-${pad2(p.month! - 1)}`);
  }
  return parsePeriod(p.kind === 'half' ? `${p.year - 1}-H1` : `${p.year - 1}`);
}

/** Orders periods by their end date, then shorter first (2026-06 before 2026-H1). */
export function comparePeriods(a: Period, b: Period): number {
  const byEnd = periodEnd(a).localeCompare(periodEnd(b));
  return byEnd !== 0 ? byEnd : daysIn(a) - daysIn(b);
}
