/**
 * How the draft words its figures: Vietnamese numbers (`1.234`, `12,5 %`), comparisons with the
 * periods known ("tăng 12,5 % so với cùng kỳ năm 2025") and nothing where a figure is missing.
 */
import { viNumber } from '../format';
import { INDICATOR_BY_ID, type IndicatorId, type IndicatorValue } from '../indicators';
import type { FormId, TargetCode } from '../forms';
import { pad2 } from '../format';
import type { Period } from '../periods';
import type { DraftFigures, DraftInput } from './figures';

export const NO_FIGURE = 'chưa có số liệu';

/** A count: `1.234`, or "chưa có số liệu". */
export function count(v: number | null | undefined): string {
  return v === null || v === undefined ? NO_FIGURE : viNumber(v, 0);
}

/** A fraction as the administrative text writes it: `12,5 %`. */
export function percent(fraction: number): string {
  return `${viNumber(fraction * 100, 1)} %`;
}

/** An indicator value in its own unit: `45,2 %` or `61,3`. */
export function indicatorText(id: IndicatorId, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NO_FIGURE;
  return INDICATOR_BY_ID[id].unit === 'percent' ? percent(value) : viNumber(value, 1);
}

/** A period as the subject line and comparisons name it. */
export function periodPhrase(p: Period): string {
  if (p.kind === 'month') return `tháng ${pad2(p.month!)}/${p.year}`;
  return p.kind === 'half' ? `6 tháng đầu năm ${p.year}` : `năm ${p.year}`;
}

/** A period a figure is compared with, named as the sentence says it. */
export interface Basis {
  label: string;
  figures: DraftFigures | null;
}

/** The previous month (monthly reports only) and the same period of the previous year. */
export function bases(input: DraftInput): Basis[] {
  const p = input.current.period;
  const lastYear = { label: `cùng kỳ năm ${p.year - 1}`, figures: input.lastYear };
  if (p.kind !== 'month') return [lastYear];
  const prevMonth = p.month === 1 ? `tháng 12/${p.year - 1}` : `tháng ${pad2(p.month! - 1)}/${p.year}`;
  return [{ label: prevMonth, figures: input.previous }, lastYear];
}

/** "Chưa có số liệu cùng kỳ năm 2025 để so sánh." for every basis without figures; null when all are there. */
export function missingBasesNote(list: readonly Basis[]): string | null {
  const missing = list.filter((b) => b.figures === null).map((b) => b.label);
  if (missing.length === 0) return null;
  return `Chưa có số liệu ${missing.join(' và ')} để so sánh; các số liệu dưới đây chưa kèm so sánh với ${missing.length > 1 ? 'các kỳ' : 'kỳ'} này.`;
}

/** Change of a count against one basis: `tăng 12,5 % so với cùng kỳ năm 2025`. */
function change(now: number, before: number, label: string): string {
  if (before === 0) return now === 0 ? `bằng ${label}` : `${label} là 0`;
  const rel = (now - before) / before;
  const text = viNumber(Math.abs(rel) * 100, 1);
  if (text === '0,0') return `tương đương ${label}`;
  return `${rel > 0 ? 'tăng' : 'giảm'} ${text} % so với ${label}`;
}

export type FigureRef = { form: FormId; column: number } | { form: FormId; columns: number[] };

/** A form figure of one period: a column's total, or the sum of several (null when none is reported). */
export function formValue(f: DraftFigures | null, ref: FigureRef): number | null {
  if (!f) return null;
  const row = f.totals.forms[ref.form];
  if (!row) return null;
  const cols = 'column' in ref ? [ref.column] : ref.columns;
  const values = cols.map((c) => row[c - 1]).filter((v): v is number => v !== null && v !== undefined);
  return values.length ? values.reduce((a, b) => a + b, 0) : null;
}

/** ` (tăng 12,5 % so với tháng 02/2026, giảm 3,0 % so với cùng kỳ năm 2025)`, or '' when nothing compares. */
export function compared(input: DraftInput, ref: FigureRef): string {
  const now = formValue(input.current, ref);
  if (now === null) return '';
  const parts = bases(input).flatMap((b) => {
    const before = formValue(b.figures, ref);
    return before === null ? [] : [change(now, before, b.label)];
  });
  return parts.length ? ` (${parts.join('; ')})` : '';
}

/**
 * A form figure, what it counts and its comparisons: `1.234 hội nghị (tăng 12,5 % so với cùng kỳ
 * năm 2025)`; a blank cell reads `hội nghị (chưa có số liệu)`, never `chưa có số liệu hội nghị`.
 */
export function figure(input: DraftInput, ref: FigureRef, noun: string): string {
  const value = formValue(input.current, ref);
  return value === null ? `${noun} (${NO_FIGURE})` : `${count(value)} ${noun}${compared(input, ref)}`;
}

export function indicatorOf(f: DraftFigures | null, id: IndicatorId): IndicatorValue | undefined {
  return f?.indicators.find((v) => v.indicator === id);
}

/**
 * `đạt mục tiêu 50,0 %` / `chưa đạt mục tiêu 50,0 % (thấp hơn 4,8 điểm %)` / '' without a target;
 * `unit` follows a ratio's target (` lượt/xã/tuần`).
 */
export function targetVerdict(v: IndicatorValue | undefined, unit = ''): string {
  if (!v || v.target === null) return '';
  const target = indicatorText(v.indicator, v.target) + unit;
  if (v.value === null) return `mục tiêu ${target}`;
  if (v.value >= v.target) return `đạt mục tiêu ${target}`;
  const percentUnit = INDICATOR_BY_ID[v.indicator].unit === 'percent';
  const gap = viNumber((v.target - v.value) * (percentUnit ? 100 : 1), 1);
  return `chưa đạt mục tiêu ${target} (thấp hơn ${gap}${percentUnit ? ' điểm %' : ''})`;
}

/** An indicator's comparisons: `cùng kỳ năm 2025: 40,1 %`, in percentage points where it is a %. */
export function indicatorCompared(input: DraftInput, id: IndicatorId): string {
  const now = indicatorOf(input.current, id)?.value;
  if (now === null || now === undefined) return '';
  const parts = bases(input).flatMap((b) => {
    const before = indicatorOf(b.figures, id)?.value;
    return before === null || before === undefined ? [] : [`${b.label}: ${indicatorText(id, before)}`];
  });
  return parts.length ? ` (${parts.join('; ')})` : '';
}

/** Target row figures: achieved and total of one target code. */
export function targetRow(f: DraftFigures | null, code: TargetCode): { total: number | null; achieved: number | null } {
  return f?.totals.targets[code] ?? { total: null, achieved: null };
}
