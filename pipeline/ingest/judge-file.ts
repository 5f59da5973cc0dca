/**
 * A file read from disk to a verdict: judged the one shared way (core/xlsx `judgeWorkbookFile`:
 * guard, grids, reader, rules), plus the batch's P-rules, then whether it can be consolidated.
 * Never throws for a bad file: every problem becomes an issue naming the file (and sheet and cell
 * where known).
 */
import '../native-zlib';
import { isIsoDate } from '../../core/dates';
import { isPeriodCode, parsePeriod, type Period } from '../../core/periods';
import { arrivalText } from '../../core/precedence';
import type { Issue, Submission } from '../../core/submission';
import { NATIONAL_CODE, type UnitRegistry } from '../../core/units';
import { judgeWorkbookFile } from '../../core/xlsx/read';
import { localOfficeFile, nationalFile, periodMismatch, unreadable } from './file-rules';
import type { RawFile } from './read-file';

export interface IngestedFile {
  /** How the file is named to users: its path relative to the input folder. */
  fileName: string;
  /** sha256 of the bytes; for a file that cannot be read, of its name (so a re-run finds it). */
  hash: string;
  submission: Submission | null;
  /** Reader, rule and pipeline issues, each carrying `file`. */
  issues: Issue[];
  refused: boolean;
  /** The period the file is kept under: its own when it states a valid one, else the batch's. */
  period: string;
  /** When the file arrived (`arrivalText` of its modification time); null when it was not read. */
  arrivedAt: string | null;
}

/**
 * Reads and judges a file. `batch` is the period being consolidated (null for `check`, which
 * takes every file on its own terms).
 */
export async function judgeFile(raw: RawFile, registry: UnitRegistry, batch: Period | null): Promise<IngestedFile> {
  if (raw.refusal) return finish(raw, null, [raw.refusal], batch);
  if (!raw.data) return finish(raw, null, [unreadable(raw.problem!)], batch);
  const judged = await judgeWorkbookFile(raw.data, raw.fileName, registry);
  const { submission } = judged;
  const issues = [...(raw.notes ?? []), ...judged.issues];
  if (submission?.unitCode === NATIONAL_CODE) issues.push(nationalFile());
  const local = submission && isPeriodCode(submission.period) ? registry.find(submission.unitCode, parsePeriod(submission.period)) : undefined;
  if (local?.level === 'local') issues.push(localOfficeFile(local.code, local.name, local.parentCode ?? ''));
  if (submission && batch && isPeriodCode(submission.period) && parsePeriod(submission.period).code !== batch.code) {
    issues.push(periodMismatch(parsePeriod(submission.period).code, batch.code));
  }
  return finish(raw, submission, issues, batch, registry);
}

function finish(
  { fileName, hash, modifiedMs }: RawFile,
  submission: Submission | null,
  issues: Issue[],
  batch: Period | null,
  registry?: UnitRegistry,
): IngestedFile {
  for (const issue of issues) issue.file = fileName;
  const period = submission && isPeriodCode(submission.period) ? parsePeriod(submission.period).code : (batch?.code ?? '');
  const placeable = submission !== null && registry !== undefined && isPlaceable(submission, registry);
  const errors = issues.filter((i) => i.severity === 'error');
  // A written override lets V-rule errors through (docs/FORMS.md); nothing lets through a file whose
  // unit, period or date is unknown, whose layout could not be read, or that the batch rejects.
  const blocking = errors.filter((i) => !(submission?.overrideReason && i.rule.startsWith('V')));
  const refused = !placeable || blocking.length > 0;
  return { fileName, hash, submission, issues, refused, period, arrivedAt: modifiedMs === null ? null : arrivalText(modifiedMs) };
}

/**
 * Whether the data can be filed where it belongs: a province valid in a well-formed period, with
 * a report date to order resubmissions by. (V14 has already said what is wrong, if anything.)
 */
function isPlaceable(sub: Submission, registry: UnitRegistry): boolean {
  if (!isPeriodCode(sub.period) || !isIsoDate(sub.reportDate)) return false;
  return registry.find(sub.unitCode, parsePeriod(sub.period))?.level === 'province';
}
