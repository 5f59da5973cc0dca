/** What a cross-file check finds: an issue, and the unit (and submission) it is about. */
import type { Period } from '../../core/periods';
import type { Issue } from '../../core/submission';
import type { UnitRegistry } from '../../core/units';

export interface Finding {
  issue: Issue;
  unitCode: string;
  /** The current submission it concerns; null when the unit sent none (Q05). */
  submissionId: number | null;
  /** What the cell held, when the finding is about a cell. */
  valueFound?: string | null;
}


/**
 * Whether a unit code means the same unit in another period. Codes were reused in the 2025
 * merger (the new 08 Tuyên Quang took in Hà Giang), so a unit's history must not reach across.
 */
export function sameUnitIn(registry: UnitRegistry, unitCode: string, period: Period, other: string): boolean {
  const unit = registry.find(unitCode, period);
  return unit !== undefined && registry.find(unitCode, other) === unit;
}
