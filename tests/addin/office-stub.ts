/**
 * Office.js as the browser test serves it: `Office` (onReady, platform, requirement sets) and
 * `Excel.run` / `Excel.createWorkbook` over the in-memory fake workbook, which the test drives
 * through `window.fakeWorkbook` (typing into cells, reading marks, the selection and the
 * workbooks opened). The page's query sets the host:
 * - `platform`: PC, Mac or OfficeOnline (default OfficeOnline);
 * - `api`: the highest ExcelApi version supported (default 1.9);
 * - `ready=never`: Office.onReady never calls back; `host=none`: the page is outside Office.
 */
import { FakeWorkbook, fakeCreateWorkbook, fakeRun } from './fake-excel';

const book = new FakeWorkbook();
book.addSheet('Trang tính1');

const query = new URLSearchParams(location.search);
const platform = query.get('platform') ?? 'OfficeOnline';
const api = (query.get('api') ?? '1.9').split('.').map(Number);
const atMost = (version: string) => {
  const [major, minor] = version.split('.').map(Number);
  return major < api[0] || (major === api[0] && minor <= api[1]);
};

const office = {
  HostType: { Excel: 'Excel' },
  context: {
    displayLanguage: 'en-US',
    requirements: { isSetSupported: (name: string, version: string) => name === 'ExcelApi' && atMost(version) },
  },
  onReady(callback?: (info: { host: string | null; platform: string | null }) => unknown) {
    if (query.get('ready') === 'never') return new Promise(() => undefined);
    const info = query.get('host') === 'none' ? { host: null, platform: null } : { host: 'Excel', platform };
    return Promise.resolve(info).then((i) => (callback ? callback(i) : undefined)).then(() => info);
  },
};

Object.assign(window, { Office: office, Excel: { run: fakeRun(book), createWorkbook: fakeCreateWorkbook(book) }, fakeWorkbook: book });
