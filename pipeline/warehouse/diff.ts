/**
 * The cells that differ between two stored submissions of a unit (a report and its correction):
 * what Q01 names and what a province's feedback lists as changed since its previous submission.
 * Blank is not zero: a cell filled in one version and blank in the other differs.
 */
import type { CellChange } from '../../core/revisions';
import { sheetCell } from './value-cell';
import type { Warehouse } from './warehouse';

/** Cells of `newId` that differ from `oldId`, in sheet order. */
export async function submissionDiff(wh: Warehouse, oldId: number, newId: number): Promise<CellChange[]> {
  const rows = await wh.all<{ form: string; sheet_row: number; column_no: number; sheet_column: number | null; sheet: string | null; row_code: string; old: number | null; new: number | null }>(
    `WITH o AS (SELECT * FROM submission_values WHERE submission_id = $old),
          n AS (SELECT * FROM submission_values WHERE submission_id = $new)
     SELECT coalesce(n.form, o.form) AS form, coalesce(n.sheet_row, o.sheet_row) AS sheet_row,
            coalesce(n.column_no, o.column_no) AS column_no, coalesce(n.sheet_column, o.sheet_column) AS sheet_column, coalesce(n.sheet, o.sheet) AS sheet,
            coalesce(n.row_code, o.row_code) AS row_code,
            o.value::DOUBLE AS old, n.value::DOUBLE AS new
     FROM o FULL OUTER JOIN n ON n.form = o.form AND n.row_code = o.row_code AND n.is_total = o.is_total AND n.column_no = o.column_no
     WHERE o.value IS DISTINCT FROM n.value
     ORDER BY form, sheet_row, column_no`,
    { old: oldId, new: newId },
  );
  return rows.map((r) => ({
    form: r.form,
    ...sheetCell(r.form, r.sheet_row, r.column_no, r.sheet_column, r.sheet),
    sheetRow: r.sheet_row,
    column: r.column_no,
    rowCode: r.row_code,
    old: r.old,
    new: r.new,
  }));
}
