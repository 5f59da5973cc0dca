/**
 * `values.csv`: the figures that count for a period in long form, one row per non-blank cell,
 * for pivot tables. Read from the `current_values` view, so the file and the view never differ.
 */
import type { Warehouse } from '../warehouse/warehouse';
import { toCsv } from './csv';

const VALUES_CSV_HEADER = ['period', 'province', 'unit', 'is_total', 'form', 'column', 'value', 'submission', 'file'] as const;

export async function valuesCsv(wh: Warehouse, period: string): Promise<string> {
  const rows = await wh.all<{ period: string; province: string; unit: string; is_total: boolean; form: string; column_no: number; value: number; submission_id: number; file_name: string }>(
    `SELECT period, province, unit, is_total, form, column_no, value::DOUBLE AS value, submission_id, file_name
     FROM current_values WHERE period = $period
     ORDER BY province, form, is_total, sheet_row, column_no`,
    { period },
  );
  return toCsv(
    VALUES_CSV_HEADER,
    rows.map((r) => [r.period, r.province, r.unit, r.is_total ? 1 : 0, r.form, r.column_no, r.value, r.submission_id, r.file_name]),
    true,
  );
}
