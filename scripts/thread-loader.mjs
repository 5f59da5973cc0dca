/**
 * The entry of a thread of the compiled CLI whose code is large and runs cold on every run (the
 * report's: Vega and the Word draft, ~2 MB): `<name>.mjs`, a copy of this file, compiles the
 * thread's CommonJS bundle `<name>.bundle.cjs` with V8's code cache `<name>.v8cache` beside it.
 * Node 20 keeps no compile cache for ES modules (`module.enableCompileCache` is Node 22's).
 *
 * The thread calls `saveCodeCache()` (pipeline/code-cache.ts) once its first job is done, so that
 * the cache holds the functions that job compiled; it is written then, whole or not at all,
 * unless V8 took the one it found. V8 checks a cache's length, its own version and flags, but
 * not its bytes: a cache damaged within (a disk error, a copy cut and mended) crashed the thread
 * and with it every run after. The file therefore starts with a line naming Node, the machine,
 * and the CRC-32 of the bundle and of the cache; anything else there is not given to V8. A cache
 * that is missing, refused or not ours is made again; a folder that cannot be written goes without.
 */
import { closeSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import { randomUUID } from 'node:crypto';
import { crc32 } from 'node:zlib';

const SAVE = Symbol.for('bhxh.saveCodeCache');
const bundle = fileURLToPath(import.meta.url).replace(/\.mjs$/, '.bundle.cjs');
const cacheFile = bundle.replace(/\.bundle\.cjs$/, '.v8cache');
let bundleBytes = readFileSync(bundle);
const bundleCrc = crc32(bundleBytes).toString(16);

/** The cache file's first line: what the cache was made for, and the CRC-32 of what follows. */
const header = (data) => `bhxh-v8cache 1 ${process.version} ${process.arch} ${bundleCrc} ${crc32(data).toString(16)} ${data.length}\n`;

/** All of `bytes` or an error: a short write (a full disk) must not be renamed into place. */
function writeAll(fd, bytes) {
  if (writeSync(fd, bytes) !== bytes.length) throw new Error(`short write of ${cacheFile}`);
}

/** The cache, if there is a regular file (a FIFO would never end) that is whole and ours. */
function readCache() {
  try {
    if (!statSync(cacheFile).isFile()) return undefined;
    const file = readFileSync(cacheFile);
    const end = file.indexOf(10);
    if (end < 0 || end > 200) return undefined;
    const data = file.subarray(end + 1);
    return file.subarray(0, end + 1).toString('latin1') === header(data) ? data : undefined;
  } catch {
    return undefined; // none yet
  }
}

let cachedData = readCache();
const script = new Script(Module.wrap(bundleBytes.toString('utf8')), { filename: bundle, cachedData });
const taken = cachedData !== undefined && !script.cachedDataRejected;
// ~4 MB outside the heap, needed no more (V8 keeps the script's source itself).
cachedData = undefined;
bundleBytes = undefined;

globalThis[SAVE] = () => {
  delete globalThis[SAVE];
  if (taken) return;
  // A name no other thread or process uses, even where every run is the same PID (a container).
  const temp = `${cacheFile}.${randomUUID()}.tmp`;
  let fd;
  try {
    // The file first: where it cannot be written, making the cache (~40 ms) is spared.
    fd = openSync(temp, 'wx');
  } catch {
    return;
  }
  try {
    const data = script.createCachedData();
    writeAll(fd, Buffer.from(header(data), 'latin1'));
    writeAll(fd, data);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, cacheFile);
  } catch {
    try {
      if (fd !== undefined) closeSync(fd);
      rmSync(temp, { force: true });
    } catch {
      // Tidying only: the temp file is left in the build's folder, removed with it.
    }
  }
};

const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
