/**
 * The reference tables the pane works with, bundled as text (webpack `asset/source`): the same
 * data/units.csv and data/targets.csv the pipeline reads, so the pane and the national office
 * agree on units and targets. A new release of the tables is a new build of the add-in.
 */
import targetsCsv from '../../data/targets.csv';
import unitsCsv from '../../data/units.csv';
import { TargetTable } from '../../core/targets';
import { UnitRegistry } from '../../core/units';
import type { Reference } from '../workflows';

export function loadReference(): Reference {
  return { registry: UnitRegistry.fromCsv(unitsCsv), targets: TargetTable.fromCsv(targetsCsv) };
}
