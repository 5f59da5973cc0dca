/**
 * The whole sample set as `Submission` objects (pure: no files). `scripts/generate-samples.ts`
 * writes them as workbooks; tests/samples checks them.
 */
import { FORM_03, FORM_04, TARGETS_SHEET, type FormDef, type Text } from '../../core/forms';
import { dataColumn, templateColumns, TEMPLATE_TARGET_COLUMNS, FORM_LAYOUT, TITLE_BLOCK, TOTAL_LABEL, targetRowOf, totalRowOf } from '../../core/layout';
import { type FormTable, type RuleId, type Submission } from '../../core/submission';
import { cellAddress } from '../../core/spreadsheet';
import type { UnitRegistry } from '../../core/units';
import { accumulateForm03, monthlyForm03, periodForm04, periodTargets, spreadOver, type RowValues } from './activity';
import {
  CUSTOMER_OVER_CONFERENCES,
  type DocumentedProblem,
  HISTORY_ANNUAL,
  HISTORY_FIRST_HALF,
  HISTORY_HALF,
  HISTORY_SECOND_HALF,
  LATE,
  MISSING,
  PEOPLE_UNDER_SESSIONS,
  RESUBMITTED,
  SAMPLE_HALF,
  SAMPLE_MONTHS,
  sampleFileName,
} from './problems';
import { createRng } from './prng';
import { type ProvinceProfile, provinceProfile } from './province-profile';

export interface SampleFile {
  /** Path under `data/samples/`. */
  file: string;
  submission: Submission;
}

export interface SampleSet {
  files: SampleFile[];
  problems: DocumentedProblem[];
}

/**
 * Report dates, all before the deadline: monthly between the 18th and the 27th, six-monthly
 * between 8 and 19 June, annual between 10 and 22 December.
 */
function reportDate(province: string, period: string): string {
  const rng = createRng(`date:${province}:${period}`);
  const [year, part] = period.split('-');
  if (part === undefined) return `${year}-12-${rng.int(10, 22)}`;
  const day = part === 'H1' ? rng.int(8, 19) : rng.int(18, 27);
  return `${year}-${part === 'H1' ? '06' : part}-${String(day).padStart(2, '0')}`;
}

function sumRows(rows: RowValues[]): RowValues {
  return rows[0].map((_, i) => (rows.every((r) => r[i] === null) ? null : rows.reduce((s, r) => s + (r[i] ?? 0), 0)));
}

function formTable(form: FormDef, p: ProvinceProfile, values: RowValues[]): FormTable {
  return {
    form: form.id,
    sheetName: form.sheetName,
    columns: templateColumns(form),
    rows: p.rows.map((u, i) => ({ unitCode: u.code, unitName: u.name, sheetRow: FORM_LAYOUT.firstDataRow + i, values: values[i] })),
    total: { unitCode: p.code, unitName: TOTAL_LABEL, sheetRow: totalRowOf(p.rows.length), values: sumRows(values) },
  };
}

function monthlySubmission(p: ProvinceProfile, period: string, values: RowValues[], date: string): Submission {
  return { unitCode: p.code, period, reportDate: date, forms: { F03: formTable(FORM_03, p, values) }, targets: null };
}

/** A six-month or annual report around its Form 03 rows. */
function cumulativeSubmission(p: ProvinceProfile, period: string, f03: RowValues[]): Submission {
  const f04 = periodForm04(p, period);
  const collaborators = f04.reduce((s, r) => s + (r[2] ?? 0), 0);
  return {
    unitCode: p.code,
    period,
    reportDate: reportDate(p.code, period),
    forms: { F03: formTable(FORM_03, p, f03), F04: formTable(FORM_04, p, f04) },
    targets: periodTargets(p, period, collaborators).map((t) => ({
      code: t.code,
      sheetRow: targetRowOf(t.code),
      total: t.total,
      achieved: t.achieved,
      columns: TEMPLATE_TARGET_COLUMNS,
    })),
    targetsSheetName: TARGETS_SHEET,
  };
}

/** Replaces one row's values (and nothing else), keeping the total row the sum of the unit rows. */
function editRow(values: RowValues[], p: ProvinceProfile, unitCode: string, edit: (row: RowValues) => RowValues): RowValues[] {
  const index = p.rows.findIndex((u) => u.code === unitCode);
  if (index < 0) throw new Error(`units.csv: không có đơn vị ${unitCode} / no unit ${unitCode} in province ${p.code}`);
  return values.map((row, i) => (i === index ? edit([...row]) : row));
}

/** A1 address of a unit's cell in the `Mẫu 03` sheet. */
function cellOf(p: ProvinceProfile, unitCode: string, column: number): string {
  return cellAddress(FORM_LAYOUT.firstDataRow + p.rows.findIndex((u) => u.code === unitCode), dataColumn(column));
}

/** A planted rule violation: one row of one file edited, the total row kept the sum. */
interface RowEdit {
  at: { province: string; period: string; unitCode: string };
  rule: RuleId;
  /** The form column whose cell the rule flags. */
  column: number;
  edit: (row: RowValues) => RowValues;
  description: (unitCode: string) => Text;
}

const ROW_EDITS: readonly RowEdit[] = [
  {
    at: CUSTOMER_OVER_CONFERENCES,
    rule: 'V02',
    column: 6,
    edit: (row) => {
      row[5] = (row[3] ?? 0) + CUSTOMER_OVER_CONFERENCES.excess;
      return row;
    },
    description: (unit) => ({
      vi: `Đơn vị ${unit}: hội nghị khách hàng (cột 6) lớn hơn tổng số hội nghị (cột 4)`,
      en: `Unit ${unit}: customer conferences (col 6) exceed conferences (col 4)`,
    }),
  },
  {
    at: PEOPLE_UNDER_SESSIONS,
    rule: 'V05',
    column: 8,
    edit: (row) => {
      row[6] = Math.max(row[6] ?? 0, 4);
      row[7] = row[6] - 2;
      return row;
    },
    description: (unit) => ({
      vi: `Đơn vị ${unit}: lượt người nhóm nhỏ (cột 8) ít hơn số cuộc (cột 7)`,
      en: `Unit ${unit}: people reached (col 8) fewer than small-group sessions (col 7)`,
    }),
  },
];

/** The first, understated version of the resubmitted report: two conferences of the office and their guests left out. */
function understated(row: RowValues): RowValues {
  const conferences = row[3] ?? 0;
  const left = Math.min(2, conferences - 1);
  row[3] = conferences - left;
  row[4] = (row[4] ?? 0) - Math.round(((row[4] ?? 0) * left) / conferences);
  row[5] = Math.min(row[5] ?? 0, row[3]);
  return row;
}

const at = (target: { province: string; period: string }, p: ProvinceProfile, period: string) =>
  target.province === p.code && target.period === period;

/** The file(s) of one province and month, with the problems planted there. */
function monthlyFiles(p: ProvinceProfile, provinceName: string, period: string, clean: RowValues[], problems: DocumentedProblem[]): SampleFile[] {
  const file = sampleFileName(p.code, period);
  if (at(MISSING, p, period)) {
    problems.push({
      rule: 'Q05', severity: 'info', file, sheet: null, cell: null,
      description: { vi: `${provinceName} không gửi báo cáo tháng ${period}`, en: `${provinceName} sent no report for ${period}` },
    });
    return [];
  }
  let values = clean;
  for (const e of ROW_EDITS.filter((x) => at(x.at, p, period))) {
    values = editRow(values, p, e.at.unitCode, e.edit);
    problems.push({ rule: e.rule, severity: 'error', file, sheet: FORM_03.sheetName, cell: cellOf(p, e.at.unitCode, e.column), description: e.description(e.at.unitCode) });
  }
  if (at(LATE, p, period)) {
    problems.push({
      rule: 'Q04', severity: 'info', file, sheet: FORM_03.sheetName, cell: cellAddress(TITLE_BLOCK.reportDate.row, TITLE_BLOCK.reportDate.column),
      description: { vi: `Ngày báo cáo ${LATE.reportDate}, sau hạn (trước ngày 28)`, en: `Report date ${LATE.reportDate}, after the deadline (before the 28th)` },
    });
    return [{ file, submission: monthlySubmission(p, period, values, LATE.reportDate) }];
  }
  if (at(RESUBMITTED, p, period)) {
    const { unitCode, firstDate, secondDate } = RESUBMITTED;
    const second = sampleFileName(p.code, period, 2);
    problems.push({
      rule: 'Q01', severity: 'info', file: second, sheet: FORM_03.sheetName, cell: `${cellOf(p, unitCode, 4)}:${cellOf(p, unitCode, 6)}`,
      description: {
        vi: `Gửi lại ngày ${secondDate}: bản đầu (${file}, ngày ${firstDate}) thiếu 2 hội nghị của đơn vị ${unitCode}; bản sau được dùng`,
        en: `Resent on ${secondDate}: the first version (${file}, ${firstDate}) left out 2 conferences of unit ${unitCode}; the later one wins`,
      },
    });
    return [
      { file, submission: monthlySubmission(p, period, editRow(values, p, unitCode, understated), firstDate) },
      { file: second, submission: monthlySubmission(p, period, values, secondDate) },
    ];
  }
  return [{ file, submission: monthlySubmission(p, period, values, reportDate(p.code, period)) }];
}

const half = (months: Map<string, RowValues[]>) => accumulateForm03([...months.values()].slice(0, 6));

/**
 * The year before the samples (no planted problem): the provinces before the merger report
 * January … June and the six-month report; those after it July … December and the annual
 * report, whose January–June part is their predecessors' six-month figures spread over their
 * own rows (`spreadOver`), so the national totals of the year add up across the merger.
 */
function historyFiles(registry: UnitRegistry): SampleFile[] {
  const files: SampleFile[] = [];
  const firstHalf = new Map<string, { p: ProvinceProfile; f03: RowValues[] }>();
  for (const province of registry.provinces(HISTORY_HALF)) {
    const p = provinceProfile(registry, province, HISTORY_HALF);
    const months = monthlyForm03(p, HISTORY_FIRST_HALF);
    for (const [period, values] of months) files.push({ file: sampleFileName(p.code, period), submission: monthlySubmission(p, period, values, reportDate(p.code, period)) });
    const f03 = half(months);
    firstHalf.set(province.code, { p, f03 });
    files.push({ file: sampleFileName(p.code, HISTORY_HALF), submission: cumulativeSubmission(p, HISTORY_HALF, f03) });
  }
  for (const province of registry.provinces(HISTORY_ANNUAL)) {
    const p = provinceProfile(registry, province, HISTORY_ANNUAL);
    const months = monthlyForm03(p, HISTORY_SECOND_HALF, true);
    for (const [period, values] of months) files.push({ file: sampleFileName(p.code, period), submission: monthlySubmission(p, period, values, reportDate(p.code, period)) });
    const predecessors = [...firstHalf.entries()].filter(([code]) => registry.find(code, HISTORY_HALF)!.successorCode === province.code).map(([, v]) => v);
    const rowsOf = (level: 'office' | 'local') => predecessors.flatMap(({ p: old, f03 }) => f03.filter((_, i) => (old.rows[i].level === 'local') === (level === 'local')));
    const before = spreadOver(p, sumRows(rowsOf('office')), sumRows(rowsOf('local')));
    const f03 = accumulateForm03([before, ...months.values()]);
    files.push({ file: sampleFileName(p.code, HISTORY_ANNUAL), submission: cumulativeSubmission(p, HISTORY_ANNUAL, f03) });
  }
  return files;
}

export function buildSampleSet(registry: UnitRegistry): SampleSet {
  const files: SampleFile[] = historyFiles(registry);
  const problems: DocumentedProblem[] = [];
  for (const province of registry.provinces(SAMPLE_HALF)) {
    const p = provinceProfile(registry, province, SAMPLE_HALF);
    const months = monthlyForm03(p, SAMPLE_MONTHS);
    for (const [period, values] of months) files.push(...monthlyFiles(p, province.name, period, values, problems));
    files.push({ file: sampleFileName(p.code, SAMPLE_HALF), submission: cumulativeSubmission(p, SAMPLE_HALF, half(months)) });
  }
  return { files, problems: problems.sort((a, b) => a.rule.localeCompare(b.rule)) };
}
