/** Loads the reference tables of `data/` (units, targets) for Node-side tools. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TargetTable } from '../core/targets';
import { UnitRegistry } from '../core/units';

/** The nearest folder above this module with a package.json: the same from the sources and from the compiled CLI (dist-cli/<version>/). */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export const PROJECT_ROOT = projectRoot();
export const DATA_DIR = join(PROJECT_ROOT, 'data');

export function loadRegistry(dataDir = DATA_DIR): UnitRegistry {
  return UnitRegistry.fromCsv(readFileSync(join(dataDir, 'units.csv'), 'utf8'));
}

export function loadTargets(dataDir = DATA_DIR): TargetTable {
  return TargetTable.fromCsv(readFileSync(join(dataDir, 'targets.csv'), 'utf8'));
}
