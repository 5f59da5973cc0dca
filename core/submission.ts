/**
 * The typed content of one report (one unit, one period) as read from a workbook or the
 * add-in's sheets. Values stay raw here: rule V01 decides what a valid number is, so the
 * reader never has to guess and every other rule sees only values V01 accepted.
 */
import type { FormId, TargetCode, Text } from './forms';
import { severityOf, type RuleId, type Severity } from './rule-catalogue';

import { cellAddress } from './spreadsheet';

export type { RuleId, Severity } from './rule-catalogue';

/** A cell as found: blank (null), number, text, boolean, date, or a spreadsheet error. */
export type RawValue = number | string | boolean | Date | null | { error: string };

export interface FormRow {
  unitCode: string;
  unitName: string;
  /** 1-based row number in the sheet, for cell addresses in issues. */
  sheetRow: number;
  /** Index i holds column no i + 1 of the form. */
  values: RawValue[];
}

/**
 * Where a table's columns really sit in its sheet (1-based sheet columns). The reader finds them
 * by the `(n)` row, so a shifted or reordered layout keeps every value's real cell; a table built
 * in code sits where the template puts it (core/layout's templateColumns).
 */
export interface TableColumns {
  code: number;
  name: number;
  /** Index i holds the sheet column of form column no i + 1; null when the sheet lacks it. */
  data: (number | null)[];
}

export interface FormTable {
  form: FormId;
  /** The sheet name as it stands in the workbook (it may differ in case or normalisation). */
  sheetName: string;
  /** Sheet columns of the code, name and form columns: with `sheetRow`, every value's cell. */
  columns: TableColumns;
  rows: FormRow[];
  /** The `Tổng cộng` row; null when the sheet has none. */
  total: FormRow | null;
  /**
   * True where the total cell is the template's own SUM formula over exactly the unit rows:
   * such a total equals the sum by construction, whatever cached value the file carries.
   * Index i is column no i + 1.
   */
  totalIsSumFormula?: boolean[];
}

export interface TargetRow {
  code: TargetCode;
  sheetRow: number;
  total: RawValue;
  achieved: RawValue;
  /** Sheet columns of the code, total and achieved cells of this row. */
  columns: { code: number; total: number; achieved: number };
}

export interface Submission {
  unitCode: string;
  /** Period code as found (validated by V14). */
  period: string;
  /** ISO date `YYYY-MM-DD`, or null when the workbook carries none. */
  reportDate: string | null;
  /** The title-block cell the report date was read from; absent when it came from the hidden metadata. */
  reportDateCell?: { sheet: string; row: number; column: number };
  forms: Partial<Record<FormId, FormTable>>;
  /** Rows of `Mục tiêu`; null when the sheet is absent. */
  targets: TargetRow[] | null;
  /** Name of the `Mục tiêu` sheet as found, for cell addresses. */
  targetsSheetName?: string;
  /** Written reason for submitting with errors left (travels in the file's metadata). */
  overrideReason?: string | null;
}

export interface Issue {
  /** A rule of the catalogue (core/rule-catalogue.ts), which gives its severity. */
  rule: RuleId;
  severity: Severity;
  sheet: string | null;
  /** 1-based sheet row and column, null for file-level issues. */
  row: number | null;
  column: number | null;
  /** A1 address (`D12`), null for file-level issues. */
  cell: string | null;
  message: Text;
  /** Source file, filled in by whoever reads files (the pipeline, the add-in's import). */
  file?: string;
}

/** Most serious first. */
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** What each severity is called wherever a person reads it: a column, a heading, a count. */
export const SEVERITY_NAME: Record<Severity, Text> = {
  error: { vi: 'Lỗi', en: 'Error' },
  warning: { vi: 'Cảnh báo', en: 'Warning' },
  info: { vi: 'Thông tin', en: 'Info' },
};

/** Issue at a cell; `message` is bilingual, Vietnamese first. */
export function cellIssue(rule: RuleId, sheet: string, row: number, column: number, message: Text): Issue {
  return { rule, severity: severityOf(rule), sheet, row, column, cell: cellAddress(row, column), message };
}

/** Issue at the cell of form column `no` in `row` of a table, where the reader found it. */
export function valueIssue(rule: RuleId, table: FormTable, row: FormRow, no: number, message: Text): Issue {
  const column = table.columns.data[no - 1];
  return column == null ? fileIssue(rule, message, table.sheetName) : cellIssue(rule, table.sheetName, row.sheetRow, column, message);
}

export function fileIssue(rule: RuleId, message: Text, sheet: string | null = null): Issue {
  return { rule, severity: severityOf(rule), sheet, row: null, column: null, cell: null, message };
}

/** One line for logs and CLI output: `file › sheet!D12 [V02 lỗi] message`. */
export function formatIssue(issue: Issue, lang: 'vi' | 'en' = 'vi'): string {
  const where = [issue.file, issue.sheet && (issue.cell ? `${issue.sheet}!${issue.cell}` : issue.sheet)]
    .filter(Boolean)
    .join(' › ');
  return `${where ? where + ' ' : ''}[${issue.rule} ${SEVERITY_NAME[issue.severity][lang].toLowerCase()}] ${issue.message[lang]}`;
}
