/**
 * What changed between two consolidation runs of a period (the pipeline records every run):
 * which provinces' reports that count changed and how (the cells), and which indicators moved,
 * old → new, with the submissions that caused it. Plain data for the report and the summary.
 */
import { viNumber } from './format';
import type { UnitStatusKind } from './unit-status';

/** A cell whose value differs between two versions of a unit's report. */
export interface CellChange {
  form: string;
  sheet: string;
  sheetRow: number;
  /** Form column number (targets: 1 = total, 2 = achieved). */
  column: number;
  /** The cell's column in the sheet, and its address. */
  sheetColumn: number;
  cell: string;
  /** The unit of the row (a local office, the province on its total row, T1…T7 on targets). */
  rowCode: string;
  old: number | null;
  new: number | null;
}

export interface RunRef {
  id: number;
  /** ISO timestamp (UTC). */
  startedAt: string;
  files: number;
}

/** A province whose report that counts (or status) differs between two runs. */
export interface SubmissionChange {
  unitCode: string;
  oldStatus: UnitStatusKind | null;
  newStatus: UnitStatusKind;
  oldFile: string | null;
  newFile: string | null;
  /** The latest refused file, when the province has one not made good. */
  refusedFile: string | null;
  /** Cells that differ between the two reports that counted (both accepted). */
  cells: CellChange[];
}

export interface IndicatorFigures {
  numerator: number | null;
  denominator: number | null;
  value: number | null;
}

export interface IndicatorChange {
  unitCode: string;
  indicator: string;
  old: IndicatorFigures | null;
  new: IndicatorFigures | null;
  /** The submission changes behind it (the province's own; every one for the nation). */
  causes: SubmissionChange[];
}

export interface RunChanges {
  run: RunRef;
  /** The previous run of the period (with the same successor grouping); null for the first. */
  previous: RunRef | null;
  submissions: SubmissionChange[];
  indicators: IndicatorChange[];
}

/** `Mẫu 03!G11 (5 → 7)`; a blank is `trống` / `blank` (not reported is not zero). */
export function cellChangeText(c: CellChange, lang: 'vi' | 'en' = 'vi'): string {
  const v = (x: number | null) => (x === null ? (lang === 'vi' ? 'trống' : 'blank') : lang === 'vi' ? viNumber(x) : String(x));
  return `${c.sheet}!${c.cell} (${v(c.old)} → ${v(c.new)})`;
}

/** Why a province's report changed: `51: 51_2026-05.xlsx → 51_2026-05_v2.xlsx (2 ô: …)`. */
export function submissionChangeText(s: SubmissionChange, maxCells = 5): string {
  const files = s.oldFile === s.newFile ? (s.newFile ?? '') : `${s.oldFile ?? 'chưa có'} → ${s.newFile ?? 'không còn'}`;
  const status = s.oldStatus !== s.newStatus ? `; ${s.oldStatus ?? 'chưa tổng hợp'} → ${s.newStatus}` : '';
  const refused = s.refusedFile && s.newStatus === 'refused' ? `; tệp bị từ chối ${s.refusedFile}` : '';
  const shown = s.cells.slice(0, maxCells).map((c) => cellChangeText(c));
  const more = s.cells.length > maxCells ? `, … và ${s.cells.length - maxCells} ô khác` : '';
  const cells = s.cells.length ? ` (${s.cells.length} ô: ${shown.join(', ')}${more})` : '';
  return `${s.unitCode}: ${files}${status}${refused}${cells}`;
}
