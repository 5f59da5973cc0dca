/**
 * The VI/EN buttons of the pane's header: they work before Office is ready (the load messages
 * switch too), remember the choice on this machine, and tell whoever listens to redraw.
 */
import { rememberLanguage, storedLanguage, translatePage, type Lang } from '../i18n';

/** localStorage, or null where the web view refuses it. */
function machineStore(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export class LanguageSwitch {
  private readonly listeners: ((lang: Lang) => void)[] = [];
  lang: Lang = storedLanguage(machineStore());

  constructor(private readonly buttons: readonly HTMLButtonElement[]) {
    for (const button of buttons) button.addEventListener('click', () => this.choose(button.dataset.lang === 'en' ? 'en' : 'vi'));
    this.apply();
  }

  onChange(listener: (lang: Lang) => void): void {
    this.listeners.push(listener);
  }

  private choose(lang: Lang): void {
    if (lang === this.lang) return;
    this.lang = lang;
    rememberLanguage(machineStore(), lang);
    this.apply();
    this.listeners.forEach((l) => l(lang));
  }

  private apply(): void {
    translatePage(document, this.lang);
    for (const b of this.buttons) b.setAttribute('aria-pressed', String(b.dataset.lang === this.lang));
  }
}
