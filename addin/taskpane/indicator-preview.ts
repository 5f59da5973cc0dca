/**
 * The unit's own indicators: a table (value against target) and the shared preview chart of
 * core/charts, rendered with vega-embed. Vega runs with its expression interpreter, so the
 * pane needs no `eval` (CSP); vega-embed's stylesheet, menu and tooltips are off for the same
 * reason (they would inject styles or markup).
 */
import { unitPreviewChart } from '../../core/charts/unit-preview';
import { formatIndicatorValue, MISSING_TEXT } from '../../core/charts/format';
import { INDICATOR_BY_ID, type IndicatorId, type IndicatorValue } from '../../core/indicators';
import type { Issue, Submission } from '../../core/submission';
import { MESSAGES, UI, type Lang } from '../i18n';
import { blockingErrors } from '../indicators';
import { byId, clear, el } from './dom';

const EN_NUMBER = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

function formatValue(id: IndicatorId, value: number | null, lang: Lang): string {
  if (lang === 'vi') return formatIndicatorValue(id, value);
  if (value === null || !Number.isFinite(value)) return MISSING_TEXT;
  return INDICATOR_BY_ID[id].unit === 'percent' ? `${EN_NUMBER.format(value * 100)}%` : EN_NUMBER.format(value);
}

/** `N09, N10: Mẫu 03!I10 (V02)`: the held-back indicators with the cells to fix. */
function blockedList(blocked: Map<IndicatorId, Issue[]>): { ids: string[]; cells: string[] } {
  const cells = new Set([...blocked.values()].flat().map((i) => `${i.sheet}${i.cell ? `!${i.cell}` : ''} (${i.rule})`));
  return { ids: [...blocked.keys()], cells: [...cells].slice(0, 5) };
}

export class IndicatorPreview {
  private readonly table = byId<HTMLTableElement>('indicators');
  private readonly empty = byId('preview-empty');
  private readonly blockedNote = byId('preview-blocked');
  private readonly chart = byId('chart');
  private view: { finalize(): void } | null = null;
  private shown = '';
  private last: { values: readonly IndicatorValue[]; blocked: Map<IndicatorId, Issue[]> } = { values: [], blocked: new Map() };

  constructor(private lang: Lang) {
    this.chart.setAttribute('aria-label', UI.chartAlt[lang]);
  }

  async setLang(lang: Lang): Promise<void> {
    this.lang = lang;
    this.chart.setAttribute('aria-label', UI.chartAlt[lang]);
    this.shown = '';
    await this.render();
  }

  /** Shows the indicators whose figures are free of errors; names the errors holding back the others. */
  async show(values: readonly IndicatorValue[], issues: readonly Issue[], sub: Submission | null): Promise<void> {
    this.last = { values, blocked: sub ? blockingErrors(values, issues, sub) : new Map() };
    await this.render();
  }

  private async render(): Promise<void> {
    const { values, blocked } = this.last;
    const clean = values.filter((v) => !blocked.has(v.indicator));
    const key = JSON.stringify([this.lang, clean, [...blocked.keys()]]);
    if (key === this.shown) return;
    this.shown = key;
    const body = this.table.tBodies[0];
    clear(body);
    this.table.hidden = clean.length === 0;
    this.empty.hidden = values.length > 0;
    this.blockedNote.hidden = blocked.size === 0;
    this.blockedNote.textContent = blocked.size ? MESSAGES.indicatorsHeld(blockedList(blocked))[this.lang] : '';
    for (const v of clean) {
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
    await this.draw(clean);
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
    // Ids on the axis (the table above names them): the bars get the pane's width.
    const width = Math.max(160, Math.min(this.chart.clientWidth || 300, 480) - 70);
    this.view = await embed(this.chart, unitPreviewChart(values, { width, compact: true, percentTitle: UI.chartPercent[this.lang] }), {
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
