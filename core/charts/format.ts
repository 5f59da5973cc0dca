/**
 * Indicator values as the charts (through a Vega locale, so axes and labels format in the
 * renderer) and the report text (cards, tables) print them, so both show the same "1.234" and
 * "12,5%". The Vietnamese number itself is core/format's.
 */
import { VI_NUMBER, viNumber } from '../format';
import { INDICATOR_BY_ID, type IndicatorId, type IndicatorUnit } from '../indicators';

/** d3-format locale: core/format's separators and minus, đồng after the amount. */
export const VI_NUMBER_LOCALE = {
  decimal: VI_NUMBER.decimal,
  thousands: VI_NUMBER.thousands,
  grouping: [3],
  currency: ['', ' ₫'] as [string, string],
  minus: VI_NUMBER.minus,
};

/** d3 format patterns, read with VI_NUMBER_LOCALE. */
export const D3_FORMAT = {
  count: ',.0f',
  percent: '.1%',
  percentAxis: '.0%',
  ratio: ',.1f',
} as const;

export function d3FormatOf(unit: IndicatorUnit): string {
  return unit === 'percent' ? D3_FORMAT.percent : D3_FORMAT.ratio;
}

/** A decimal fraction as a percentage: `0.125 → "12,5%"`. */
export function formatPercent(fraction: number, decimals = 1): string {
  return `${viNumber(fraction * 100, decimals)}%`;
}

export const MISSING_TEXT = '—';

/** An indicator value as the report prints it; `—` when there is none. */
export function formatIndicatorValue(id: IndicatorId, value: number | null): string {
  if (value === null || !Number.isFinite(value)) return MISSING_TEXT;
  return INDICATOR_BY_ID[id].unit === 'percent' ? formatPercent(value) : viNumber(value, 1);
}

/**
 * A difference between two values of an indicator: percentage points for % indicators
 * (`+2,1 điểm %`), the indicator's own unit otherwise (`−3,4`). Always signed.
 */
export function formatIndicatorDelta(id: IndicatorId, delta: number): string {
  const percent = INDICATOR_BY_ID[id].unit === 'percent';
  const text = viNumber(percent ? delta * 100 : delta, 1);
  const signed = text.startsWith(VI_NUMBER.minus) || Number(delta.toFixed(percent ? 3 : 1)) === 0 ? text : `+${text}`;
  return percent ? `${signed} điểm %` : signed;
}
