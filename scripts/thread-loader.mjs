/**
 * The entry of a thread of the compiled CLI whose code is large and runs cold on every run (the
 * report's: Vega and the Word draft, ~2 MB): `<name>.mjs`, a copy of this file, compiles the
 * thread's CommonJS bundle `<name>.bundle.cjs` with V8's code cache `<name>.v8cache` beside it.
 * Node 20 keeps no compile cache for ES modules (`module.enableCompileCache` is Node 22's).
 *
 * The thread calls `saveCodeCache()` (pipeline/code-cache.ts) once its first job is done, so that
 * the cache holds the functions that job compiled; it is written then, whole or not at all,
 * unless V8 took the one it found. V8 refuses a cache that another V8, other flags or a damaged
 * file made: the code is compiled as usual and the cache made again. A folder that cannot be
 * written only goes without.
 */
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import { threadId } from 'node:worker_threads';

const SAVE = Symbol.for('bhxh.saveCodeCache');
const bundle = fileURLToPath(import.meta.url).replace(/\.mjs$/, '.bundle.cjs');
const cacheFile = bundle.replace(/\.bundle\.cjs$/, '.v8cache');

/** The cache, if there is one: only a regular file is read (a FIFO there would never end). */
function readCache() {
  try {
    return statSync(cacheFile).isFile() ? readFileSync(cacheFile) : undefined;
  } catch {
    return undefined; // none yet
  }
}

const cachedData = readCache();
const script = new Script(Module.wrap(readFileSync(bundle, 'utf8')), { filename: bundle, cachedData });
const taken = cachedData !== undefined && !script.cachedDataRejected;

globalThis[SAVE] = () => {
  delete globalThis[SAVE];
  if (taken) return;
  const temp = `${cacheFile}.${process.pid}-${threadId}.tmp`;
  try {
    writeFileSync(temp, script.createCachedData());
    renameSync(temp, cacheFile);
  } catch {
    rmSync(temp, { force: true });
  }
};

const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
