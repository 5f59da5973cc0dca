/**
 * Generates the indicator query from the declarative terms of core/indicators: no indicator is
 * written by hand here. Each term becomes one column of a per-unit input table (what the unit
 * contributes, or NULL when it reported nothing for it); each indicator is then a ratio of sums
 * over the units that reported both of its sides, per group and for the nation (one GROUPING SETS
 * query), exactly as `evaluateIndicators` does in TypeScript.
 *
 * Parameters: $period = period code, $weeks = weeks in the period. Reads the temp table `period_units`
 * (see period-units.ts).
 */
import type { IndicatorDef, Term } from '../../core/indicators';
import { TARGET_COLUMNS, TARGETS_FORM } from '../warehouse/schema';

/** Identifiers and literals below come from core definitions; this guards the assumption. */
function literal(text: string | number): string {
  const s = String(text);
  if (!/^[A-Za-z0-9_]+$/.test(s)) throw new Error(`Unexpected token in an indicator term: ${s}`);
  return typeof text === 'number' ? s : `'${s}'`;
}

/** The input column a term becomes (one per distinct term). */
function termColumn(term: Term): string {
  switch (term.source) {
    case 'form':
      return `form_${term.form}_${term.column}`;
    case 'target':
      return `target_${term.code}_${term.field}`;
    case 'units_reporting_target':
      return `reporting_${term.code}`;
    case 'local_offices':
      return 'local_offices';
    case 'commune_weeks':
      return 'commune_weeks';
    case 'submissions':
      return `submissions_${term.which}`;
  }
}

/** Total-row or target value pivoted out of `submission_values`, per current submission. */
function pivotExpression(term: Term): string | null {
  if (term.source === 'form') {
    return `max(value) FILTER (WHERE form = ${literal(term.form)} AND is_total AND column_no = ${literal(term.column)})`;
  }
  if (term.source === 'target' || term.source === 'units_reporting_target') {
    const column = term.source === 'target' ? TARGET_COLUMNS[term.field] : TARGET_COLUMNS.achieved;
    return `max(value) FILTER (WHERE form = '${TARGETS_FORM}' AND row_code = ${literal(term.code)} AND column_no = ${column})`;
  }
  return null;
}

/** What a unit contributes for the term, over `period_units u`, `cur c` and `totals t`. */
function inputExpression(term: Term): string {
  const column = termColumn(term);
  switch (term.source) {
    case 'form':
    case 'target':
      return `t.${column}::DOUBLE`;
    case 'units_reporting_target':
      return `CASE WHEN t.${column} IS NOT NULL THEN 1.0 END`;
    case 'local_offices':
      return `CASE WHEN c.has_F04 THEN u.local_offices::DOUBLE END`;
    case 'commune_weeks':
      return `CASE WHEN c.has_F03 AND u.communes IS NOT NULL THEN u.communes * $weeks::DOUBLE END`;
    case 'submissions':
      if (term.which === 'expected') return '1.0';
      if (term.which === 'received') return `CASE WHEN c.id IS NOT NULL THEN 1.0 ELSE 0.0 END`;
      return `CASE WHEN c.id IS NOT NULL AND u.on_time THEN 1.0 ELSE 0.0 END`;
  }
}

function distinctTerms(defs: readonly IndicatorDef[]): Term[] {
  const byColumn = new Map<string, Term>();
  for (const d of defs) for (const t of [d.numerator, d.denominator]) byColumn.set(termColumn(t), t);
  return [...byColumn.values()];
}

/**
 * One row per (group, indicator) plus the nation (`is_nation`): numerator, denominator and value
 * (NULL when the denominator is 0 or nothing was reported).
 */
export function indicatorSql(defs: readonly IndicatorDef[]): string {
  const terms = distinctTerms(defs);
  const pivots = terms
    .map((t) => [termColumn(t), pivotExpression(t)] as const)
    .filter((p): p is readonly [string, string] => p[1] !== null);
  const pivotColumns = pivots.map(([column, expr]) => `${expr} AS ${column}`);
  const inputs = terms.map((t) => `${inputExpression(t)} AS ${termColumn(t)}`);
  const perIndicator = defs.map((d, ord) => {
    const n = termColumn(d.numerator);
    const dn = termColumn(d.denominator);
    const both = `${n} IS NOT NULL AND ${dn} IS NOT NULL`;
    return `SELECT grouping(group_code) = 1 AS is_nation, group_code, ${literal(d.id)} AS indicator, ${ord} AS ord,
      sum(CASE WHEN ${both} THEN ${n} END) AS numerator,
      sum(CASE WHEN ${both} THEN ${dn} END) AS denominator
    FROM unit_input GROUP BY GROUPING SETS ((group_code), ())`;
  });
  return `
WITH cur AS (
  SELECT id, unit_code, list_contains(forms, 'F03') AS has_F03, list_contains(forms, 'F04') AS has_F04
  FROM submissions WHERE period = $period AND status = 'current'
),
totals AS (
  SELECT submission_id${pivotColumns.map((c) => `,\n    ${c}`).join('')}
  FROM submission_values WHERE submission_id IN (SELECT id FROM cur)
  GROUP BY submission_id
),
unit_input AS (
  SELECT u.group_code${inputs.map((c) => `,\n    ${c}`).join('')}
  FROM period_units u
  LEFT JOIN cur c ON c.unit_code = u.unit_code
  LEFT JOIN totals t ON t.submission_id = c.id
),
sums AS (
  ${perIndicator.join('\n  UNION ALL\n  ')}
)
SELECT is_nation, group_code, indicator, numerator, denominator,
  CASE WHEN denominator <> 0 THEN numerator / denominator END AS value
FROM sums
ORDER BY is_nation DESC, group_code, ord`;
}
