/**
 * A thread started by the compiled CLI's thread loader (scripts/thread-loader.mjs) saves V8's code
 * cache of its bundle when its first job is done, before answering (the command may end the
 * thread as soon as it has the answer). Anywhere else (tsx, tests, the main thread) nothing is
 * loaded that way and this does nothing.
 */
const SAVE = Symbol.for('bhxh.saveCodeCache');

export function saveCodeCache(): void {
  const save = (globalThis as Record<symbol, unknown>)[SAVE];
  if (typeof save === 'function') save();
}
