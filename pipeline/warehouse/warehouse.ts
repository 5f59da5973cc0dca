/**
 * The embedded DuckDB warehouse (`@duckdb/node-api`): opening, the schema, transactions and
 * parameterised queries. Values from files only ever travel as bound parameters or through the
 * appender; SQL text is built from code constants alone.
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { DuckDBAppender, DuckDBConnection, DuckDBInstance, DuckDBPreparedStatement, DuckDBType, DuckDBValue } from '@duckdb/node-api';
import { WarehouseError } from '../errors';
import '../engine-settings';
import { SCHEMA_SQL, SCHEMA_VERSION, SUBMISSION_COLUMNS } from './schema';
import { VIEWS_SQL } from './views';

export { WarehouseError };

// Loaded as the CommonJS package it is: an ES `import` makes Node pre-parse each of its ~40
// re-exported files for their export names first (cjs-module-lexer), ~100 ms of every command
// that opens the warehouse, on the main thread before the first file is loaded.
const duckdb = createRequire(import.meta.url)('@duckdb/node-api') as typeof import('@duckdb/node-api');
const { DuckDBInstance: Instance, LIST, VARCHAR, listValue } = duckdb;

/** A VARCHAR[] parameter (the driver cannot infer the element type of a JS array). */
export class TextList {
  constructor(readonly items: readonly string[]) {}
}

/** Parameters by name: `{ period: '2026-03' }` binds `$period`; a value is a scalar or a TextList. */
export type Params = Readonly<Record<string, DuckDBValue | TextList>>;

function bind(params: Params): { values: Record<string, DuckDBValue>; types: Record<string, DuckDBType | undefined> } {
  const values: Record<string, DuckDBValue> = {};
  const types: Record<string, DuckDBType | undefined> = {};
  for (const [name, p] of Object.entries(params)) {
    values[name] = p instanceof TextList ? listValue([...p.items]) : p;
    types[name] = p instanceof TextList ? LIST(VARCHAR) : undefined;
  }
  return { values, types };
}

const hasParams = (params: Params) => Object.keys(params).length > 0;
/** A row as plain JS values (cast DATE and BIGINT in SQL where a string or number is wanted). */
export type Row = Record<string, unknown>;


/** DuckDB's words for a file another process holds (not "block", which its checksum errors say). */
const LOCKED = /Could not set lock on file|Conflicting lock is held/i;
const DAMAGED = /Corrupt database file|not a valid DuckDB database file|checksum .* does not match/i;

/**
 * What went wrong with the warehouse file, in the user's terms: locked, damaged (with how to
 * rebuild it), or DuckDB's own message (full disk, read-only folder…) after a plain sentence.
 */
export function warehouseProblem(path: string, err: unknown): WarehouseError {
  const detail = err instanceof Error ? err.message : String(err);
  if (LOCKED.test(detail)) {
    return new WarehouseError(`Kho dữ liệu ${path} đang được một tiến trình khác sử dụng / The warehouse ${path} is in use by another process`);
  }
  if (DAMAGED.test(detail)) {
    return new WarehouseError(
      `Kho dữ liệu ${path} bị hỏng (${detail}). Mọi số liệu trong kho đều lấy từ các tệp của tỉnh: đổi tên tệp hỏng ` +
        `(để giữ lại), rồi chạy lại tổng hợp cho từng kỳ trên các thư mục tệp của tỉnh để dựng lại kho / ` +
        `The warehouse ${path} is damaged (${detail}). Everything in it comes from the province files: rename the ` +
        `damaged file (to keep it), then consolidate every period again from the province folders to rebuild it`,
    );
  }
  return new WarehouseError(`Không ghi hoặc đọc được kho dữ liệu ${path} / Cannot read or write the warehouse ${path}: ${detail}`);
}

export class Warehouse {
  /** Statements run with parameters are prepared once and reused (loads run a few per file). */
  private readonly statements = new Map<string, DuckDBPreparedStatement>();

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    readonly path: string,
  ) {}

  /**
   * Opens (creating when absent) the warehouse file, or an in-memory one for `:memory:`, with
   * DuckDB on `threads` threads. One by default: a consolidation runs hundreds of small
   * statements while the judging and render threads keep both cores busy, and DuckDB's own
   * worker threads only contended with them (a month's run −3 %, 408 files in one process −5 %,
   * the main job −5 %, CPU −4 to −7 %, paired). The export, all of the warehouse to Parquet, asks
   * for every core. The setting is this process's, not the file's: analysts' own DuckDB sessions
   * on the warehouse keep their defaults.
   */
  static async open(path: string, { threads = 1 }: { threads?: number } = {}): Promise<Warehouse> {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    let instance: DuckDBInstance;
    try {
      instance = await Instance.create(path, { threads: String(threads) });
    } catch (err) {
      throw warehouseProblem(path, err);
    }
    const warehouse = new Warehouse(instance, await instance.connect(), path);
    try {
      await warehouse.migrate();
    } catch (err) {
      // Opening writes too (the schema, the views): a full or read-only disk fails it.
      warehouse.close();
      throw err instanceof WarehouseError ? err : warehouseProblem(path, err);
    }
    return warehouse;
  }

  /** Creates the schema in a new warehouse; refuses one written by another schema version. */
  private async migrate(): Promise<void> {
    await this.connection.run(`CREATE TABLE IF NOT EXISTS warehouse_meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)`);
    const rows = await this.all(`SELECT value FROM warehouse_meta WHERE key = 'schema_version'`);
    if (rows.length > 0 && rows[0].value !== SCHEMA_VERSION) {
      const found = String(rows[0].value);
      throw new WarehouseError(
        `Kho dữ liệu ${this.path} có lược đồ phiên bản ${found}, chương trình cần ${SCHEMA_VERSION}: ` +
          `dùng --db với tệp mới, hoặc xóa tệp này rồi tổng hợp lại từ các tệp của tỉnh / ` +
          `The warehouse has schema version ${found}, this program needs ${SCHEMA_VERSION}: ` +
          `use --db with a new file, or delete this one and consolidate again from the province files`,
      );
    }
    await this.connection.run(SCHEMA_SQL);
    await this.connection.run(VIEWS_SQL);
    // The loader appends submissions' columns in this order (load.ts).
    const columns = (
      await this.all<{ name: string }>(
        `SELECT column_name AS name FROM duckdb_columns() WHERE schema_name = 'main' AND table_name = 'submissions' ORDER BY column_index`,
      )
    ).map((c) => c.name);
    if (columns.join() !== SUBMISSION_COLUMNS.join()) {
      throw new WarehouseError(
        `Bảng submissions của kho dữ liệu ${this.path} có các cột khác với chương trình (${columns.join(', ')}): dùng --db với tệp mới, hoặc xóa tệp này rồi tổng hợp lại từ các tệp của tỉnh / ` +
          `The warehouse's submissions table has other columns than this program writes (${columns.join(', ')}): use --db with a new file, or delete this one and consolidate again from the province files`,
      );
    }
    if (rows.length === 0) await this.run(`INSERT INTO warehouse_meta VALUES ('schema_version', $version)`, { version: SCHEMA_VERSION });
  }

  private async prepared(sql: string, params: Params): Promise<DuckDBPreparedStatement> {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = await this.connection.prepare(sql);
      this.statements.set(sql, statement);
    }
    const { values, types } = bind(params);
    statement.clearBindings();
    statement.bind(values, types);
    return statement;
  }

  async run(sql: string, params: Params = {}): Promise<void> {
    if (!hasParams(params)) await this.connection.run(sql);
    else await (await this.prepared(sql, params)).run();
  }

  async all<T extends Row = Row>(sql: string, params: Params = {}): Promise<T[]> {
    const reader = !hasParams(params) ? await this.connection.runAndReadAll(sql) : await (await this.prepared(sql, params)).runAndReadAll();
    // Rows made from whole columns: the same values as `getRowObjectsJS()`, which converts
    // cell by cell and took twice as long (6,700 values of a period: 38 → 16 ms).
    const names = reader.columnNames();
    const columns = reader.getColumnsJS();
    const rows = new Array<T>(reader.currentRowCount);
    for (let i = 0; i < rows.length; i++) {
      const row: Row = {};
      for (let c = 0; c < names.length; c++) row[names[c]] = columns[c][i];
      rows[i] = row as T;
    }
    return rows;
  }

  /**
   * Runs `fn` in one transaction: all of it is committed, or none of it. A COMMIT that fails
   * (full disk, read-only folder) has already ended the transaction, so the ROLLBACK after it
   * fails too; the error reported is always the first one, the real cause.
   */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    await this.connection.run('BEGIN TRANSACTION');
    let result: T;
    try {
      result = await fn();
      await this.commit();
    } catch (err) {
      await this.connection.run('ROLLBACK').catch(() => undefined);
      throw err;
    }
    return result;
  }

  /** Commits the open transaction; a failure (full disk, read-only folder) is named as itself. */
  async commit(): Promise<void> {
    await this.connection.run('COMMIT').catch((err: unknown) => {
      throw warehouseProblem(this.path, err);
    });
  }

  /** An appender on a table; rows appended inside `transaction` commit or roll back with it. */
  async appender(table: string): Promise<DuckDBAppender> {
    return this.connection.createAppender(table);
  }

  /**
   * Writes the write-ahead log into the warehouse file. Closing alone would swallow a failed
   * checkpoint (a full disk); here it fails the run, naming the cause. What was committed stays in
   * the log and is replayed at the next opening.
   */
  async checkpoint(): Promise<void> {
    await this.connection.run('CHECKPOINT').catch((err: unknown) => {
      throw warehouseProblem(this.path, err);
    });
  }

  close(): void {
    for (const statement of this.statements.values()) statement.destroySync();
    this.statements.clear();
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

/** Appends where a missing value is SQL NULL (the appender's setters take no null), and lists of text. */
export function nullableAppends(a: DuckDBAppender) {
  return {
    texts: (items: readonly string[]) => a.appendList(items, LIST(VARCHAR)),
    text: (s: string | null | undefined) => (s == null ? a.appendNull() : a.appendVarchar(s)),
    int: (n: number | null | undefined) => (n == null ? a.appendNull() : a.appendInteger(n)),
    double: (n: number | null | undefined) => (n == null ? a.appendNull() : a.appendDouble(n)),
  };
}
