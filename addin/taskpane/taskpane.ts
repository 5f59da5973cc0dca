/** Entry point of the task pane: waits for Office, picks the language, starts the pane. */
import { ExcelAdapter, REQUIRED_EXCEL_API } from '../excel/adapter';
import { languageOf, translatePage, UI, type Lang } from '../i18n';
import { TaskPane } from './app';
import { byId } from './dom';
import { loadReference } from './reference-data';

function stop(text: { vi: string; en: string }, lang: Lang): void {
  const status = byId('status');
  status.textContent = text[lang];
  status.className = 'status error';
}

if (typeof Office === 'undefined') {
  // Office.js did not load (no network to its CDN, or the page opened outside Office).
  stop(UI.notExcel, languageOf(navigator.language));
} else {
  Office.onReady(async (info) => {
    const lang = languageOf(Office.context?.displayLanguage ?? navigator.language);
    translatePage(document, lang);
    if (info.host !== Office.HostType.Excel) return stop(UI.notExcel, lang);
    if (!Office.context.requirements.isSetSupported('ExcelApi', REQUIRED_EXCEL_API)) return stop(UI.oldExcel, lang);
    byId('app').hidden = false;
    await new TaskPane(new ExcelAdapter(), loadReference(), lang).start();
  });
}
