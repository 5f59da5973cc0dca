/** `indicators.csv`, exactly as the output contract of docs/FORMS.md. */
import type { IndicatorValue } from '../../core/indicators';
import { toCsv } from './csv';

const INDICATORS_CSV_HEADER = ['period', 'unit_code', 'indicator', 'numerator', 'denominator', 'value', 'target'] as const;

export function indicatorsCsv(values: readonly IndicatorValue[]): string {
  return toCsv(
    INDICATORS_CSV_HEADER,
    values.map((v) => [v.period, v.unitCode, v.indicator, v.numerator, v.denominator, v.value, v.target]),
  );
}
