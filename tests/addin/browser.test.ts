/**
 * The production build of the task pane in headless Chromium, with Office.js replaced by a stub
 * over the fake workbook: create → edit → (automatic) check → the seeded problems are listed in
 * Vietnamese and marked; a click selects the cell; the indicators chart renders; a local office's
 * workbook is imported (and a broken file refused); export with a reason downloads a file
 * carrying that reason. No console error (a CSP violation is one), no
 * request leaves localhost. A screenshot is saved in tests/artifacts/.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createRequire } from 'node:module';
import { parsePeriod } from '../../core/periods';
import { readWorkbookFile } from '../../core/xlsx';
import { PROJECT_ROOT } from '../../pipeline/reference';
import { ExcelAdapter, OWN_WRITE_ECHO_MS } from '../../addin/excel/adapter';
import { MARK_FILL } from '../../addin/excel/marks';
import { createOrRefresh, runCheck } from '../../addin/workflows';
import { DIST, ensureBuild } from './build';
import { FakeWorkbook, fakeRun } from './fake-excel';
import { filledSubmission, localFile, realReference } from './helpers';

// Required, not imported: an ESM import enumerates webpack's deprecated exports, which warn.
const webpack = createRequire(import.meta.url)('webpack') as typeof import('webpack');

const ARTIFACTS = join(PROJECT_ROOT, 'tests', 'artifacts');
const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** The seeded problems: typed by the "user" into the fake workbook. */
const EDITS: [sheet: string, cell: string, value: string | number][] = [
  ['Mẫu 03', 'G10', 1], // (4) conferences
  ['Mẫu 03', 'I10', 5], // (6) customer conferences > (4): V02
  ['Mẫu 03', 'D11', 'mười'], // text: V01
  ['Mẫu 04', 'I10', 2], // (6) offices inspected > (5) visits 0: V08
];

/** Bundles tests/addin/office-stub.ts (and the fake workbook it carries) for the browser. */
async function bundleStub(): Promise<string> {
  const out = join(tmpdir(), `bhxh-office-stub-${process.pid}`);
  const compiler = webpack({
    mode: 'development',
    devtool: false,
    context: PROJECT_ROOT,
    entry: './tests/addin/office-stub.ts',
    output: { path: out, filename: 'office-stub.js' },
    resolve: { extensions: ['.ts', '.js'] },
    module: {
      rules: [{ test: /\.ts$/, loader: 'ts-loader', options: { transpileOnly: true, compilerOptions: { noEmit: false } } }],
    },
  });
  await new Promise<void>((resolve, reject) =>
    compiler.run((err, stats) => (err || stats?.hasErrors() ? reject(err ?? new Error(stats!.toString('errors-only'))) : resolve())),
  );
  try {
    return readFileSync(join(out, 'office-stub.js'), 'utf8');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.xml': 'application/xml',
};

function serve(root: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    const file = join(root, path);
    if (!file.startsWith(root) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** The messages the rule engine gives for the same edits (computed here, without a browser). */
async function expectedErrors(): Promise<string[]> {
  const ref = realReference();
  const book = new FakeWorkbook();
  book.addSheet('Trang tính1');
  const adapter = new ExcelAdapter(fakeRun(book));
  await createOrRefresh(adapter, ref, { unitCode: '51', period: parsePeriod('2026-H1'), reportDate: '2026-06-15' });
  for (const [sheet, cell, value] of EDITS) await book.edit(sheet, cell, value);
  const checked = await runCheck(adapter, ref);
  return checked.issues.filter((i) => i.severity === 'error').map((i) => i.message.vi);
}

describe('task pane in Chromium', () => {
  let server: Server;
  let browser: Browser;
  let stub: string;
  let origin: string;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    await ensureBuild();
    stub = await bundleStub();
    server = await serve(DIST);
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  /** A page with Office.js stubbed, every other outside request refused, errors collected. */
  async function openPane(lang: string): Promise<{ page: Page; errors: string[]; outside: string[] }> {
    const context = await browser.newContext({ viewport: { width: 360, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    const errors: string[] = [];
    const outside: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url === OFFICE_JS) return route.fulfill({ contentType: 'text/javascript', body: stub });
      if (url.startsWith(origin)) return route.continue();
      outside.push(url);
      return route.abort();
    });
    await page.goto(`${origin}/taskpane.html?lang=${lang}`);
    await page.locator('#app').waitFor({ state: 'visible' });
    return { page, errors, outside };
  }

  test('create → edit → check lists the seeded problems in Vietnamese; export carries the reason', async () => {
    const { page, errors, outside } = await openPane('vi-VN');
    await page.locator('#status').filter({ hasText: 'Chọn đơn vị và kỳ báo cáo' }).waitFor();

    await page.selectOption('#period-kind', 'half');
    await page.fill('#period-year', '2026');
    await page.locator('#period-year').dispatchEvent('change');
    await page.selectOption('#province', '51');
    await page.selectOption('#unit', '51');
    await page.fill('#report-date', '2026-06-15');
    await page.click('#create');
    await page.locator('#status').filter({ hasText: 'Đã tạo các trang tính' }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { fakeWorkbook: FakeWorkbook }).fakeWorkbook.sheets.map((s) => s.name))).toEqual(
      expect.arrayContaining(['Mẫu 03', 'Mẫu 04', 'Mục tiêu', '_meta']),
    );

    // The user types (after the echo of the pane's own writes has passed); the pane checks again by itself.
    await page.waitForTimeout(OWN_WRITE_ECHO_MS);
    for (const edit of EDITS) {
      await page.evaluate(([sheet, cell, value]) => (window as unknown as { fakeWorkbook: FakeWorkbook }).fakeWorkbook.edit(sheet, cell, value), edit);
    }
    const v02 = page.locator('#issues .issue.error[data-cell="Mẫu 03!I10"]', { hasText: 'V02' });
    await v02.waitFor();
    await page.click('#check');
    await page.locator('#status').filter({ hasText: 'Kiểm tra xong' }).waitFor();

    const expected = await expectedErrors();
    expect(expected.length).toBeGreaterThanOrEqual(3);
    const listed = await page.locator('#issues .issue.error').allTextContents();
    expect(listed.length).toBe(expected.length);
    for (const message of expected) expect(listed.some((text) => text.includes(message))).toBe(true);
    await expect(page.locator('#issues summary').first().textContent()).resolves.toBe(`Lỗi (${expected.length})`);
    await expect(page.locator('#issue-summary').textContent()).resolves.toContain(`${expected.length} lỗi`);

    // Marks in the sheet, and a click goes to the cell.
    const fill = await page.evaluate(() => (window as unknown as { fakeWorkbook: FakeWorkbook }).fakeWorkbook.cell('Mẫu 03', 'I10').format.fill);
    expect(fill).toBe(MARK_FILL.error);
    await v02.click();
    await page.waitForFunction(() => (window as unknown as { fakeWorkbook: FakeWorkbook }).fakeWorkbook.selection?.address === 'I10');
    expect(await page.evaluate(() => (window as unknown as { fakeWorkbook: FakeWorkbook }).fakeWorkbook.selection)).toEqual({ sheet: 'Mẫu 03', address: 'I10' });

    // The unit's indicators: N01–N12 and the chart.
    await expect(page.locator('#indicators tbody tr').count()).resolves.toBe(12);
    await page.locator('#chart svg').waitFor();

    // Import: a local office's workbook is read in the browser (ExcelJS under the CSP) and fills
    // its row; a file that is no workbook is refused with the reason.
    const sonHa = join(ARTIFACTS, 'addin-import-5101.xlsx');
    const broken = join(ARTIFACTS, 'addin-import-hong.xlsx');
    writeFileSync(sonHa, await localFile(realReference(), '5101', parsePeriod('2026-H1')));
    writeFileSync(broken, 'không phải tệp Excel');
    await page.setInputFiles('#import-files', [sonHa, broken]);
    await page.click('#import');
    await page.locator('#status').filter({ hasText: 'Đã nhập 1 file, không nhập 1 file' }).waitFor();
    await expect(page.locator('#import-results li.imported').textContent()).resolves.toContain('5101 BHXH cơ sở Sơn Hà');
    await expect(page.locator('#import-results li.refused').textContent()).resolves.toContain('Không nhập: Không đọc được tệp "addin-import-hong.xlsx"');
    const imported = await page.evaluate(() => (window as unknown as { fakeWorkbook: FakeWorkbook }).fakeWorkbook.cell('Mẫu 03', 'D11').value);
    expect(imported).toBe(filledSubmission(realReference().registry, '51', parsePeriod('2026-H1')).forms.F03!.rows[1].values[0]);

    // Export: errors are left, so a reason is asked for and travels in the file.
    await page.click('#export');
    await page.locator('#reason-box').waitFor({ state: 'visible' });
    await page.fill('#reason', 'Số liệu hội nghị đã được xác minh với BHXH cơ sở');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-with-reason')]);
    expect(download.suggestedFilename()).toBe('51_2026-H1.xlsx');
    const saved = join(ARTIFACTS, 'addin-export-51_2026-H1.xlsx');
    await download.saveAs(saved);
    const back = await readWorkbookFile(readFileSync(saved), '51_2026-H1.xlsx');
    expect(back.submission?.overrideReason).toBe('Số liệu hội nghị đã được xác minh với BHXH cơ sở');
    expect(back.submission?.forms.F03?.rows[0].values[5]).toBe(5);

    await page.screenshot({ path: join(ARTIFACTS, 'addin-taskpane.png'), fullPage: true });
    expect(errors).toEqual([]);
    expect(outside).toEqual([]);
    await page.context().close();
  }, 60_000);

  test('speaks English when Office does', async () => {
    const { page, errors } = await openPane('en-US');
    await expect(page.locator('h1').textContent()).resolves.toBe('BHXH communication report');
    await expect(page.locator('#create').textContent()).resolves.toBe('Create / refresh sheets');
    await page.locator('#status').filter({ hasText: 'Choose the unit and period' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(errors).toEqual([]);
    await page.context().close();
  }, 30_000);
});
