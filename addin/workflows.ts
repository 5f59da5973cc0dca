/**
 * What the pane's buttons do, free of any DOM: create or refresh the sheets, check, import local
 * offices' files, export the submission. Each reads the workbook through the adapter, lets pure
 * functions and core/ do the work, and writes the result back in one batch.
 *
 * Syncs per operation (whatever the number of rows): create 3, check 3 (2 without marks), import 3,
 * export 3, report draft 2.
 */
import { formOfSheetName, normalizeSheetName, reportSheetOf, type TargetCode } from '../core/forms';
import { buildWorkbookModel, FORM_LAYOUT, type WorkbookModel } from '../core/layout';
import type { ReadResult, WorkbookGrids } from '../core/reader';
import { isClean } from '../core/rules';
import { parsePeriod, type Period } from '../core/periods';
import { arrivalText, fingerprint } from '../core/precedence';
import { RULES } from '../core/rule-catalogue';
import type { Issue, Submission } from '../core/submission';
import type { TargetTable } from '../core/targets';
import type { UnitRegistry } from '../core/units';
import { checkGrids, type CheckResult } from './check-workbook';
import type { ExcelAdapter, WorkbookSnapshot } from './excel/adapter';
import { gridOfArrays } from './excel/cells';
import { planMarks, type BaseFill } from './excel/marks';
import { planSheet, styleOf } from './excel/render';
import { planImport, type ImportOutcome } from './import-plan';
import { foldTotalEchoes } from './issue-rows';
import { PaneError } from './pane-error';

export { PaneError };

export interface Reference {
  registry: UnitRegistry;
  targets: TargetTable;
}

/** The name given to add-in-made files in their metadata. */
export const GENERATOR = 'bhxh-truyen-thong (Excel add-in)';

/** Layout faults after which the reader may not have placed every value: never rebuild over them. */
const isUnsafe = (issue: Issue) => RULES[issue.rule].unsafeToRebuild;

export function gridsOf(snapshot: WorkbookSnapshot): WorkbookGrids {
  return { sheets: snapshot.sheets.map(gridOfArrays) };
}

/**
 * The first report sheet the reader could not fully place (a layout fault on it) that holds
 * anything below its title block, with that fault: its figures, unseen by the reader, would be
 * lost by a rebuild. (A fault not tied to a sheet puts every report sheet in doubt.)
 */
function unplacedContent(grids: WorkbookGrids, issues: readonly Issue[]): { sheet: string; issue: Issue } | null {
  for (const issue of issues.filter(isUnsafe)) {
    const sheets = grids.sheets.filter((s) => (issue.sheet ? s.name === issue.sheet : formOfSheetName(s.name) !== null));
    const filled = sheets.find((s) => s.cells.slice(FORM_LAYOUT.reportDateRow).some((row) => row.some((c) => c !== null)));
    if (filled) return { sheet: filled.name, issue };
  }
  return null;
}

function hasValues(sub: Submission): boolean {
  const forms = Object.values(sub.forms).some((t) => t?.rows.some((r) => r.values.some((v) => v !== null)));
  return forms || (sub.targets ?? []).some((t) => t.total !== null || t.achieved !== null);
}

/** Whether the named sheet of a submission carries any figure. */
function sheetHasValues(sub: Submission, sheet: string): boolean {
  const table = Object.values(sub.forms).find((t) => t?.sheetName === sheet);
  if (table) return table.rows.some((r) => r.values.some((v) => v !== null));
  return sub.targetsSheetName === sheet && (sub.targets ?? []).some((t) => t.total !== null || t.achieved !== null);
}

function modelOf(ref: Reference, unitCode: string, period: Period, extra: { reportDate?: string | null; submission?: Submission | null }): WorkbookModel {
  return buildWorkbookModel({
    registry: ref.registry,
    unitCode,
    period,
    targetOf: (code) => ref.targets.targetOfRow(code, period),
    generator: GENERATOR,
    ...extra,
  });
}

export interface CreateRequest {
  unitCode: string;
  period: Period;
  /** ISO date typed in the pane; null keeps the one the sheets have. */
  reportDate: string | null;
}

export interface CreateResult {
  /** True when the sheets were there already and were rebuilt around their values. */
  refreshed: boolean;
}

/**
 * Creates the report sheets, or rebuilds them in place keeping every value already entered.
 * Refuses (PaneError) when the sheets hold another unit's or period's figures, or when a sheet
 * the reader could not fully place holds anything below its title block, figures or not:
 * rebuilding then would lose data the reader never saw.
 */
export async function createOrRefresh(adapter: ExcelAdapter, ref: Reference, req: CreateRequest): Promise<CreateResult> {
  const unit = ref.registry.find(req.unitCode, req.period);
  if (!unit) {
    throw new PaneError({
      vi: `Mã đơn vị ${req.unitCode} không có trong danh mục kỳ ${req.period.code}`,
      en: `Unit ${req.unitCode} is not valid for period ${req.period.code}`,
    });
  }
  const snapshot = await adapter.read();
  const grids = gridsOf(snapshot);
  const existing = snapshot.sheets.length > 0 ? checkGrids(grids, ref.registry) : null;
  const unplaced = existing && unplacedContent(grids, existing.issues);
  if (unplaced) {
    const { sheet, issue } = unplaced;
    throw new PaneError({
      vi: `Trang "${sheet}" đã bị sửa khác mẫu nên không đọc được hết số liệu (${issue.rule}: ${issue.message.vi}). Chưa thay đổi gì: làm mới lúc này sẽ xóa mất số liệu đó. Hãy sửa lại bảng theo mẫu (hoặc chép số liệu sang sổ mới và xóa trang này) rồi bấm lại.`,
      en: `Sheet "${sheet}" was changed from the template, so not all its figures can be read (${issue.rule}: ${issue.message.en}). Nothing was changed: refreshing now would erase them. Restore the table to the template (or copy the figures to a new workbook and delete the sheet), then try again.`,
    });
  }
  const sub = existing?.submission ?? null;
  if (sub && hasValues(sub) && (sub.unitCode !== req.unitCode || sub.period !== req.period.code)) {
    throw new PaneError({
      vi: `Sổ đang chứa số liệu của đơn vị ${sub.unitCode || '?'} kỳ ${sub.period || '?'}. Hãy mở một sổ làm việc mới để lập báo cáo ${req.unitCode} kỳ ${req.period.code}.`,
      en: `This workbook holds figures of unit ${sub.unitCode || '?'} for ${sub.period || '?'}. Open a new workbook for ${req.unitCode}, ${req.period.code}.`,
    });
  }
  const model = modelOf(ref, req.unitCode, req.period, {
    reportDate: req.reportDate ?? sub?.reportDate ?? null,
    submission: sub && sub.unitCode === req.unitCode && sub.period === req.period.code ? sub : null,
  });
  // Report sheets the new period has no place for (Mẫu 04 when going monthly) go, if empty;
  // the clerk's copies of sheets (`Mẫu 03 (2)`) are the clerk's to delete.
  const kept = new Set(model.sheets.map((s) => normalizeSheetName(s.name)));
  const obsolete = snapshot.sheets
    .map((s) => s.name)
    .filter((name) => reportSheetOf(name)?.official !== false && !kept.has(normalizeSheetName(name)));
  const holding = obsolete.find((name) => sub && sheetHasValues(sub, name));
  if (holding) {
    throw new PaneError({
      vi: `Trang "${holding}" còn số liệu nhưng báo cáo kỳ ${req.period.code} không có trang này. Hãy chép số liệu đi nơi khác hoặc xóa trang trước.`,
      en: `Sheet "${holding}" holds figures but a ${req.period.code} report has no such sheet. Move the figures or delete the sheet first.`,
    });
  }
  await adapter.writeSheets(model.sheets.map(planSheet), snapshot, obsolete);
  return { refreshed: sub !== null };
}

/** The fill a cell has in the model of the checked report, for clearing old marks. */
function baseFillOf(ref: Reference, sub: Submission | null): BaseFill {
  const white = () => 'FFFFFF';
  if (!sub) return white;
  let model: WorkbookModel;
  try {
    model = modelOf(ref, sub.unitCode, parsePeriod(sub.period), { submission: sub });
  } catch {
    return white; // unknown unit or malformed period: the check reports it (V14)
  }
  const sheets = new Map(model.sheets.map((s) => [s.name, s]));
  return (sheet, row, column) => styleOf(sheets.get(sheet)?.cells[row - 1]?.[column - 1] ?? null)?.fill ?? 'FFFFFF';
}

export interface Checked extends CheckResult {
  snapshot: WorkbookSnapshot;
  /** Whether the sheet's marks were brought up to date (false: issues listed only). */
  marked: boolean;
}

/**
 * Reads the sheets and runs every rule; with `mark` (the default) marks the cells at fault and
 * clears the previous marks. Without it nothing is written: below ExcelApi 1.19 any write
 * empties Excel's Undo history, which an automatic check must not do behind the clerk's back.
 */
export async function runCheck(adapter: ExcelAdapter, ref: Reference, { mark = true }: { mark?: boolean } = {}): Promise<Checked> {
  const snapshot = await adapter.read();
  const checked = checkGrids(gridsOf(snapshot), ref.registry);
  const result = { ...checked, issues: foldTotalEchoes(checked.issues, checked.submission) };
  if (mark) await adapter.writeBlocks(planMarks(snapshot.sheets, result.issues, baseFillOf(ref, result.submission)), snapshot);
  return { ...result, snapshot, marked: mark };
}

/** core/xlsx's judgeWorkbookFile, passed in so the pane can load ExcelJS on demand. */
export type JudgeFileFn = (data: Uint8Array, fileName: string, registry: UnitRegistry) => Promise<ReadResult>;

/** A local office's file as the pane got it; `modifiedMs` is the file's last modification. */
export interface LocalFile {
  name: string;
  data: Uint8Array;
  modifiedMs?: number;
}

/**
 * Fills the local offices' rows from their own workbooks, each judged the one shared way
 * (`judgeFile`); reports what was taken and refused.
 */
export async function importFiles(adapter: ExcelAdapter, ref: Reference, files: readonly LocalFile[], judgeFile: JudgeFileFn): Promise<ImportOutcome[]> {
  const read = await Promise.all(
    files.map(async (f) => ({
      fileName: f.name,
      result: await judgeFile(f.data, f.name, ref.registry),
      arrivedAt: f.modifiedMs === undefined ? null : arrivalText(f.modifiedMs),
      hash: await fingerprint(f.data),
    })),
  );
  const snapshot = await adapter.read();
  const { submission, issues } = checkGrids(gridsOf(snapshot), ref.registry);
  if (!submission || Object.keys(submission.forms).length === 0) {
    throw new PaneError({ vi: 'Chưa có trang tính báo cáo: hãy tạo trang tính trước khi nhập.', en: 'No report sheets yet: create them before importing.' });
  }
  const unsafe = issues.find(isUnsafe);
  if (unsafe) {
    throw new PaneError({
      vi: `Bảng của sổ khác mẫu (${unsafe.rule}: ${unsafe.message.vi}); hãy làm mới trang tính trước khi nhập.`,
      en: `The workbook's table differs from the template (${unsafe.rule}: ${unsafe.message.en}); refresh the sheets before importing.`,
    });
  }
  const plan = planImport(submission, read, ref.registry);
  await adapter.writeBlocks(plan.writes, snapshot);
  return plan.outcomes;
}

/** core/xlsx's writeSubmissionWorkbook, passed in so the pane can load the xlsx code on demand. */
export type WriteFileFn = (
  sub: Submission,
  registry: UnitRegistry,
  opts: { targetOf: (code: TargetCode) => number | null; generator: string },
) => Promise<Uint8Array>;

export type ExportResult =
  | { status: 'needs-reason'; checked: Checked }
  | { status: 'ready'; checked: Checked; fileName: string; bytes: Uint8Array };

/** `<unit>_<period>.xlsx`, with anything odd in a code replaced, so the name is always valid. */
export function exportFileName(sub: Submission): string {
  const safe = (s: string) => s.replace(/[^0-9A-Za-z-]+/g, '_') || 'khong-ro';
  return `${safe(sub.unitCode)}_${safe(sub.period)}.xlsx`;
}

/**
 * Checks, then builds the clean submission file. With errors left it needs a written reason,
 * which travels in the file's metadata (`override_reason`).
 */
export async function exportSubmission(
  adapter: ExcelAdapter,
  ref: Reference,
  reason: string | null,
  writeFile: WriteFileFn,
): Promise<ExportResult> {
  const checked = await runCheck(adapter, ref);
  const sub = checked.submission;
  if (!sub || Object.keys(sub.forms).length === 0) {
    throw new PaneError({ vi: 'Chưa có trang tính báo cáo để xuất.', en: 'There are no report sheets to export.' });
  }
  const clean = isClean(checked.issues);
  const why = reason?.trim() ?? '';
  if (!clean && !why) return { status: 'needs-reason', checked };
  let period: Period;
  try {
    period = parsePeriod(sub.period);
  } catch {
    throw new PaneError({ vi: `Kỳ báo cáo "${sub.period}" không hợp lệ; không xuất được.`, en: `Period "${sub.period}" is invalid; cannot export.` });
  }
  const bytes = await writeFile({ ...sub, overrideReason: clean ? null : why }, ref.registry, {
    targetOf: (code) => ref.targets.targetOfRow(code, period),
    generator: GENERATOR,
  });
  return { status: 'ready', checked, fileName: exportFileName(sub), bytes };
}

/** addin/report-draft's `reportDraftFile`, passed in so the pane loads it on demand. */
export type DraftFileFn = (sub: Submission) => Promise<{ fileName: string; bytes: Uint8Array }>;

export type DraftResult = { checked: Checked; fileName: string; bytes: Uint8Array };

/**
 * Checks without marking (nothing is written to the sheets), then makes the report draft of the
 * open report with `makeDraft`. Figures with errors are drafted as they stand: the check lists them.
 */
export async function draftReport(adapter: ExcelAdapter, ref: Reference, makeDraft: DraftFileFn): Promise<DraftResult> {
  const checked = await runCheck(adapter, ref, { mark: false });
  const sub = checked.submission;
  if (!sub || Object.keys(sub.forms).length === 0) {
    throw new PaneError({ vi: 'Chưa có trang tính báo cáo để lập dự thảo.', en: 'There are no report sheets to draft from.' });
  }
  return { checked, ...(await makeDraft(sub)) };
}
