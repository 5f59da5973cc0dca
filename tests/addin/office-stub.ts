/**
 * Office.js as the browser test serves it: `Office` (onReady, display language, requirement
 * sets) and `Excel.run` over the in-memory fake workbook, which the test drives through
 * `window.fakeWorkbook` (typing into cells, reading marks and the selection).
 * The display language comes from the page's `?lang=` (default `vi-VN`).
 */
import { FakeWorkbook, fakeRun } from './fake-excel';

const book = new FakeWorkbook();
book.addSheet('Trang tính1');

const displayLanguage = new URLSearchParams(location.search).get('lang') ?? 'vi-VN';

const office = {
  HostType: { Excel: 'Excel' },
  context: {
    displayLanguage,
    requirements: { isSetSupported: (name: string, version: string) => name === 'ExcelApi' && Number(version) <= 1.9 },
  },
  onReady(callback?: (info: { host: string; platform: string }) => unknown) {
    const info = { host: 'Excel', platform: 'OfficeOnline' };
    return Promise.resolve(info).then((i) => (callback ? callback(i) : undefined)).then(() => info);
  },
};

Object.assign(window, { Office: office, Excel: { run: fakeRun(book) }, fakeWorkbook: book });
