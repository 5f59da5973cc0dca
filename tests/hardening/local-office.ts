/** A local office's own workbook, as the add-in's import receives it (for the add-in tests and the bench). */
import type { Period } from '../../core/periods';
import type { RawValue, Submission } from '../../core/submission';
import type { UnitRegistry } from '../../core/units';
import { writeSubmissionWorkbook } from '../../core/xlsx';
import { filledSubmission } from '../addin/helpers';

/**
 * Local office `code` of province 51 reports its own single row (the figures of a local row of a
 * filled provincial report); `edit` may change them (index i is form column i + 1).
 */
export function localOfficeWorkbook(registry: UnitRegistry, code: string, period: Period, edit: (values: RawValue[]) => RawValue[] = (v) => v): Promise<Uint8Array> {
  const province = filledSubmission(registry, '51', period, `${period.year}-06-12`);
  const local: Submission = {
    ...province,
    unitCode: code,
    forms: Object.fromEntries(
      Object.entries(province.forms).map(([id, t]) => [id, { ...t!, rows: [{ ...t!.rows[1], unitCode: code, sheetRow: 10, values: edit(t!.rows[1].values) }], total: null }]),
    ),
    targets: null,
  };
  return writeSubmissionWorkbook(local, registry);
}
