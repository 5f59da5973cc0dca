/**
 * Importing local offices' own workbooks into the province's sheets: decides, file by file,
 * what is taken and what is refused (and why), and writes each taken row on its own, never the
 * rows between: read back through Office's `formulas`, a text cell loses the apostrophe that kept
 * `=…` text, so rewriting it would turn it into a live formula. Values go to the columns where
 * the clerk's sheet really has them (the reader's located columns), not the template's. Pure:
 * files in, arrays out.
 */
import type { FormId, Text } from '../core/forms';
import { rangeAddress } from '../core/spreadsheet';
import { rankedBy, ranksAbove, type Ranked } from '../core/precedence';
import type { ReadResult } from '../core/reader';
import type { FormRow, FormTable, Issue, Submission } from '../core/submission';
import type { UnitRegistry } from '../core/units';
import type { BlockWrite } from './excel/adapter';
import { scalarInput } from './excel/cells';

/** A local office's file as judged by core (core/xlsx `judgeWorkbookFile`: reader and rules). */
export interface ReadFile {
  fileName: string;
  result: ReadResult;
  /** What orders two files of one office (core/precedence.ts), less the report date. */
  arrivedAt: string | null;
  hash: string;
}

export interface ImportOutcome {
  fileName: string;
  imported: boolean;
  unitCode: string | null;
  unitName: string | null;
  /** Why a file was refused. */
  reason: Text | null;
  /** Errors and warnings in the figures taken (imported anyway; the next check shows them in place). */
  errors: number;
  warnings: number;
}

export interface ImportPlan {
  outcomes: ImportOutcome[];
  writes: BlockWrite[];
}

interface Candidate {
  index: number;
  file: ReadFile;
  sub: Submission;
}

function refuse(fileName: string, unitCode: string | null, reason: Text): ImportOutcome {
  return { fileName, imported: false, unitCode, unitName: null, reason, errors: 0, warnings: 0 };
}

/** The row a local office's workbook reports for itself: its own unit row, else its total. */
function ownRow(sub: Submission, form: FormId): FormRow | null {
  const table = sub.forms[form];
  if (!table) return null;
  return table.rows.find((r) => r.unitCode === sub.unitCode) ?? table.total;
}

type TargetRows = Record<FormId, Map<string, FormRow>>;

/** Why a file cannot be taken at all, or null when it can. */
function refusalOf(file: ReadFile, current: Submission, targetRows: TargetRows): ImportOutcome | null {
  const { fileName, result } = file;
  const sub = result.submission;
  if (!sub) {
    const first = result.issues.find((i) => i.severity === 'error');
    return refuse(fileName, null, first?.message ?? { vi: 'Không đọc được tệp', en: 'The file cannot be read' });
  }
  const code = sub.unitCode;
  if (!code) return refuse(fileName, null, { vi: 'Tệp không ghi mã đơn vị báo cáo', en: 'The file carries no reporting unit code' });
  if (sub.period !== current.period) {
    return refuse(fileName, code, {
      vi: `Tệp là báo cáo kỳ ${sub.period || '(không rõ)'}, sổ đang lập báo cáo kỳ ${current.period}`,
      en: `The file reports period ${sub.period || '(unknown)'}, this workbook period ${current.period}`,
    });
  }
  if (code === current.unitCode) {
    return refuse(fileName, code, {
      vi: `Tệp là báo cáo của chính đơn vị ${code}, không phải của BHXH cơ sở`,
      en: `The file is unit ${code}'s own report, not a local office's`,
    });
  }
  if (!targetRows.F03.has(code) && !targetRows.F04.has(code)) {
    return refuse(fileName, code, {
      vi: `Đơn vị ${code} không có hàng trong báo cáo của đơn vị ${current.unitCode} kỳ ${current.period}`,
      en: `Unit ${code} has no row in unit ${current.unitCode}'s report for ${current.period}`,
    });
  }
  if (!ownRow(sub, 'F03') && !ownRow(sub, 'F04')) {
    return refuse(fileName, code, { vi: 'Tệp không có số liệu Mẫu 03 hay Mẫu 04', en: 'The file holds no Form 03 or Form 04 figures' });
  }
  return null;
}

/** Rules about the figures themselves, as opposed to the file's identity, targets or totals. */
const FIGURE_RULE = /^(V0\d|V10|V13|L\d\d)$/;

/**
 * The file's own issues that concern the figures taken: those on the rows imported. (Whether the
 * file's total equals its rows, or names the right unit, does not travel with the figures.)
 */
function issuesOnTakenRows(sub: Submission, issues: Issue[]): Issue[] {
  const taken = (['F03', 'F04'] as const).flatMap((form) => {
    const row = ownRow(sub, form);
    return row && sub.forms[form] ? [`${sub.forms[form]!.sheetName}|${row.sheetRow}`] : [];
  });
  return issues.filter((i) => FIGURE_RULE.test(i.rule) && taken.includes(`${i.sheet}|${i.row}`));
}

const count = (issues: Issue[], severity: Issue['severity']) => issues.filter((i) => i.severity === severity).length;

/**
 * `current` is the open workbook's submission; only its unit rows can receive data. When two
 * files carry the same office, the one the national consolidation would keep is taken.
 */
export function planImport(current: Submission, files: readonly ReadFile[], registry: UnitRegistry): ImportPlan {
  const rowsOf = (form: FormId) => new Map((current.forms[form]?.rows ?? []).map((r) => [r.unitCode, r]));
  const targetRows = { F03: rowsOf('F03'), F04: rowsOf('F04') };
  const candidates: Candidate[] = [];
  const outcomes: ImportOutcome[] = files.map((file, index) => {
    const refusal = refusalOf(file, current, targetRows);
    if (refusal) return refusal;
    const sub = file.result.submission!;
    const own = issuesOnTakenRows(sub, file.result.issues);
    candidates.push({ index, file, sub });
    return {
      fileName: file.fileName,
      imported: true,
      unitCode: sub.unitCode,
      unitName: registry.find(sub.unitCode, current.period)?.name ?? null,
      reason: null,
      errors: count(own, 'error'),
      warnings: count(own, 'warning'),
    };
  });

  // One file per office, chosen as the national consolidation chooses (core/precedence.ts).
  const chosen = new Map<string, Candidate>();
  for (const c of candidates) {
    const prev = chosen.get(c.sub.unitCode);
    const [kept, dropped] = !prev || ranksAbove(rankOf(c), rankOf(prev)) ? [c, prev] : [prev, c];
    chosen.set(c.sub.unitCode, kept);
    if (dropped) outcomes[dropped.index] = refuse(dropped.file.fileName, dropped.sub.unitCode, supersededBy(kept, dropped));
  }

  const writes: BlockWrite[] = [];
  for (const form of ['F03', 'F04'] as const) {
    const table = current.forms[form];
    if (!table) continue;
    for (const c of chosen.values()) {
      const target = targetRows[form].get(c.sub.unitCode);
      const row = ownRow(c.sub, form);
      if (target && row) writes.push(...rowWrites(table, target.sheetRow, row));
    }
  }
  return { outcomes, writes };
}

const rankOf = (c: Candidate): Ranked => ({ reportDate: c.sub.reportDate, arrivedAt: c.file.arrivedAt, hash: c.file.hash });

function supersededBy(kept: Candidate, dropped: Candidate): Text {
  const code = dropped.sub.unitCode;
  const name = kept.file.fileName;
  switch (rankedBy(rankOf(kept), rankOf(dropped))) {
    case 'date':
      return { vi: `Đơn vị ${code} có tệp mới hơn (${name}); dùng tệp đó`, en: `Unit ${code} has a newer file (${name}); that one is used` };
    case 'arrival':
      return {
        vi: `Đơn vị ${code} có hai tệp cùng ngày báo cáo; dùng tệp lưu sau (${name}). Hãy hỏi lại đơn vị bản nào đúng`,
        en: `Unit ${code} sent two files of the same report date; the one saved later (${name}) is used. Ask the office which is right`,
      };
    case 'content':
      return {
        vi: `Đơn vị ${code} có hai tệp khác nhau cùng ngày báo cáo, cùng lúc lưu; dùng tệp ${name} (chọn theo nội dung). Hãy hỏi lại đơn vị bản nào đúng`,
        en: `Unit ${code} sent two different files of the same report date, saved at the same time; ${name} is used (chosen by content). Ask the office which is right`,
      };
  }
}

/**
 * One imported row's figures over its row of the clerk's sheet, in the columns the reader found
 * there: one block per run of adjacent columns (one block on a sheet laid out as the template).
 */
function rowWrites(table: FormTable, sheetRow: number, row: FormRow): BlockWrite[] {
  const cells = table.columns.data
    .map((column, i) => ({ column, value: scalarInput(row.values[i] ?? null) }))
    .filter((c): c is { column: number; value: ReturnType<typeof scalarInput> } => c.column !== null)
    .sort((a, b) => a.column - b.column);
  const runs: (typeof cells)[] = [];
  for (const cell of cells) {
    const run = runs[runs.length - 1];
    if (run && run[run.length - 1].column === cell.column - 1) run.push(cell);
    else runs.push([cell]);
  }
  return runs.map((run) => ({
    sheet: table.sheetName,
    address: rangeAddress(sheetRow, run[0].column, sheetRow, run[run.length - 1].column),
    formulas: [run.map((c) => c.value)],
  }));
}
