/**
 * The warehouse schema. Every submission ever received is kept: `status` says which one counts
 * for its unit and period (`current`), which were replaced (`superseded`, history for Q01) and
 * which were turned away (`refused`, kept with their issues for the validation report).
 * Values are stored long (one row per non-blank cell): blank means "not reported" (docs/FORMS.md), so
 * a missing row is a blank, never a zero.
 */

/** Bumped when the schema changes; an older warehouse is refused rather than misread. */
export const SCHEMA_VERSION = '3';

/** `strftime` format giving `arrived_at` back as `arrivalText` (core/precedence.ts) writes it. */
export const ARRIVAL_FORMAT = '%Y-%m-%d %H:%M:%S.%f';

export type SubmissionStatus = 'current' | 'superseded' | 'refused';

/** `submission_values.form` for the `Mục tiêu` rows (F03/F04 use their FormId). */
export const TARGETS_FORM = 'targets';
/** `submission_values.column_no` of the two numbers of a target row. */
export const TARGET_COLUMNS = { total: 1, achieved: 2 } as const;

/**
 * `submissions`' columns in table order, as the loader appends its rows (load.ts): those of the
 * CREATE, then those added by ALTER, in the order added. Checked when the warehouse opens.
 */
export const SUBMISSION_COLUMNS = [
  'id', 'unit_code', 'period', 'batch_period', 'report_date', 'received_at', 'file_name', 'file_hash', 'status',
  'override_reason', 'value_count', 'forms', 'arrived_at', 'report_date_sheet', 'report_date_row', 'report_date_column',
] as const;

/**
 * Tables (`warehouse_meta`, holding the schema version, is created first). Submission ids are
 * given by the loader (pipeline/warehouse/load.ts), the warehouse's only writer.
 */
export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS submissions (
  id INTEGER PRIMARY KEY,
  -- Null when the file could not be read far enough to know its unit.
  unit_code VARCHAR,
  -- The file's own period; the consolidated period when the file does not say (or says nonsense).
  period VARCHAR NOT NULL,
  -- The period being consolidated when the file came in.
  batch_period VARCHAR NOT NULL,
  report_date DATE,
  received_at TIMESTAMP NOT NULL,
  file_name VARCHAR NOT NULL,
  file_hash VARCHAR NOT NULL,
  status VARCHAR NOT NULL CHECK (status IN ('current', 'superseded', 'refused')),
  override_reason VARCHAR,
  -- Rows written to submission_values: lets anyone verify a submission is whole.
  value_count INTEGER NOT NULL,
  -- Sheets the file carried (F03, F04, targets): "reported Form 04" is a fact even when every
  -- cell of it is blank.
  forms VARCHAR[] NOT NULL,
  -- When the file arrived: its modification time in the folder (null when it could not be read).
  -- Unlike received_at it does not depend on which run loaded it, so the choice between two
  -- reports of one date, and timeliness, come out the same however the warehouse was built.
  arrived_at TIMESTAMP
);

CREATE TABLE IF NOT EXISTS submission_values (
  submission_id INTEGER NOT NULL,
  -- F03, F04, or 'targets'.
  form VARCHAR NOT NULL,
  -- Unit code of the row (the reporting unit's own code on the total row), or T1…T7.
  row_code VARCHAR NOT NULL,
  is_total BOOLEAN NOT NULL,
  sheet_row INTEGER NOT NULL,
  -- Form column number (1-based); for targets 1 = total, 2 = achieved.
  column_no INTEGER NOT NULL,
  value BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS issues (
  -- Null for cross-file findings about a unit that sent nothing (Q05).
  submission_id INTEGER,
  -- 'file': found in one file when it was loaded; 'check': cross-file (Q01–Q07), recomputed
  -- for a period at every consolidation of it.
  origin VARCHAR NOT NULL CHECK (origin IN ('file', 'check')),
  period VARCHAR NOT NULL,
  unit_code VARCHAR,
  file_name VARCHAR,
  rule VARCHAR NOT NULL,
  severity VARCHAR NOT NULL CHECK (severity IN ('error', 'warning', 'info')),
  sheet VARCHAR,
  row_no INTEGER,
  column_no INTEGER,
  cell VARCHAR,
  message_vi VARCHAR NOT NULL,
  message_en VARCHAR NOT NULL,
  -- What the cell held, as text ('' for a blank); null when the issue has no cell.
  value_found VARCHAR
);
-- Added after schema 2 was released: warehouses written before get the column, empty.
ALTER TABLE issues ADD COLUMN IF NOT EXISTS value_found VARCHAR;
-- The sheet column the value was read from (a shifted or reordered sheet keeps its real cells).
-- Added after schema 3 was released: values stored before have none and are placed on the
-- template's column.
ALTER TABLE submission_values ADD COLUMN IF NOT EXISTS sheet_column INTEGER;
-- The sheet as named in the file ('MẪU 03', a copy 'Mẫu 03 (2)' read as the form); null before it was recorded.
ALTER TABLE submission_values ADD COLUMN IF NOT EXISTS sheet VARCHAR;
-- The title-block cell the report date was read from (Q06 and Q07 point at it); null when it
-- came from the hidden metadata, and for reports stored before it was recorded.
ALTER TABLE submissions ADD COLUMN IF NOT EXISTS report_date_sheet VARCHAR;
ALTER TABLE submissions ADD COLUMN IF NOT EXISTS report_date_row INTEGER;
ALTER TABLE submissions ADD COLUMN IF NOT EXISTS report_date_column INTEGER;

-- One row per consolidation run (times in UTC).
CREATE TABLE IF NOT EXISTS runs (
  id INTEGER PRIMARY KEY,
  period VARCHAR NOT NULL,
  started_at TIMESTAMP NOT NULL,
  finished_at TIMESTAMP NOT NULL,
  input_dir VARCHAR NOT NULL,
  file_count INTEGER NOT NULL,
  successors BOOLEAN NOT NULL
);

-- The files of a run's folder: what the run did with each, how each stood afterwards.
CREATE TABLE IF NOT EXISTS run_files (
  run_id INTEGER NOT NULL,
  file_name VARCHAR NOT NULL,
  file_hash VARCHAR NOT NULL,
  -- The stored submission at the end of the run (a refused file judged again gets a new one).
  submission_id INTEGER,
  unit_code VARCHAR,
  -- current / superseded / refused / unchanged: what this run did.
  outcome VARCHAR NOT NULL,
  status VARCHAR NOT NULL
);

-- Each expected province after a run: its status (core/unit-status.ts) and the report that counted.
CREATE TABLE IF NOT EXISTS run_units (
  run_id INTEGER NOT NULL,
  unit_code VARCHAR NOT NULL,
  status VARCHAR NOT NULL,
  submission_id INTEGER,
  file_name VARCHAR,
  refused_file VARCHAR
);

-- The indicators a run produced (indicators.csv of that run).
CREATE TABLE IF NOT EXISTS run_indicators (
  run_id INTEGER NOT NULL,
  unit_code VARCHAR NOT NULL,
  indicator VARCHAR NOT NULL,
  numerator DOUBLE,
  denominator DOUBLE,
  value DOUBLE,
  target DOUBLE
);
`;
