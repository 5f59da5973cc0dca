/** Loads the reference tables of `data/` (units, targets) for Node-side tools. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TargetTable } from '../core/targets';
import { UnitRegistry } from '../core/units';

export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DATA_DIR = join(PROJECT_ROOT, 'data');

export function loadRegistry(dataDir = DATA_DIR): UnitRegistry {
  return UnitRegistry.fromCsv(readFileSync(join(dataDir, 'units.csv'), 'utf8'));
}

export function loadTargets(dataDir = DATA_DIR): TargetTable {
  return TargetTable.fromCsv(readFileSync(join(dataDir, 'targets.csv'), 'utf8'));
}
