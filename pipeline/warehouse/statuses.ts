/**
 * The status of every province expected in a period (core/unit-status.ts), read from the
 * warehouse: its accepted reports, and the refused files it sent for the period (a file refused
 * for reporting another period counts for the batch it came in with).
 */
import type { Period } from '../../core/periods';
import type { RuleId, Severity } from '../../core/submission';
import { unexpectedStatuses, unitStatuses, type StatusSubmission, type UnitStatus } from '../../core/unit-status';
import type { UnitRegistry } from '../../core/units';
import { ARRIVAL_FORMAT } from './schema';
import type { Warehouse } from './warehouse';

interface Row extends Record<string, unknown> {
  id: number;
  unit_code: string;
  file_name: string;
  report_date: string | null;
  received_at: string;
  arrived_at: string | null;
  status: 'current' | 'superseded' | 'refused';
  override_reason: string | null;
  errors: number;
  /** Stored from issues, so a rule of the catalogue. */
  rule: RuleId | null;
  severity: Severity | null;
  sheet: string | null;
  cell: string | null;
  message_vi: string | null;
  message_en: string | null;
}

async function statusSubmissions(wh: Warehouse, period: Period): Promise<StatusSubmission[]> {
  const rows = await wh.all<Row>(
    `WITH own AS (
       SELECT * FROM submissions
       WHERE unit_code IS NOT NULL AND (period = $period OR (status = 'refused' AND batch_period = $period))
     ),
     errs AS (
       SELECT i.submission_id, i.rule, i.sheet, i.cell, i.message_vi, i.message_en,
              count(*) OVER (PARTITION BY i.submission_id)::INTEGER AS errors,
              row_number() OVER (PARTITION BY i.submission_id ORDER BY i.sheet NULLS FIRST, i.row_no NULLS FIRST, i.column_no, i.rule) AS n
       FROM issues i WHERE i.origin = 'file' AND i.severity = 'error' AND i.submission_id IN (SELECT id FROM own)
     )
     SELECT o.id, o.unit_code, o.file_name, strftime(o.report_date, '%Y-%m-%d') AS report_date,
            strftime(o.received_at, '%Y-%m-%dT%H:%M:%SZ') AS received_at, strftime(o.arrived_at, '${ARRIVAL_FORMAT}') AS arrived_at,
            o.status, o.override_reason,
            coalesce(e.errors, 0) AS errors, e.rule, e.sheet, e.cell, e.message_vi, e.message_en
     FROM own o LEFT JOIN errs e ON e.submission_id = o.id AND e.n = 1
     ORDER BY o.id`,
    { period: period.code },
  );
  return rows.map((r) => ({
    id: r.id,
    unitCode: r.unit_code,
    fileName: r.file_name,
    reportDate: r.report_date,
    receivedAt: r.received_at,
    arrivedAt: r.arrived_at,
    verdict: r.status === 'refused' ? 'refused' : 'accepted',
    counts: r.status === 'current',
    overrideReason: r.override_reason,
    errors: r.errors,
    firstError: r.rule ? { rule: r.rule, sheet: r.sheet, cell: r.cell, message: { vi: r.message_vi!, en: r.message_en! } } : null,
  }));
}

export interface PeriodStatuses {
  /** Every province valid in the period, with its status. */
  expected: UnitStatus[];
  /** Units that sent files for the period without being expected in it. */
  unexpected: UnitStatus[];
}

export async function periodStatuses(wh: Warehouse, registry: UnitRegistry, period: Period): Promise<PeriodStatuses> {
  const provinces = registry.provinces(period).map((p) => ({ code: p.code, name: p.name }));
  const submissions = await statusSubmissions(wh, period);
  const nameOf = (code: string) => registry.versions(code).at(-1)?.name ?? UNKNOWN_UNIT_NAME;
  return {
    expected: unitStatuses(period, provinces, submissions),
    unexpected: unexpectedStatuses(period, new Set(provinces.map((p) => p.code)), submissions, nameOf),
  };
}

/** The name given to a code the unit list does not know. */
const UNKNOWN_UNIT_NAME = 'đơn vị không có trong danh mục';
