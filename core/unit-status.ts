/**
 * Where each expected unit of a period stands after a consolidation: accepted, accepted with an
 * override (errors left, with the province's written reason), late, received but refused (with
 * the rule and cell that refused it), or missing. One model for every output that shows it: the
 * leadership report, the national workbook, the validation report, the CLI summary, the feedback
 * files and the Word drafts. Pure: the pipeline fills `StatusSubmission`s from the warehouse.
 */
import { viDate } from './format';
import type { Text } from './forms';
import { isOnTime, type Period } from './periods';
import type { Issue } from './submission';
import { isUnitCodeShape } from './units';

export type UnitStatusKind = 'accepted' | 'override' | 'late' | 'refused' | 'missing';

/** Display order: what counts first, what needs chasing last. */
export const UNIT_STATUS_KINDS: readonly UnitStatusKind[] = ['accepted', 'override', 'late', 'refused', 'missing'];

/** Labels and a glyph, so that no output relies on colour alone. */
export const UNIT_STATUS_TEXT: Record<UnitStatusKind, Text & { glyph: string }> = {
  accepted: { vi: 'Đã chấp nhận', en: 'Accepted', glyph: '✓' },
  override: { vi: 'Chấp nhận có giải trình', en: 'Accepted with override', glyph: '✓!' },
  late: { vi: 'Nộp muộn', en: 'Late', glyph: '!' },
  refused: { vi: 'Đã nhận nhưng bị từ chối', en: 'Received but refused', glyph: '✗' },
  missing: { vi: 'Chưa nộp', en: 'Missing', glyph: '–' },
};

/** The issue that decided a verdict, where it is. */
export type IssueRef = Pick<Issue, 'rule' | 'sheet' | 'cell' | 'message'>;

/** A stored submission of the period, as far as its status needs to know it. */
export interface StatusSubmission {
  /** Ids grow in the order files were received. */
  id: number;
  unitCode: string;
  fileName: string;
  reportDate: string | null;
  /** ISO timestamp (UTC) the file came in. */
  receivedAt: string;
  /**
   * When the file arrived in the folder (its modification time, `YYYY-MM-DD HH:MM:SS.ffffff`):
   * timeliness follows the first arrival, whatever run loaded it. Null for an unreadable file.
   */
  arrivedAt: string | null;
  verdict: 'accepted' | 'refused';
  /** Whether this is the accepted report that counts (Q01). */
  counts: boolean;
  overrideReason: string | null;
  /** File errors: left in by the override, or those that refused the file. */
  errors: number;
  /** The first of those errors (by sheet, row, column). */
  firstError: IssueRef | null;
}

export interface UnitStatus {
  unitCode: string;
  unitName: string;
  /**
   * One of the five. An accepted report with errors left is `override` even when late (the
   * errors need the analyst more than the date does); `late` then shows in `late`.
   */
  status: UnitStatusKind;
  /** The accepted report that counts first arrived on or after the deadline. */
  late: boolean;
  /** The report that counts; null when none was accepted. */
  current: StatusSubmission | null;
  /** The report date of the first accepted report to arrive (timeliness counts the first arrival). */
  firstReportDate: string | null;
  /** Accepted reports received for the period (more than one: corrections, Q01). */
  versions: number;
  /** Refused files not made good by a later accepted report, oldest first. */
  refused: StatusSubmission[];
}

export interface StatusCounts {
  byStatus: Record<UnitStatusKind, number>;
  expected: number;
  /** Units from which a file came in, accepted or not. */
  received: number;
  /** Units with an accepted report (what N13 counts, docs/DECISIONS.md). */
  accepted: number;
}

export function unitStatuses(
  period: Period,
  units: readonly { code: string; name: string }[],
  submissions: readonly StatusSubmission[],
): UnitStatus[] {
  const byUnit = new Map<string, StatusSubmission[]>();
  for (const s of submissions) byUnit.set(s.unitCode, [...(byUnit.get(s.unitCode) ?? []), s]);
  return units.map((u) => {
    const own = [...(byUnit.get(u.code) ?? [])].sort((a, b) => a.id - b.id);
    const accepted = own.filter((s) => s.verdict === 'accepted');
    const current = accepted.find((s) => s.counts) ?? null;
    const lastAccepted = accepted.length ? accepted[accepted.length - 1].id : 0;
    const refused = own.filter((s) => s.verdict === 'refused' && s.id > lastAccepted);
    // A later file dated back (Q07) must not make a late report on time.
    const byArrival = [...accepted].sort((a, b) => ((a.arrivedAt ?? '') < (b.arrivedAt ?? '') ? -1 : (a.arrivedAt ?? '') > (b.arrivedAt ?? '') ? 1 : a.id - b.id));
    const firstReportDate = byArrival[0]?.reportDate ?? null;
    const late = current !== null && firstReportDate !== null && !isOnTime(period, firstReportDate);
    const status: UnitStatusKind = !current
      ? own.length
        ? 'refused'
        : 'missing'
      : current.errors > 0
        ? 'override'
        : late
          ? 'late'
          : 'accepted';
    return { unitCode: u.code, unitName: u.name, status, late, current, firstReportDate, versions: accepted.length, refused };
  });
}

/**
 * Units that sent files for the period without being expected in it (a province code from before
 * the 2025 merger, an unknown code): each gets a status of its own, outside the counts, so that it
 * is told why its files were refused. A local office goes with its province when that is expected.
 * Only codes shaped like unit codes: whatever else a title block holds (text, a formula) names
 * nobody to write to, and its issues stay in the validation report.
 */
export function unexpectedStatuses(
  period: Period,
  expected: ReadonlySet<string>,
  submissions: readonly StatusSubmission[],
  nameOf: (code: string) => string,
): UnitStatus[] {
  const codes = [...new Set(submissions.map((s) => s.unitCode).filter((c) => isUnitCodeShape(c) && provinceOf(c, expected) === null))].sort();
  return unitStatuses(period, codes.map((code) => ({ code, name: nameOf(code) })), submissions);
}

export function countStatuses(statuses: readonly UnitStatus[]): StatusCounts {
  const byStatus = Object.fromEntries(UNIT_STATUS_KINDS.map((k) => [k, 0])) as Record<UnitStatusKind, number>;
  for (const s of statuses) byStatus[s.status]++;
  return {
    byStatus,
    expected: statuses.length,
    received: statuses.length - byStatus.missing,
    accepted: statuses.filter((s) => s.current !== null).length,
  };
}

/** The province a unit code belongs to: its own code, or the province of a local office (`5102` → `51`). */
export function provinceOf(unitCode: string | null | undefined, provinces: ReadonlySet<string>): string | null {
  if (!unitCode) return null;
  if (provinces.has(unitCode)) return unitCode;
  const prefix = unitCode.slice(0, 2);
  return /^\d{4}$/.test(unitCode) && provinces.has(prefix) ? prefix : null;
}

/** `Mẫu 03!I14 [V02]`: where the verdict came from, for one line of text. */
export function issuePlace(issue: IssueRef): string {
  const where = issue.sheet ? (issue.cell ? `${issue.sheet}!${issue.cell}` : issue.sheet) : '';
  return `${where}${where ? ' ' : ''}[${issue.rule}]`;
}

/** One line explaining a unit's status, Vietnamese then English. */
export function statusDetail(s: UnitStatus): Text {
  const parts: Text[] = [];
  if (s.current) {
    parts.push({ vi: `tệp ${s.current.fileName}`, en: `file ${s.current.fileName}` });
    if (s.current.overrideReason && s.current.errors > 0) {
      parts.push({ vi: `${s.current.errors} lỗi còn lại, giải trình: “${s.current.overrideReason}”`, en: `${errorsEn(s.current.errors)} left, reason: “${s.current.overrideReason}”` });
    }
    if (s.late && s.firstReportDate) parts.push({ vi: `nộp muộn (ngày báo cáo ${viDate(s.firstReportDate)})`, en: `late (report date ${s.firstReportDate})` });
    if (s.versions > 1) parts.push({ vi: `${s.versions} lần nộp`, en: `${s.versions} submissions` });
  }
  for (const r of s.refused) {
    const why = r.firstError ? ` ${issuePlace(r.firstError)} ${r.firstError.message.vi}` : '';
    const whyEn = r.firstError ? ` ${issuePlace(r.firstError)} ${r.firstError.message.en}` : '';
    parts.push({ vi: `tệp ${r.fileName} bị từ chối (${r.errors} lỗi):${why}`, en: `${r.fileName} refused (${errorsEn(r.errors)}):${whyEn}` });
  }
  return { vi: parts.map((p) => p.vi).join('; '), en: parts.map((p) => p.en).join('; ') };
}

const errorsEn = (n: number) => `${n} error${n === 1 ? '' : 's'}`;
