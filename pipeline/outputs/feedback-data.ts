/**
 * What each province's feedback file holds, gathered from the warehouse and the consolidation's
 * own results (statuses, open issues, indicators), so that the feedback says exactly what the
 * validation report says about the province.
 */
import type { IndicatorValue } from '../../core/indicators';
import type { Period } from '../../core/periods';
import { provinceOf } from '../../core/unit-status';
import { submissionDiff } from '../warehouse/diff';
import type { PeriodStatuses } from '../warehouse/statuses';
import type { Warehouse } from '../warehouse/warehouse';
import type { FeedbackFile, ProvinceFeedback } from './feedback';
import type { ValidationEntry } from './validation';

interface FileRow extends Record<string, unknown> {
  submission_id: number;
  province: string;
  file_name: string;
  report_date: string | null;
  received_at: string;
  status: FeedbackFile['status'];
  errors: number;
  warnings: number;
  override_reason: string | null;
}

export async function gatherFeedback(
  wh: Warehouse,
  period: Period,
  statuses: PeriodStatuses,
  issues: readonly ValidationEntry[],
  indicators: readonly IndicatorValue[],
): Promise<ProvinceFeedback[]> {
  const files = await wh.all<FileRow>(
    `SELECT submission_id, province, file_name, strftime(report_date, '%Y-%m-%d') AS report_date,
            strftime(received_at, '%Y-%m-%dT%H:%M:%SZ') AS received_at, status, errors, warnings, override_reason
     FROM submission_status
     WHERE province IS NOT NULL AND (period = $period OR (status = 'refused' AND batch_period = $period))
     ORDER BY submission_id`,
    { period: period.code },
  );
  const codes = new Set(statuses.expected.map((s) => s.unitCode));
  // Whose feedback an issue or file goes in: the expected province it belongs to, else its own code.
  const addressee = (code: string | null | undefined) => provinceOf(code, codes) ?? code;
  const out: ProvinceFeedback[] = [];
  for (const status of [...statuses.expected, ...statuses.unexpected]) {
    const own = files.filter((f) => addressee(f.province) === status.unitCode);
    // Its previous accepted submission: the latest accepted one received before the current.
    const previous = status.current ? own.filter((f) => f.status === 'superseded' && f.submission_id < status.current!.id).pop() : undefined;
    out.push({
      status,
      files: own.map((f) => ({
        fileName: f.file_name,
        reportDate: f.report_date,
        receivedAt: f.received_at,
        status: f.status,
        errors: f.errors,
        warnings: f.warnings,
        overrideReason: f.override_reason,
      })),
      expected: codes.has(status.unitCode),
      issues: issues.filter((i) => addressee(i.unitCode) === status.unitCode),
      indicators,
      changes:
        status.current && previous
          ? { from: previous.file_name, to: status.current.fileName, cells: await submissionDiff(wh, previous.submission_id, status.current.id) }
          : null,
    });
  }
  return out;
}
