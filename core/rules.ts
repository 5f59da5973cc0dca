/**
 * The rule engine: V01–V15 of docs/FORMS.md over a Submission's plain values. Comparison rules are
 * declared as data (the DHIS2 way) and checked by one evaluator; V01 decides what a number is,
 * and every other rule looks only at values V01 accepted, so one bad cell gives one issue.
 */
import { FORMS, TARGET_CODES, TARGETS, TARGETS_SHEET, type ColumnDef, type FormDef, type FormId, type Text } from './forms';
import { VALUE_MAX } from './layout';
import { isIsoDate } from './dates';
import { formsOf, hasTargets, isPeriodCode, parsePeriod, periodStart, type Period } from './periods';
import { viNumber } from './format';
import { shorten } from './safe-text';
import { isDate } from './spreadsheet';
import {
  cellIssue,
  fileIssue,
  type FormRow,
  type FormTable,
  type Issue,
  type RawValue,
  type Submission,
  valueIssue,
  type RuleId,
} from './submission';
import { NATIONAL_CODE, type UnitRegistry } from './units';

export type ValueCheck = { ok: true; value: number | null } | { ok: false; problem: Text };

const fmt = viNumber;

/** V01 for one cell: blank, or a whole number within range. Text that looks like a number is refused too. */
export function checkValue(raw: RawValue, max: number = VALUE_MAX): ValueCheck {
  if (raw === null || (typeof raw === 'string' && raw.trim() === '')) return { ok: true, value: null };
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return { ok: false, problem: { vi: 'không phải số hữu hạn', en: 'not a finite number' } };
    if (!Number.isInteger(raw)) return { ok: false, problem: { vi: `số thập phân (${String(raw).replace('.', ',')})`, en: `a decimal (${raw})` } };
    if (raw < 0) return { ok: false, problem: { vi: `số âm (${fmt(raw)})`, en: `negative (${raw})` } };
    if (raw > max) return { ok: false, problem: { vi: `lớn hơn ${fmt(max)} (${fmt(raw)})`, en: `above ${max} (${raw})` } };
    return { ok: true, value: raw };
  }
  if (typeof raw === 'string') {
    const shown = shorten(raw);
    const numeric = /^[\d.,\s]+$/.test(raw.trim());
    return numeric
      ? { ok: false, problem: { vi: `số lưu dạng văn bản ("${shown}")`, en: `a number stored as text ("${shown}")` } }
      : { ok: false, problem: { vi: `văn bản ("${shown}")`, en: `text ("${shown}")` } };
  }
  if (typeof raw === 'boolean') return { ok: false, problem: { vi: 'giá trị đúng/sai', en: 'a true/false value' } };
  if (isDate(raw)) return { ok: false, problem: { vi: 'ngày tháng', en: 'a date' } };
  return { ok: false, problem: { vi: `lỗi công thức ${raw.error}`, en: `formula error ${raw.error}` } };
}

/** The number in a cell if V01 accepts it; null for blank or refused. */
export function numericValue(raw: RawValue, max: number = VALUE_MAX): number | null {
  const c = checkValue(raw, max);
  return c.ok ? c.value : null;
}

function isValid(raw: RawValue, max: number): boolean {
  return checkValue(raw, max).ok;
}

/** `(6) Trong đó: hội nghị khách hàng` */
function columnName(col: ColumnDef, lang: keyof Text): string {
  return `(${col.no}) ${col.label[lang]}`;
}

// --- Declarative comparison rules V02–V08, V10 -------------------------------------------

type Operand = { columns: number[]; factor?: number } | { constant: number };

interface ComparisonRule {
  id: RuleId;
  form: FormId;
  /** Must not exceed `big`. */
  small: Operand;
  big: Operand;
  /** The rule applies when this column is > 0; by default, when `small` is > 0. */
  when?: number;
  /** The column the issue points at. */
  anchor: number;
}

const COMPARISONS: readonly ComparisonRule[] = [
  { id: 'V02', form: 'F03', small: { columns: [6] }, big: { columns: [4] }, anchor: 6 },
  { id: 'V03', form: 'F03', small: { columns: [4] }, big: { columns: [5] }, anchor: 5 },
  { id: 'V04', form: 'F03', small: { columns: [5] }, big: { columns: [4], factor: 500 }, anchor: 5 },
  { id: 'V05', form: 'F03', small: { columns: [7] }, big: { columns: [8] }, anchor: 8 },
  { id: 'V06', form: 'F03', small: { columns: [8] }, big: { columns: [7], factor: 50 }, anchor: 8 },
  { id: 'V07', form: 'F03', small: { constant: 1 }, big: { columns: [10] }, when: 12, anchor: 10 },
  { id: 'V08', form: 'F04', small: { columns: [6] }, big: { columns: [5] }, anchor: 6 },
  { id: 'V10', form: 'F04', small: { columns: [9] }, big: { columns: [7, 8] }, anchor: 9 },
];

function operandValue(op: Operand, nums: (number | null)[]): number {
  if ('constant' in op) return op.constant;
  return op.columns.reduce((s, c) => s + (nums[c - 1] ?? 0), 0) * (op.factor ?? 1);
}

function operandText(op: Operand, form: FormDef, nums: (number | null)[], lang: keyof Text): string {
  if ('constant' in op) return String(op.constant);
  const cols = op.columns.map((c) => columnName(form.columns[c - 1], lang)).join(' + ');
  const value = op.columns.reduce((s, c) => s + (nums[c - 1] ?? 0), 0);
  const factor = op.factor ? `${op.factor} × ` : '';
  return `${factor}${op.columns.length > 1 ? `[${cols}]` : cols} = ${factor}${fmt(value)}`;
}

function checkComparisons(table: FormTable, rows: FormRow[], nums: Map<FormRow, (number | null)[]>, max: number): Issue[] {
  const form = FORMS[table.form];
  const issues: Issue[] = [];
  for (const rule of COMPARISONS.filter((r) => r.form === table.form)) {
    const involved = [rule.when, rule.anchor, ...('columns' in rule.small ? rule.small.columns : []), ...('columns' in rule.big ? rule.big.columns : [])];
    for (const row of rows) {
      const v = nums.get(row)!;
      if (involved.some((c) => c !== undefined && !isValid(row.values[c - 1], max))) continue;
      const trigger = rule.when !== undefined ? v[rule.when - 1] ?? 0 : operandValue(rule.small, v);
      if (!(trigger > 0)) continue;
      if (operandValue(rule.small, v) <= operandValue(rule.big, v)) continue;
      const say = (lang: keyof Text) => {
        const cond = rule.when !== undefined ? `${columnName(form.columns[rule.when - 1], lang)} = ${fmt(v[rule.when - 1]!)}; ` : '';
        const need = lang === 'vi' ? 'phải ≥' : 'must be ≥';
        return `${cond}${operandText(rule.big, form, v, lang)} ${need} ${operandText(rule.small, form, v, lang)}`;
      };
      issues.push(valueIssue(rule.id, table, row, rule.anchor, { vi: `${row.unitCode}: ${say('vi')}`, en: `${row.unitCode}: ${say('en')}` }));
    }
  }
  return issues;
}

// --- Rules that need more than one row or the registry -------------------------------------

function checkValues(table: FormTable, rows: FormRow[], max: number): Issue[] {
  const form = FORMS[table.form];
  const issues: Issue[] = [];
  for (const row of rows) {
    form.columns.forEach((col, i) => {
      // A template SUM total only echoes the unit rows; their V01 issues already say it.
      if (row === table.total && table.totalIsSumFormula?.[i]) return;
      const c = checkValue(row.values[i] ?? null, max);
      if (c.ok) return;
      issues.push(
        valueIssue('V01', table, row, col.no, {
          vi: `${columnName(col, 'vi')}: ${c.problem.vi}; cần để trống hoặc nhập số nguyên từ 0 đến ${fmt(VALUE_MAX)}`,
          en: `${columnName(col, 'en')}: ${c.problem.en}; must be blank or a whole number 0 … ${VALUE_MAX}`,
        }),
      );
    });
  }
  return issues;
}

/** V12: the total row equals the column sums of the unit rows (skipped where V01 already spoke). */
function checkTotals(table: FormTable, max: number): Issue[] {
  const total = table.total;
  if (!total) return [];
  const form = FORMS[table.form];
  const issues: Issue[] = [];
  form.columns.forEach((col, i) => {
    if (table.totalIsSumFormula?.[i]) return;
    const cells = [total, ...table.rows].map((r) => r.values[i] ?? null);
    if (!cells.every((c) => isValid(c, max))) return;
    const sum = table.rows.reduce((s, r) => s + (numericValue(r.values[i] ?? null, max) ?? 0), 0);
    const stated = numericValue(total.values[i] ?? null, max);
    if ((stated ?? 0) === sum) return;
    issues.push(
      valueIssue('V12', table, total, col.no, {
        vi: `Tổng cộng ${columnName(col, 'vi')} = ${stated === null ? '(trống)' : fmt(stated)}, nhưng tổng các dòng đơn vị = ${fmt(sum)}`,
        en: `Total of ${columnName(col, 'en')} = ${stated === null ? '(blank)' : stated}, but the unit rows sum to ${sum}`,
      }),
    );
  });
  return issues;
}

/** V13: provincial-only columns stay blank or 0 on local-office rows. */
function checkProvincialOnly(table: FormTable, registry: UnitRegistry, period: Period | null): Issue[] {
  if (!period) return [];
  const form = FORMS[table.form];
  const issues: Issue[] = [];
  for (const row of table.rows) {
    if (registry.find(row.unitCode, period)?.level !== 'local') continue;
    for (const col of form.columns.filter((c) => c.provincialOnly)) {
      const v = numericValue(row.values[col.no - 1] ?? null);
      if (!v) continue;
      issues.push(
        valueIssue('V13', table, row, col.no, {
          vi: `${columnName(col, 'vi')} chỉ dành cho Văn phòng BHXH tỉnh, nhưng dòng BHXH cơ sở ${row.unitCode} ghi ${fmt(v)}`,
          en: `${columnName(col, 'en')} is for the provincial office only, but local office ${row.unitCode} reports ${v}`,
        }),
      );
    }
  }
  return issues;
}

/** V09: local offices inspected cannot exceed the local offices there are. */
function checkInspected(table: FormTable, sub: Submission, registry: UnitRegistry, period: Period | null): Issue[] {
  if (!period) return [];
  const col = FORMS.F04.columns[5];
  const issues: Issue[] = [];
  const rows = table.total ? [...table.rows, table.total] : table.rows;
  for (const row of rows) {
    const level = row === table.total ? null : registry.find(row.unitCode, period)?.level;
    if (level === 'local') continue; // V13 speaks for those
    const bound = registry.localOfficeCount(row === table.total ? sub.unitCode : row.unitCode, period);
    const v = numericValue(row.values[5] ?? null);
    if (v === null || v <= bound) continue;
    issues.push(
      valueIssue('V09', table, row, col.no, {
        vi: `${columnName(col, 'vi')} = ${fmt(v)}, nhiều hơn số BHXH cơ sở của đơn vị (${bound})`,
        en: `${columnName(col, 'en')} = ${v}, more than the unit's local offices (${bound})`,
      }),
    );
  }
  return issues;
}

/** V14 for the rows: each row is a unit of this report, valid in the period, and none is missing. */
function checkRowUnits(table: FormTable, sub: Submission, registry: UnitRegistry, period: Period): Issue[] {
  const expected = registry.reportRows(sub.unitCode, period);
  const expectedCodes = new Set(expected.map((u) => u.code));
  const seen = new Set(table.rows.map((r) => r.unitCode));
  const issues: Issue[] = [];
  for (const row of table.rows) {
    if (expectedCodes.has(row.unitCode)) continue;
    issues.push(
      cellIssue('V14', table.sheetName, row.sheetRow, table.columns.code, {
        vi: `Mã đơn vị "${row.unitCode}" không thuộc ${sub.unitCode} hoặc không còn hiệu lực trong kỳ ${period.code}`,
        en: `Unit code "${row.unitCode}" is not part of ${sub.unitCode} or not valid in ${period.code}`,
      }),
    );
  }
  const missing = expected.filter((u) => !seen.has(u.code));
  if (missing.length > 0) {
    issues.push(
      fileIssue('V14', {
        vi: `Thiếu dòng của đơn vị: ${missing.map((u) => `${u.code} ${u.name}`).join('; ')}`,
        en: `Rows missing for units: ${missing.map((u) => u.code).join(', ')}`,
      }, table.sheetName),
    );
  }
  return issues;
}

/** V14 for the file: known unit valid in a well-formed period, with a report date. */
function checkIdentity(sub: Submission, registry: UnitRegistry): { issues: Issue[]; period: Period | null } {
  const issues: Issue[] = [];
  const sheet = sub.forms.F03?.sheetName ?? null;
  if (!isPeriodCode(sub.period)) {
    issues.push(fileIssue('V14', { vi: `Kỳ báo cáo "${sub.period}" không đúng dạng (YYYY-MM, YYYY-H1, YYYY)`, en: `Period "${sub.period}" is not YYYY-MM, YYYY-H1 or YYYY` }, sheet));
    return { issues, period: null };
  }
  const period = parsePeriod(sub.period);
  const unit = registry.find(sub.unitCode, period);
  if (!unit || unit.level === 'office') {
    const other = registry.versions(sub.unitCode).find((u) => u.level === 'province');
    const vi = other
      ? `Mã đơn vị ${sub.unitCode} (${other.name}) không còn hiệu lực trong kỳ ${period.code}${other.validTo ? ` (hết hiệu lực từ ${other.validTo})` : ''}`
      : `Mã đơn vị báo cáo "${sub.unitCode}" không có trong danh mục`;
    const en = other ? `Unit ${sub.unitCode} (${other.name}) is not valid in ${period.code}` : `Unknown reporting unit "${sub.unitCode}"`;
    issues.push(fileIssue('V14', { vi, en }, sheet));
  }
  if (!sub.reportDate) {
    issues.push(fileIssue('V14', { vi: 'Thiếu ngày báo cáo', en: 'Report date missing' }, sheet));
  } else if (!isIsoDate(sub.reportDate)) {
    issues.push(fileIssue('V14', { vi: `Ngày báo cáo "${sub.reportDate}" không hợp lệ`, en: `Report date "${sub.reportDate}" is not a date` }, sheet));
  } else if (sub.reportDate < periodStart(period)) {
    issues.push(fileIssue('V14', { vi: `Ngày báo cáo ${sub.reportDate} trước khi kỳ ${period.code} bắt đầu`, en: `Report date ${sub.reportDate} is before period ${period.code} starts` }, sheet));
  }
  return { issues, period: unit ? period : null };
}

/** `T1–T7`, as messages name the target rows. */
const TARGET_RANGE = `${TARGET_CODES[0]}–${TARGET_CODES[TARGET_CODES.length - 1]}`;

/** Targets that are a count with no population (T7): V11 has no total to compare with. */
const COUNT_ONLY = new Set(TARGETS.filter((t) => t.population === null).map((t) => t.code));

/** V15, V11 and V01 on the targets sheet. */
function checkTargets(sub: Submission, period: Period | null, max: number): Issue[] {
  if (!period || !hasTargets(period)) return [];
  const sheet = sub.targetsSheetName ?? TARGETS_SHEET;
  if (!sub.targets) {
    return [fileIssue('V15', { vi: `Báo cáo ${period.code} thiếu trang "${TARGETS_SHEET}" (${TARGET_RANGE})`, en: `Report ${period.code} lacks the targets sheet (${TARGET_RANGE})` })];
  }
  const issues: Issue[] = [];
  const present = new Set(sub.targets.map((t) => t.code));
  const missing = TARGET_CODES.filter((c) => !present.has(c));
  if (missing.length) {
    issues.push(fileIssue('V15', { vi: `Thiếu dòng mục tiêu: ${missing.join(', ')}`, en: `Target rows missing: ${missing.join(', ')}` }, sheet));
  }
  for (const t of sub.targets) {
    const cells: [RawValue, number, Text][] = [
      [t.total, t.columns.total, { vi: 'Tổng số', en: 'Total' }],
      [t.achieved, t.columns.achieved, { vi: 'Số đạt', en: 'Achieved' }],
    ];
    let valid = true;
    for (const [raw, column, name] of cells) {
      const c = checkValue(raw, max);
      if (c.ok) continue;
      valid = false;
      issues.push(cellIssue('V01', sheet, t.sheetRow, column, { vi: `${t.code} ${name.vi}: ${c.problem.vi}`, en: `${t.code} ${name.en}: ${c.problem.en}` }));
    }
    if (!valid || COUNT_ONLY.has(t.code)) continue;
    const total = numericValue(t.total, max);
    const achieved = numericValue(t.achieved, max) ?? 0;
    if (achieved > 0 && !total) {
      issues.push(cellIssue('V11', sheet, t.sheetRow, t.columns.total, { vi: `${t.code}: có số đạt ${fmt(achieved)} nhưng tổng số để trống hoặc bằng 0`, en: `${t.code}: achieved ${achieved} but the total is blank or 0` }));
    } else if (total !== null && achieved > total) {
      issues.push(cellIssue('V11', sheet, t.sheetRow, t.columns.achieved, { vi: `${t.code}: số đạt ${fmt(achieved)} lớn hơn tổng số ${fmt(total)}`, en: `${t.code}: achieved ${achieved} exceeds the total ${total}` }));
    }
  }
  return issues;
}

/** Every V-rule over one submission. Issues come in a stable order: file, then sheet by sheet. */
export function validateSubmission(sub: Submission, registry: UnitRegistry): Issue[] {
  const { issues, period } = checkIdentity(sub, registry);
  // A unit types its figures within V01's range; the nation's are sums of 34 provinces' (T4's
  // labour force alone is tens of millions), so the national workbook has no upper bound.
  const max = sub.unitCode === NATIONAL_CODE ? Number.MAX_SAFE_INTEGER : VALUE_MAX;
  const formIds: FormId[] = period ? formsOf(period) : (Object.keys(sub.forms) as FormId[]);
  for (const id of formIds) {
    const table = sub.forms[id];
    if (!table) continue;
    const rows = table.total ? [...table.rows, table.total] : table.rows;
    const nums = new Map(rows.map((r) => [r, FORMS[id].columns.map((_, i) => numericValue(r.values[i] ?? null, max))]));
    if (period) issues.push(...checkRowUnits(table, sub, registry, period));
    issues.push(...checkValues(table, rows, max), ...checkComparisons(table, rows, nums, max), ...checkTotals(table, max));
    if (id === 'F04') issues.push(...checkInspected(table, sub, registry, period));
    issues.push(...checkProvincialOnly(table, registry, period));
  }
  issues.push(...checkTargets(sub, period, max));
  return issues;
}

/** True when nothing of severity error is left (a clean submission). */
export function isClean(issues: readonly Issue[]): boolean {
  return !issues.some((i) => i.severity === 'error');
}
