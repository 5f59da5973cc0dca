/**
 * The province's report draft in Word (Mẫu 01 monthly, Mẫu 02 six-month / annual) from its open
 * report: the report's totals and the unit's own indicators through the shared model
 * (core/draft), dated on the report date, or `today` when the sheets have none. One workbook
 * holds no earlier period, so the draft says its comparisons are missing. The pane loads this
 * module on demand.
 */
import { draftDocx } from '../core/draft/docx';
import { DraftError, draftFileName, provinceDraft } from '../core/draft/province';
import type { Submission } from '../core/submission';
import { unitIndicators } from './indicators';
import { PaneError } from './pane-error';
import type { Reference } from './workflows';

export async function reportDraftFile(sub: Submission, ref: Reference, today: string): Promise<{ fileName: string; bytes: Uint8Array }> {
  try {
    const doc = provinceDraft(sub, ref.registry, unitIndicators(sub, ref.registry, ref.targets), sub.reportDate ?? today);
    return { fileName: draftFileName(sub), bytes: draftDocx(doc) };
  } catch (err) {
    throw err instanceof DraftError ? new PaneError(err.text) : err;
  }
}
