/**
 * Shows a delivery next to the button that made the file: what happened, what to do, and the
 * download as a second way where it can work. Any button that makes a file (the submission, a
 * Word draft) uses it: `deliver(container, file)`.
 */
import { deliverFile, requestDownload, type Deliverable, type Delivery, type DeliveryChannels } from '../delivery';
import { UI, type Lang } from '../i18n';
import { clear, el } from './dom';

export class DeliveryView {
  private shown: { file: Deliverable; delivery: Delivery } | null = null;

  constructor(
    private readonly container: HTMLElement,
    private readonly channels: DeliveryChannels,
    private lang: Lang,
  ) {}

  async deliver(file: Deliverable): Promise<Delivery> {
    const delivery = await deliverFile(file, this.channels);
    this.show(file, delivery);
    return delivery;
  }

  setLang(lang: Lang): void {
    this.lang = lang;
    if (this.shown) this.show(this.shown.file, this.shown.delivery);
  }

  hide(): void {
    this.shown = null;
    clear(this.container);
    this.container.hidden = true;
  }

  private show(file: Deliverable, delivery: Delivery): void {
    this.shown = { file, delivery };
    clear(this.container);
    const tone = delivery.outcome === 'opened' ? 'ok' : delivery.outcome === 'requested' ? 'info' : 'error';
    this.container.className = `result delivery ${tone}`;
    this.container.dataset.outcome = delivery.outcome;
    this.container.append(el('p', { text: delivery.text[this.lang] }));
    if (delivery.offerDownload) {
      const button = el('button', { className: 'link', text: UI.downloadInstead[this.lang], attrs: { type: 'button', id: `${this.container.id}-download` } });
      button.addEventListener('click', () => this.show(file, requestDownload(file, this.channels)));
      this.container.append(button);
    }
    this.container.hidden = false;
    this.container.scrollIntoView({ block: 'nearest' });
  }
}
