/** Reads of the warehouse shared by the checks, the indicators and the outputs. */
import { TARGETS_FORM } from './schema';
import { TextList, type Row, type Warehouse } from './warehouse';

/**
 * Rows of the given periods, each period read once while the reports stay as they are
 * (`Warehouse.reportReads`): the periods not yet read come in one query, `read(missing)`, whose
 * rows are ordered by period first; they are kept unless the reports changed meanwhile. A period
 * kept as a wider read (`within`) is served from it. The rows are frozen: every reader shares them.
 */
async function byPeriod<T extends Row & { period: string }>(
  wh: Warehouse,
  kind: string,
  periods: readonly string[],
  read: (missing: TextList) => Promise<T[]>,
  within?: { kind: string; keep: (row: T) => boolean },
): Promise<T[]> {
  const kept = (k: string, period: string) => wh.reportReads.get(`${k}|${period}`) as T[] | undefined;
  const wanted = [...new Set(periods)].sort();
  const got = new Map<string, T[]>();
  for (const p of wanted) {
    const rows = kept(kind, p) ?? (within && kept(within.kind, p)?.filter(within.keep));
    if (rows) got.set(p, rows);
  }
  const missing = wanted.filter((p) => !got.has(p));
  if (missing.length > 0) {
    const version = wh.reportsVersion;
    const rows = await read(new TextList(missing));
    for (const p of missing) got.set(p, []);
    for (const row of rows) got.get(row.period)!.push(Object.freeze(row));
    if (wh.reportsVersion === version) for (const p of missing) wh.reportReads.set(`${kind}|${p}`, got.get(p)!);
  }
  return wanted.flatMap((p) => got.get(p)!);
}

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
  return byPeriod(wh, 'current', periods, (missing) =>
    wh.all<CurrentSubmission & Row>(
      `SELECT s.id, s.unit_code AS "unitCode", s.period, strftime(s.report_date, '%Y-%m-%d') AS "reportDate",
              strftime(first(o.report_date ORDER BY o.arrived_at, o.file_hash), '%Y-%m-%d') AS "firstReportDate", s.file_name AS "fileName"
       FROM submissions s JOIN submissions o ON o.unit_code = s.unit_code AND o.period = s.period AND o.status <> 'refused'
       WHERE s.status = 'current' AND list_contains($periods::VARCHAR[], s.period)
       GROUP BY ALL
       ORDER BY s.period, s.unit_code`,
      { periods: missing },
    ),
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
  // One form's rows are read (and kept) alone: the trend's two years of months need Form 03 only.
  return byPeriod(
    wh,
    `totals|${form ?? '*'}`,
    periods,
    (missing) =>
      wh.all<TotalValue & Row>(
        `SELECT s.unit_code AS "unitCode", s.period, v.form, v.row_code AS "rowCode", v.sheet_row AS "sheetRow",
                v.column_no AS "column", v.sheet_column AS "sheetColumn", v.sheet, v.value::DOUBLE AS value
         FROM submissions s JOIN submission_values v ON v.submission_id = s.id
         WHERE s.status = 'current' AND list_contains($periods::VARCHAR[], s.period)
           AND (v.is_total OR v.form = '${TARGETS_FORM}') AND ($form::VARCHAR IS NULL OR v.form = $form)
         ORDER BY s.period, s.unit_code, v.form, v.row_code, v.column_no`,
        { periods: missing, form: form ?? null },
      ),
    form === undefined ? undefined : { kind: 'totals|*', keep: (t) => t.form === form },
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
