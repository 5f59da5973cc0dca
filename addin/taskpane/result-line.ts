/**
 * The line under a button that says what its action did: kept in both languages (the VI/EN
 * switch redraws it), hidden when empty, scrolled into view when it changes so that the clerk
 * sees it without hunting down a long pane.
 */
import type { Text } from '../../core/forms';
import type { Lang } from '../i18n';

export type Tone = 'info' | 'ok' | 'error';

export class ResultLine {
  private text: Text | null = null;
  private tone: Tone = 'info';

  constructor(
    private readonly node: HTMLElement,
    private lang: Lang,
  ) {}

  /** Shows a text (null hides the line); `reveal` scrolls it into view and opens its step. */
  set(text: Text | null, tone: Tone = 'info', reveal = true): void {
    this.text = text;
    this.tone = tone;
    this.render();
    if (!text || !reveal) return;
    const step = this.node.closest('details');
    if (step) step.open = true;
    this.node.scrollIntoView({ block: 'nearest' });
  }

  setLang(lang: Lang): void {
    this.lang = lang;
    this.render();
  }

  private render(): void {
    const base = this.node.id === 'status' ? 'status' : 'result';
    this.node.textContent = this.text ? this.text[this.lang] : '';
    this.node.className = this.tone === 'info' ? base : `${base} ${this.tone}`;
    this.node.hidden = this.text === null;
  }
}
