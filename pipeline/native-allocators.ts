/**
 * Settings of the native libraries' allocators, read from the process's environment when each
 * library loads: set here, before any thread starts (a thread loading resvg reads the environment
 * while it is being changed otherwise). A value the user set stands.
 *
 * - resvg's mimalloc hands freed memory back to the system after 10 ms, so each chart's canvas (a
 *   few MB) was faulted in page by page again; kept for a second, it is reused from one chart to
 *   the next.
 * - DuckDB's jemalloc hands freed pages back within a second, so each query's hash tables were
 *   faulted in again; kept ten seconds, they are reused by the next queries.
 *
 * Together ~470,000 of the main job's page faults (~19 µs each on this paravirtualised machine).
 */
process.env.MIMALLOC_PURGE_DELAY ??= '1000';
process.env.DUCKDB_JE_MALLOC_CONF ??= 'dirty_decay_ms:10000,muzzy_decay_ms:10000';
