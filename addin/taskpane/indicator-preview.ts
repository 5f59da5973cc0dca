/**
 * The unit's own indicators: a table (value against target) and the shared preview chart of
 * core/charts, rendered with vega-embed. Vega runs with its expression interpreter, so the
 * pane needs no `eval` (CSP); vega-embed's stylesheet, menu and tooltips are off for the same
 * reason (they would inject styles or markup).
 */
import { unitPreviewChart } from '../../core/charts/unit-preview';
import { formatIndicatorValue, MISSING_TEXT } from '../../core/charts/format';
import { INDICATOR_BY_ID, type IndicatorId, type IndicatorValue } from '../../core/indicators';
import { UI, type Lang } from '../i18n';
import { byId, clear, el } from './dom';

const EN_NUMBER = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export function formatValue(id: IndicatorId, value: number | null, lang: Lang): string {
  if (lang === 'vi') return formatIndicatorValue(id, value);
  if (value === null || !Number.isFinite(value)) return MISSING_TEXT;
  return INDICATOR_BY_ID[id].unit === 'percent' ? `${EN_NUMBER.format(value * 100)}%` : EN_NUMBER.format(value);
}

export class IndicatorPreview {
  private readonly table = byId<HTMLTableElement>('indicators');
  private readonly empty = byId('preview-empty');
  private readonly chart = byId('chart');
  private view: { finalize(): void } | null = null;
  private shown = '';

  constructor(private readonly lang: Lang) {
    this.chart.setAttribute('aria-label', UI.chartAlt[lang]);
  }

  async show(values: readonly IndicatorValue[]): Promise<void> {
    const key = JSON.stringify(values);
    if (key === this.shown) return;
    this.shown = key;
    const body = this.table.tBodies[0];
    clear(body);
    this.table.hidden = values.length === 0;
    this.empty.hidden = values.length > 0;
    for (const v of values) {
      const def = INDICATOR_BY_ID[v.indicator];
      const below = v.value !== null && v.target !== null && v.value < v.target;
      body.append(
        el('tr', {}, [
          el('td', { text: `${def.id}. ${def.label[this.lang]}` }),
          el('td', { className: below ? 'number below' : 'number', text: formatValue(v.indicator, v.value, this.lang) }),
          el('td', { className: 'number', text: formatValue(v.indicator, v.target, this.lang) }),
        ]),
      );
    }
    await this.draw(values);
  }

  private async draw(values: readonly IndicatorValue[]): Promise<void> {
    this.view?.finalize();
    this.view = null;
    clear(this.chart);
    if (values.length === 0) return;
    const [{ default: embed }, { expressionInterpreter }] = await Promise.all([
      import(/* webpackChunkName: "chart" */ 'vega-embed'),
      import(/* webpackChunkName: "chart" */ 'vega-interpreter'),
    ]);
    const width = Math.max(160, Math.min(this.chart.clientWidth || 300, 480) - 190);
    this.view = await embed(this.chart, unitPreviewChart(values, { width }), {
      mode: 'vega-lite',
      renderer: 'svg',
      actions: false,
      defaultStyle: false,
      tooltip: false,
      ast: true,
      expr: expressionInterpreter,
    });
  }
}
