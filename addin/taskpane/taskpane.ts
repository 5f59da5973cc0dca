/**
 * Entry point of the task pane: language first (the load messages are shown in it), then
 * Office.js: a message naming the host to let through when Office.js could not load, a watchdog
 * when Office never answers, a message when the page is opened outside Excel, then the pane.
 */
import type { Text } from '../../core/forms';
import { platformOf } from '../delivery';
import { ExcelAdapter, REQUIRED_EXCEL_API, UNDO_KEEPING_EXCEL_API } from '../excel/adapter';
import { MESSAGES, UI } from '../i18n';
import { TaskPane } from './app';
import { byId } from './dom';
import { saveFile } from './download';
import { LanguageSwitch } from './language-switch';
import { OFFICE_READY_TIMEOUT_MS, officeJsHost } from './office-load';
import { ResultLine } from './result-line';
import { loadReference } from './reference-data';

const languages = new LanguageSwitch([byId<HTMLButtonElement>('lang-vi'), byId<HTMLButtonElement>('lang-en')]);
const status = new ResultLine(byId('status'), languages.lang);
languages.onChange((lang) => status.setLang(lang));
status.set(UI.loading, 'info', false);

function stop(text: Text): void {
  status.set(text, 'error', false);
}

if (typeof Office === 'undefined') {
  // The script tag ran but Office.js never arrived: no network, or a proxy blocking its host.
  stop(MESSAGES.officeUnreachable(officeJsHost(document)));
} else {
  const watchdog = setTimeout(() => stop(UI.officeTimeout), OFFICE_READY_TIMEOUT_MS);
  void Office.onReady(async (info) => {
    clearTimeout(watchdog);
    // Outside Office (a browser tab), Office.js reports no host.
    if (info.host !== Office.HostType.Excel) return stop(UI.notExcel);
    if (!Office.context.requirements.isSetSupported('ExcelApi', REQUIRED_EXCEL_API)) return stop(UI.oldExcel);
    const adapter = new ExcelAdapter();
    status.set(null);
    byId('app').hidden = false;
    const pane = new TaskPane(adapter, loadReference(), languages.lang, {
      keepsUndo: Office.context.requirements.isSetSupported('ExcelApi', UNDO_KEEPING_EXCEL_API),
      channels: {
        platform: platformOf(String(info.platform)),
        openWorkbook: (bytes) => adapter.openAsNewWorkbook(bytes),
        download: saveFile,
      },
    });
    languages.onChange((lang) => void pane.setLang(lang));
    await pane.start();
  });
}
