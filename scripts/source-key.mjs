/**
 * The program's version as the compiled CLI and the skip-unchanged fingerprints see it: a hash of
 * the sources the CLI is built from (core/, pipeline/), the package manifest and this build
 * setup. Plain JavaScript, so that the launcher (scripts/cli.mjs) runs without a compiler.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

const SOURCE_DIRS = ['core', 'pipeline'];
// The lock file too: the compiled CLI carries the packages it compiles in (scripts/cli.mjs).
const SOURCE_FILES = ['package.json', 'package-lock.json', 'scripts/source-key.mjs', 'scripts/cli.mjs', 'scripts/thread-loader.mjs'];

function sourceFiles() {
  const found = SOURCE_FILES.map((f) => join(ROOT, f));
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|mjs|json)$/.test(entry.name)) found.push(path);
    }
  };
  for (const dir of SOURCE_DIRS) walk(join(ROOT, dir));
  return found.sort();
}

/** 16 hex digits of sha256 over every source's path and content. */
export function sourceKey() {
  const hash = createHash('sha256');
  for (const path of sourceFiles()) hash.update(relative(ROOT, path)).update('\0').update(readFileSync(path)).update('\0');
  return hash.digest('hex').slice(0, 16);
}
