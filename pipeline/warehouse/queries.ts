/** Reads of the warehouse shared by the checks, the indicators and the outputs. */
import { TARGETS_FORM } from './schema';
import { TextList, type Warehouse } from './warehouse';

export interface CurrentSubmission {
  id: number;
  unitCode: string;
  period: string;
  reportDate: string;
  /**
   * The report date of the unit's first accepted submission for the period to arrive (by the
   * files' arrival, `arrived_at`): timeliness (Q04, N14) counts when a report first arrived, so
   * a later correction does not make it late, and a later file dated back (Q07) does not make
   * it on time.
   */
  firstReportDate: string;
  fileName: string;
}

/** The submissions that count, for the given periods. */
export async function currentSubmissions(wh: Warehouse, periods: readonly string[]): Promise<CurrentSubmission[]> {
  if (periods.length === 0) return [];
  return wh.all<CurrentSubmission & Record<string, unknown>>(
    `SELECT s.id, s.unit_code AS "unitCode", s.period, strftime(s.report_date, '%Y-%m-%d') AS "reportDate",
            strftime(first(o.report_date ORDER BY o.arrived_at, o.file_hash), '%Y-%m-%d') AS "firstReportDate", s.file_name AS "fileName"
     FROM submissions s JOIN submissions o ON o.unit_code = s.unit_code AND o.period = s.period AND o.status <> 'refused'
     WHERE s.status = 'current' AND list_contains($periods::VARCHAR[], s.period)
     GROUP BY ALL
     ORDER BY s.period, s.unit_code`,
    { periods: new TextList(periods) },
  );
}

export interface TotalValue {
  unitCode: string;
  period: string;
  form: string;
  /** Row code: the unit on total rows, T1…T7 for targets. */
  rowCode: string;
  sheetRow: number;
  column: number;
  /** The sheet column it was read from; null for values stored before that was recorded. */
  sheetColumn: number | null;
  /** The sheet it was read from, as named in the file; null for values stored before that. */
  sheet: string | null;
  value: number;
}

/**
 * Total-row values (and target rows) of the current submissions of the given periods, optionally
 * of one form only.
 */
export async function currentTotals(wh: Warehouse, periods: readonly string[], form?: string): Promise<TotalValue[]> {
  if (periods.length === 0) return [];
  return wh.all<TotalValue & Record<string, unknown>>(
    `SELECT s.unit_code AS "unitCode", s.period, v.form, v.row_code AS "rowCode", v.sheet_row AS "sheetRow",
            v.column_no AS "column", v.sheet_column AS "sheetColumn", v.sheet, v.value::DOUBLE AS value
     FROM submissions s JOIN submission_values v ON v.submission_id = s.id
     WHERE s.status = 'current' AND list_contains($periods::VARCHAR[], s.period)
       AND (v.is_total OR v.form = '${TARGETS_FORM}') AND ($form::VARCHAR IS NULL OR v.form = $form)
     ORDER BY s.period, s.unit_code, v.form, v.row_code, v.column_no`,
    { periods: new TextList(periods), form: form ?? null },
  );
}

/**
 * Units that sent files for the given periods, none of them accepted (a file refused for
 * reporting another period counts for the batch it came in with).
 */
export async function refusedUnits(wh: Warehouse, periods: readonly string[]): Promise<{ unitCode: string; period: string }[]> {
  if (periods.length === 0) return [];
  return wh.all<{ unitCode: string; period: string }>(
    `SELECT DISTINCT s.unit_code AS "unitCode", p.period
     FROM submissions s, unnest($periods::VARCHAR[]) AS p(period)
     WHERE s.status = 'refused' AND s.unit_code IS NOT NULL AND (s.period = p.period OR s.batch_period = p.period)
       AND NOT EXISTS (SELECT 1 FROM submissions a WHERE a.unit_code = s.unit_code AND a.period = p.period AND a.status <> 'refused')`,
    { periods: new TextList(periods) },
  );
}
