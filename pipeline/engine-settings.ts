/**
 * Settings of the engines the pipeline runs on, made on the main thread before any other starts
 * (the CLI's first import; the warehouse and the render pool import it too, for the programs that
 * run them without the CLI). A value the user set stands.
 *
 * The native libraries' allocators read theirs from the process's environment when each library
 * loads (a thread loading resvg reads the environment while it is being changed otherwise):
 * - resvg's mimalloc hands freed memory back to the system after 10 ms, so each chart's canvas (a
 *   few MB) was faulted in page by page again; kept for a second, it is reused from one chart to
 *   the next.
 * - DuckDB's jemalloc hands freed pages back within a second, so each query's hash tables were
 *   faulted in again; kept ten seconds, they are reused by the next queries.
 * Together ~470,000 of the main job's page faults (~19 µs each on this paravirtualised machine).
 *
 * V8 optimises a function once it has run through its interrupt budget a few times. A run is
 * short and its threads are four isolates compiling the same hot code on two cores: at V8's
 * default budget they spent ~1.7 of 7.6 CPU-seconds of 408 files in TurboFan, much of it on
 * functions that ran a few more times only. Eight times the budget, only what keeps running is
 * optimised: a month's run −7 % (CPU −10 %), 408 files in one process −9 %, the main job the same
 * time with 3 % less CPU (paired). Workers then start ~18 ms slower (Node's cached internal code
 * is keyed by V8's flags), which those figures include.
 *
 * `--expose-gc` (always; a user's own is the same flag) gives the threads started afterwards V8's
 * `gc()`: the thread drawing the PNGs asks for a young-generation collection after each chart, so
 * that resvg's canvas is freed before the next chart is drawn (report/png.ts says why). Set here,
 * with the other flags, because V8 keys its code caches by its flags: set later by a thread of
 * its own, it would change them in the middle of a run.
 */
import { setFlagsFromString } from 'node:v8';
import { isMainThread } from 'node:worker_threads';

process.env.MIMALLOC_PURGE_DELAY ??= '1000';
process.env.DUCKDB_JE_MALLOC_CONF ??= 'dirty_decay_ms:10000,muzzy_decay_ms:10000';

/** V8's default interrupt budget (in bytecode size), times eight. */
const INTERRUPT_BUDGET = 8 * 67_584;

/** Whether the command line gives V8 `flag` (Node accepts no V8 tiering flag in NODE_OPTIONS). */
const userSet = (flag: string) => process.execArgv.some((arg) => arg.split('=')[0].replace(/_/g, '-') === flag);

// V8's flags belong to the process: set once, from the main thread, before the others start.
if (isMainThread && !userSet('--interrupt-budget')) setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
if (isMainThread) setFlagsFromString('--expose-gc');
