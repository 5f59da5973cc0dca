/**
 * `values.csv`: the figures that count for a period in long form, one row per non-blank cell,
 * for pivot tables. Read from the `current_values` view, so the file and the view never differ.
 */
import type { Warehouse } from '../warehouse/warehouse';
import { toCsv } from './csv';

const VALUES_CSV_HEADER = ['period', 'province', 'unit', 'is_total', 'form', 'column', 'value', 'submission', 'file'] as const;

export async function valuesCsv(wh: Warehouse, period: string): Promise<string> {
  // A submission's texts are read once, not on each of its values: turning DuckDB's strings into
  // JavaScript was most of the time of this file (a month's ~6,700 values: 104 → 76 ms on a fresh
  // thread). They come from the table, every submission of the period whatever its status (a few
  // rows more, looked up only by the view's): the view a second time took ~15 ms (its join), ~5 now.
  const submissions = await wh.all<{ id: number; province: string; file_name: string }>(
    `SELECT id, unit_code AS province, file_name FROM submissions WHERE period = $period`,
    { period },
  );
  const of = new Map(submissions.map((s) => [s.id, s]));
  const rows = await wh.all<{ submission_id: number; unit: string; is_total: boolean; form: string; column_no: number; value: number }>(
    `SELECT submission_id, unit, is_total, form, column_no, value::DOUBLE AS value
     FROM current_values WHERE period = $period
     ORDER BY province, form, is_total, sheet_row, column_no`,
    { period },
  );
  return toCsv(
    VALUES_CSV_HEADER,
    rows.map((r) => {
      const s = of.get(r.submission_id)!;
      return [period, s.province, r.unit, r.is_total ? 1 : 0, r.form, r.column_no, r.value, r.submission_id, s.file_name];
    }),
    true,
  );
}
