/**
 * Stable SQL views for analysts (docs/PIPELINE.md "Querying the warehouse"). Their names and
 * columns are a contract: tables may change with the schema version, these views keep their
 * shape. Created (replaced) every time the warehouse is opened.
 */

export const VIEW_NAMES = ['current_values', 'submission_status', 'indicators_by_run'] as const;

export const VIEWS_SQL = `
-- The figures that count, one row per non-blank cell of each unit's current report.
CREATE OR REPLACE VIEW current_values AS
SELECT s.period, s.unit_code AS province, v.row_code AS unit, v.is_total, v.form, v.column_no, v.value,
       v.sheet_row, s.id AS submission_id, s.file_name, s.report_date
FROM submissions s JOIN submission_values v ON v.submission_id = s.id
WHERE s.status = 'current';

-- Every file received, with how it stands and its issues counted.
CREATE OR REPLACE VIEW submission_status AS
SELECT s.id AS submission_id, s.period, s.batch_period, s.unit_code AS province, s.file_name, s.file_hash,
       s.report_date, s.received_at, s.status,
       CASE s.status WHEN 'current' THEN 'counts' WHEN 'superseded' THEN 'history' ELSE 'refused' END AS verdict,
       s.override_reason, s.value_count,
       (SELECT count(*) FROM issues i WHERE i.submission_id = s.id AND i.origin = 'file' AND i.severity = 'error')::INTEGER AS errors,
       (SELECT count(*) FROM issues i WHERE i.submission_id = s.id AND i.origin = 'file' AND i.severity = 'warning')::INTEGER AS warnings
FROM submissions s;

-- The indicators every consolidation run produced; latest marks the last run of the period.
CREATE OR REPLACE VIEW indicators_by_run AS
SELECT r.period, r.id AS run_id, r.started_at, r.successors, i.unit_code, i.indicator, i.numerator, i.denominator, i.value, i.target,
       r.id = max(r.id) OVER (PARTITION BY r.period, r.successors) AS latest
FROM runs r JOIN run_indicators i ON i.run_id = r.id;
`;
