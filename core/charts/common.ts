/** Small helpers the chart builders share. */
import type { IndicatorId, IndicatorValue } from '../indicators';
import { parsePeriod } from '../periods';
import type { ProvinceRef } from '../report-data';
import { NATIONAL_CODE } from '../units';

/**
 * Province names as chart categories. Names are the keys of band scales, so two provinces
 * sharing a name would merge into one bar: such names get their code appended.
 */
export function provinceLabels(provinces: readonly ProvinceRef[]): Map<string, string> {
  const count = new Map<string, number>();
  for (const p of provinces) count.set(p.name, (count.get(p.name) ?? 0) + 1);
  return new Map(provinces.map((p) => [p.code, count.get(p.name)! > 1 ? `${p.name} (${p.code})` : p.name]));
}

/** Column headings of the period axis: `T3` for a month, `6 tháng` and `Cả năm` for the others. */
export function shortPeriodLabel(code: string): string {
  const p = parsePeriod(code);
  if (p.kind === 'month') return `T${p.month}`;
  return p.kind === 'half' ? '6 tháng' : 'Cả năm';
}

/** The value of one indicator for one unit, if present. */
export function valueOf(values: readonly IndicatorValue[], unitCode: string, id: IndicatorId): IndicatorValue | undefined {
  return values.find((v) => v.unitCode === unitCode && v.indicator === id);
}

export function nationalValue(values: readonly IndicatorValue[], id: IndicatorId): IndicatorValue | undefined {
  return valueOf(values, NATIONAL_CODE, id);
}

export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Breaks a title into lines of at most `maxChars` (at spaces), so long labels don't widen a chart. */
export function wrapText(text: string, maxChars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > maxChars) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
