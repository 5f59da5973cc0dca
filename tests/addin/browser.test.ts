/**
 * The production build of the task pane in headless Chromium at 350 px, with Office.js replaced
 * by a stub over the fake workbook: create → edit → the automatic check lists the seeded
 * problems in Vietnamese without marking cells (ExcelApi below 1.19 keeps Undo that way), one
 * error per mistake (the total row's repeats folded into a note naming the unit rows), the check
 * button marks them, a click selects the cell; indicators stay hidden while their figures have errors; a local office's
 * workbook is imported (and a broken file refused); export with a reason opens the file as a new
 * workbook (Excel.createWorkbook, its bytes read back) and offers the download; the province's
 * Word draft is built from the sheets (its code loaded only then) and downloaded, its text
 * carrying the figures typed; the VI/EN switch
 * is remembered; Office.js unreachable, Office never ready, outside Excel and Excel for Mac each
 * get their message. No console error (a CSP violation is one), no request leaves localhost.
 * Screenshots of each state are saved in tests/artifacts/.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import JSZip from 'jszip';
import { createRequire } from 'node:module';
import { parsePeriod } from '../../core/periods';
import { readWorkbookFile } from '../../core/xlsx';
import { PROJECT_ROOT } from '../../pipeline/reference';
import { ExcelAdapter, OWN_WRITE_ECHO_MS } from '../../addin/excel/adapter';
import { MARK_FILL } from '../../addin/excel/marks';
import { createOrRefresh, runCheck } from '../../addin/workflows';
import { OFFICE_READY_TIMEOUT_MS } from '../../addin/taskpane/office-load';
import { DIST, ensureBuild } from './build';
import { CHROMIUM_ARGS, serve } from './browser-support';
import { FakeWorkbook, fakeRun } from './fake-excel';
import { filledSubmission, localFile, realReference } from './helpers';

// Required, not imported: an ESM import enumerates webpack's deprecated exports, which warn.
const webpack = createRequire(import.meta.url)('webpack') as typeof import('webpack');

const ARTIFACTS = join(PROJECT_ROOT, 'tests', 'artifacts');
const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

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

/** The errors the rule engine finds for the same edits, without the total row's repeats. */
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

type Win = { fakeWorkbook: FakeWorkbook };

describe('task pane in Chromium', () => {
  let server: Server;
  let browser: Browser;
  let stub: string;
  let origin: string;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    await ensureBuild();
    stub = await bundleStub();
    ({ server, origin } = await serve(DIST));
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  /**
   * A page at the task pane's width with Office.js stubbed (`office: 'unreachable'` refuses it
   * instead), every other outside request refused, errors collected.
   */
  async function openPane(query = '', { office = 'stub', clock = false }: { office?: 'stub' | 'unreachable'; clock?: boolean } = {}) {
    const context = await browser.newContext({ viewport: { width: 350, height: 800 }, acceptDownloads: true });
    const page = await context.newPage();
    const errors: string[] = [];
    const outside: string[] = [];
    page.on('console', (m) => m.type() === 'error' && !(office === 'unreachable' && m.text().includes('ERR_FAILED')) && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url === OFFICE_JS && office === 'stub') return route.fulfill({ contentType: 'text/javascript', body: stub });
      if (url.startsWith(origin)) return route.continue();
      outside.push(url);
      return route.abort();
    });
    if (clock) await page.clock.install();
    await page.goto(`${origin}/taskpane.html${query}`);
    return { page, errors, outside };
  }

  /** Picks Quảng Ngãi's six-month report 2026 in step 1 with this report date (dd/mm/yyyy). */
  async function chooseQuangNgaiH1(page: Page, reportDate: string): Promise<void> {
    await page.selectOption('#period-kind', 'half');
    await page.fill('#period-year', '2026');
    await page.locator('#period-year').dispatchEvent('change');
    await page.selectOption('#province', '51');
    await page.selectOption('#unit', '51');
    await page.fill('#report-date', reportDate);
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `addin-${name}.png`), fullPage: true });

  test('a report from creation to delivery, in Vietnamese on English Office', async () => {
    const { page, errors, outside } = await openPane('?platform=PC');
    await page.locator('#app').waitFor({ state: 'visible' });
    await page.locator('#create-result').filter({ hasText: 'Chọn đơn vị và kỳ báo cáo' }).waitFor();
    expect(await page.locator('#report-date').inputValue()).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    await expect(page.locator('label[for="import-files"]').textContent()).resolves.toBe('Chọn file…');
    await shot(page, '1-start');
    // Every province's and unit's name fits its drop-down at 350 px (a cut name cannot be read).
    const cut = await page.evaluate(() => {
      const province = document.getElementById('province') as HTMLSelectElement;
      const unit = document.getElementById('unit') as HTMLSelectElement;
      const ctx = document.createElement('canvas').getContext('2d')!;
      const tooLong = (select: HTMLSelectElement) => {
        const css = getComputedStyle(select);
        ctx.font = `${css.fontSize} ${css.fontFamily}`;
        const room = select.clientWidth - parseFloat(css.paddingLeft) - parseFloat(css.paddingRight) - 20; // the arrow
        return [...select.options].filter((o) => ctx.measureText(o.text).width > room).map((o) => o.text);
      };
      const first = province.value;
      const found = tooLong(province);
      for (const code of [...province.options].map((o) => o.value)) {
        province.value = code;
        province.dispatchEvent(new Event('change'));
        found.push(...tooLong(unit));
        if (unit.title !== unit.selectedOptions[0].text) found.push(`title of ${code}`);
      }
      province.value = first;
      province.dispatchEvent(new Event('change'));
      return found;
    });
    expect(cut).toEqual([]);

    await chooseQuangNgaiH1(page, '31/13/2026');
    await page.click('#create');
    await page.locator('#create-result.error').filter({ hasText: 'ngày/tháng/năm' }).waitFor();
    await page.fill('#report-date', '15/06/2026');
    await page.click('#create');
    await page.locator('#create-result').filter({ hasText: 'Đã tạo các trang tính của 51 – Quảng Ngãi, 6 tháng đầu năm 2026' }).waitFor();
    const sheets = await page.evaluate(() => (window as unknown as Win).fakeWorkbook.sheets.map((s) => s.name));
    expect(sheets).toEqual(expect.arrayContaining(['Mẫu 03', 'Mẫu 04', 'Mục tiêu', '_meta']));
    const meta = await page.evaluate(() => (window as unknown as Win).fakeWorkbook.sheets.find((s) => s.name === '_meta')!.cells.size);
    expect(meta).toBeGreaterThan(0);

    // The user types (after the echo of the pane's own writes has passed); the pane checks again
    // by itself, lists the problems, and leaves the cells unmarked (ExcelApi 1.9: Undo kept).
    await page.waitForTimeout(OWN_WRITE_ECHO_MS);
    for (const edit of EDITS) {
      await page.evaluate(([sheet, cell, value]) => (window as unknown as Win).fakeWorkbook.edit(sheet, cell, value), edit);
    }
    const v02 = page.locator('#issues .issue.error[data-cell="Mẫu 03!I10"]', { hasText: 'V02' });
    await v02.waitFor();
    await page.locator('#check-result').filter({ hasText: 'Hoàn tác' }).waitFor();
    const unmarked = await page.evaluate(() => (window as unknown as Win).fakeWorkbook.cell('Mẫu 03', 'I10').format.fill);
    expect(unmarked).not.toBe(MARK_FILL.error);

    // One error per mistake: the total row, which sums the unit rows, repeats none of them.
    const expected = await expectedErrors();
    expect(expected.length).toBe(4); // V01 D11; V02 I10 and V03 H10 (1 conference, 0 attendees); V08
    const listed = await page.locator('#issues .issue.error').allTextContents();
    expect(listed.length).toBe(expected.length);
    for (const message of expected) expect(listed.filter((text) => text.includes(message))).toHaveLength(1);
    await expect(page.locator('#issues .issue.error[data-cell="Mẫu 03!I10"] .where').textContent()).resolves.toBe('Mẫu 03!I10 · 5100 – Văn phòng BHXH tỉnh');
    // The total row's repeats are one note per rule, naming the unit row that caused it.
    expect(await page.locator('#issues .issue.error', { hasText: 'Tổng cộng' }).count()).toBe(0);
    await expect(page.locator('#issues .issue.info', { hasText: 'V02' }).textContent()).resolves.toContain(
      'Hàng Tổng cộng cũng chưa đạt vì các dòng: 5100 – Văn phòng BHXH tỉnh (I10)',
    );

    // The button marks the cells; a click on an issue goes to its cell.
    await page.click('#check');
    await page.locator('#check-result').filter({ hasText: 'Kiểm tra xong: 4 lỗi' }).waitFor();
    expect(await page.evaluate(() => (window as unknown as Win).fakeWorkbook.cell('Mẫu 03', 'I10').format.fill)).toBe(MARK_FILL.error);
    const marked = await page.evaluate(
      (fill) => [...(window as unknown as Win).fakeWorkbook.sheets.find((s) => s.name === 'Mẫu 03')!.cells].filter(([, c]) => c.format.fill === fill).map(([k]) => k),
      MARK_FILL.error,
    );
    expect(marked.sort()).toEqual(['10,8', '10,9', '11,4']); // H10, I10 and D11, not the total row
    await v02.click();
    await page.waitForFunction(() => (window as unknown as Win).fakeWorkbook.selection?.address === 'I10');
    await shot(page, '2-check');

    // Indicators: those whose figures carry errors (N10 uses (6) and (4) of Mẫu 03) are held back.
    await page.click('#step-preview > summary');
    await page.locator('#preview-blocked').filter({ hasText: 'N10' }).waitFor();
    const shownIds = (await page.locator('#indicators tbody tr td:first-child').allTextContents()).map((t) => t.slice(0, 3));
    expect(shownIds).not.toContain('N10');
    expect(shownIds).not.toContain('N08'); // Mẫu 04 (6), V08
    expect(shownIds.length).toBeGreaterThan(0);
    await expect(page.locator('#preview-blocked').textContent()).resolves.toContain('Mẫu 03!I10 (V02)');
    await page.locator('#chart svg').waitFor();
    await page.locator('#step-preview').scrollIntoViewIfNeeded();
    await shot(page, '3-indicators-held');

    // Import: a local office's workbook is read in the browser (ExcelJS under the CSP) and fills
    // its row; a file that is no workbook is refused with the reason.
    const sonHa = join(ARTIFACTS, 'addin-import-5101.xlsx');
    const broken = join(ARTIFACTS, 'addin-import-hong.xlsx');
    writeFileSync(sonHa, await localFile(realReference(), '5101', parsePeriod('2026-H1')));
    writeFileSync(broken, 'không phải tệp Excel');
    await page.click('#step-import > summary');
    await page.setInputFiles('#import-files', [sonHa, broken]);
    await expect(page.locator('#chosen-files').textContent()).resolves.toBe('2 file: addin-import-5101.xlsx, addin-import-hong.xlsx');
    await page.click('#import');
    await page.locator('#import-result').filter({ hasText: 'Đã nhập 1 file, không nhập 1 file' }).waitFor();
    await expect(page.locator('#import-results li.imported').textContent()).resolves.toContain('5101 BHXH cơ sở Sơn Hà');
    await expect(page.locator('#import-results li.refused').textContent()).resolves.toContain('Không nhập: Không đọc được tệp "addin-import-hong.xlsx"');
    const imported = await page.evaluate(() => (window as unknown as Win).fakeWorkbook.cell('Mẫu 03', 'D11').value);
    expect(imported).toBe(filledSubmission(realReference().registry, '51', parsePeriod('2026-H1')).forms.F03!.rows[1].values[0]);
    await shot(page, '4-import');

    // Export: errors are left, so a reason is asked for; the file opens as a new workbook.
    await page.click('#step-export > summary');
    await page.click('#export');
    await page.locator('#reason-box').waitFor({ state: 'visible' });
    await page.fill('#reason', 'Số liệu hội nghị đã được xác minh với BHXH cơ sở');
    await page.click('#export-with-reason');
    const delivery = page.locator('#export-delivery[data-outcome="opened"]');
    await delivery.waitFor();
    await expect(delivery.textContent()).resolves.toContain('Tệp › Lưu thành (File › Save As), đặt tên 51_2026-H1.xlsx');
    // Scrolled into view next to the button (to the pixel's rounding).
    expect(await delivery.evaluate((e) => e.getBoundingClientRect().bottom <= window.innerHeight + 1 && e.getBoundingClientRect().top >= 0)).toBe(true);
    const opened = await page.evaluate(() => (window as unknown as Win).fakeWorkbook.createdWorkbooks);
    expect(opened).toHaveLength(1);
    const bytes = Buffer.from(opened[0], 'base64');
    const back = await readWorkbookFile(bytes, '51_2026-H1.xlsx');
    expect(back.submission?.unitCode).toBe('51');
    expect(back.submission?.overrideReason).toBe('Số liệu hội nghị đã được xác minh với BHXH cơ sở');
    expect(back.submission?.forms.F03?.rows[0].values[5]).toBe(5);
    await shot(page, '5-export-opened');

    // The download stays on offer, and hands over the same bytes.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-delivery-download')]);
    expect(download.suggestedFilename()).toBe('51_2026-H1.xlsx');
    const saved = join(ARTIFACTS, 'addin-export-51_2026-H1.xlsx');
    await download.saveAs(saved);
    expect(readFileSync(saved).equals(bytes)).toBe(true);
    await page.locator('#export-delivery[data-outcome="requested"]').filter({ hasText: 'thư mục Tải xuống (Downloads)' }).waitFor();

    // Errors fixed: every indicator shows.
    await page.waitForTimeout(OWN_WRITE_ECHO_MS);
    await page.evaluate(() => (window as unknown as Win).fakeWorkbook.edit('Mẫu 03', 'I10', 1));
    await page.evaluate(() => (window as unknown as Win).fakeWorkbook.edit('Mẫu 03', 'H10', 40));
    await page.evaluate(() => (window as unknown as Win).fakeWorkbook.edit('Mẫu 04', 'I10', 0));
    await page.click('#check');
    await page.locator('#check-result').filter({ hasText: /Kiểm tra xong: 0 lỗi|Không có lỗi/ }).waitFor();
    await expect(page.locator('#indicators tbody tr').count()).resolves.toBe(12);
    expect(await page.locator('#preview-blocked').isHidden()).toBe(true);
    await page.locator('#step-preview').scrollIntoViewIfNeeded();
    await shot(page, '6-indicators');

    expect(errors).toEqual([]);
    expect(outside).toEqual([]);
    await page.context().close();
  }, 90_000);

  test('the province’s report draft in Word, from the figures in the sheets', async () => {
    const { page, errors, outside } = await openPane('?platform=PC');
    const chunks: string[] = [];
    page.on('request', (r) => r.url().endsWith('.js') && chunks.push(r.url()));
    await page.locator('#app').waitFor({ state: 'visible' });
    await chooseQuangNgaiH1(page, '15/06/2026');
    await page.click('#create');
    await page.locator('#create-result.ok').waitFor();
    // The clerk's figures: the provincial office (row 10) and BHXH cơ sở Sơn Hà (row 11).
    await page.waitForTimeout(OWN_WRITE_ECHO_MS);
    const typed: [string, string, number][] = [
      ['Mẫu 03', 'G10', 3], ['Mẫu 03', 'H10', 250], ['Mẫu 03', 'I10', 1], ['Mẫu 03', 'J10', 2], ['Mẫu 03', 'K10', 14],
      ['Mẫu 03', 'G11', 12], ['Mẫu 03', 'H11', 1310], ['Mẫu 03', 'I11', 5], ['Mẫu 03', 'J11', 6], ['Mẫu 03', 'K11', 45],
      ['Mẫu 04', 'J10', 20], ['Mẫu 04', 'K10', 35], ['Mẫu 04', 'L10', 10],
      ['Mục tiêu', 'C8', 40], ['Mục tiêu', 'D8', 30],
    ];
    for (const edit of typed) await page.evaluate(([sheet, cell, value]) => (window as unknown as Win).fakeWorkbook.edit(sheet, cell, value), edit);
    expect(chunks.some((url) => url.includes('/report-draft.'))).toBe(false);

    await page.click('#step-export > summary');
    await expect(page.locator('#draft').textContent()).resolves.toBe('Tạo dự thảo báo cáo (Word)');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#draft')]);
    expect(download.suggestedFilename()).toBe('bao-cao_51_2026-H1.docx');
    const saved = join(ARTIFACTS, 'addin-bao-cao_51_2026-H1.docx');
    await download.saveAs(saved);
    const delivery = page.locator('#draft-delivery[data-outcome="requested"]');
    await delivery.waitFor();
    await expect(delivery.textContent()).resolves.toContain('Đã yêu cầu tải file bao-cao_51_2026-H1.docx xuống');
    await expect(delivery.textContent()).resolves.toContain('Nếu không thấy, bấm lại nút tạo dự thảo.');
    // The draft's code came with the click, in its own chunk, not with the pane.
    expect(chunks.some((url) => url.includes('/report-draft.'))).toBe(true);
    await page.locator('#draft').scrollIntoViewIfNeeded();
    await shot(page, '11-draft');

    // The document's text, paragraph by paragraph, carries the figures typed into the sheets.
    const xml = await (await JSZip.loadAsync(readFileSync(saved))).file('word/document.xml')!.async('string');
    const text = xml
      .split('</w:p>')
      .map((p) => p.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&'))
      .join('\n')
      .normalize('NFC');
    for (const sentence of [
      'BẢO HIỂM XÃ HỘI TỈNH QUẢNG NGÃI',
      'Quảng Ngãi, ngày 15 tháng 6 năm 2026',
      'Kết quả công tác thông tin, truyền thông 6 tháng đầu năm 2026',
      'Trong 6 tháng đầu năm, BHXH tỉnh và BHXH cơ sở đã tổ chức 15 hội nghị truyền thông với 1.560 người tham dự (bình quân 104,0 người/hội nghị); trong đó 6 hội nghị khách hàng (chiếm 40,0 % số hội nghị).',
      'Tổ chức 8 cuộc truyền thông nhóm nhỏ, gặp trực tiếp với 59 lượt người được truyền thông.',
      '30/40, đạt tỷ lệ 75,0 %',
      '55 người tham gia mới, gồm 20 người tham gia BHXH tự nguyện và 35 người tham gia BHYT hộ gia đình; trong đó 10 người',
      'Chưa có số liệu cùng kỳ năm 2025 để so sánh',
    ]) {
      expect(text).toContain(sentence);
    }

    // English: the button and the delivery are redrawn.
    await page.click('#lang-en');
    await expect(page.locator('#draft').textContent()).resolves.toBe('Create report draft (Word)');
    await expect(delivery.textContent()).resolves.toContain('A download of bao-cao_51_2026-H1.docx was requested');
    expect(errors).toEqual([]);
    expect(outside).toEqual([]);
    await page.context().close();
  }, 90_000);

  test('the VI/EN switch redraws the pane and is remembered on the machine', async () => {
    const { page, errors } = await openPane();
    await page.locator('#create-result').filter({ hasText: 'Chọn đơn vị và kỳ báo cáo' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('vi');
    await page.click('#lang-en');
    await expect(page.locator('h1').textContent()).resolves.toBe('BHXH communication report');
    await expect(page.locator('#create').textContent()).resolves.toBe('Create / refresh sheets');
    await expect(page.locator('#create-result').textContent()).resolves.toContain('Choose the unit and period');
    await expect(page.locator('label[for="import-files"]').textContent()).resolves.toBe('Choose files…');
    expect(await page.locator('#lang-en').getAttribute('aria-pressed')).toBe('true');
    await page.click('#create');
    await page.locator('#create-result').filter({ hasText: 'Sheets created for' }).waitFor();
    await shot(page, '7-english');
    await page.reload();
    await page.locator('#create-result').filter({ hasText: 'Choose the unit and period' }).or(page.locator('#check-result').filter({ hasText: 'Checked' })).first().waitFor();
    await expect(page.locator('h1').textContent()).resolves.toBe('BHXH communication report');
    await page.click('#lang-vi');
    await expect(page.locator('h1').textContent()).resolves.toBe('Báo cáo truyền thông BHXH');
    expect(errors).toEqual([]);
    await page.context().close();
  }, 60_000);

  test('Office.js unreachable: the message names the host to let through', async () => {
    const { page, errors } = await openPane('', { office: 'unreachable' });
    await page.locator('#status.error').filter({ hasText: 'appsforoffice.microsoft.com' }).waitFor();
    await expect(page.locator('#status').textContent()).resolves.toContain('proxy');
    expect(await page.locator('#app').isHidden()).toBe(true);
    await shot(page, '8-office-unreachable');
    expect(errors).toEqual([]);
    await page.context().close();
  }, 30_000);

  test('Office never ready: the watchdog says what to do', async () => {
    const { page, errors } = await openPane('?ready=never', { clock: true });
    await page.locator('#status').filter({ hasText: 'Đang kết nối với Excel' }).waitFor();
    await page.clock.runFor(OFFICE_READY_TIMEOUT_MS + 1000);
    await page.locator('#status.error').filter({ hasText: 'Excel không phản hồi' }).waitFor();
    await shot(page, '9-watchdog');
    expect(errors).toEqual([]);
    await page.context().close();
  }, 30_000);

  test('outside Excel: says where the pane belongs', async () => {
    const { page, errors } = await openPane('?host=none');
    await page.locator('#status.error').filter({ hasText: 'ngăn tác vụ của Excel' }).waitFor();
    expect(errors).toEqual([]);
    await page.context().close();
  }, 30_000);

  test('Excel for Mac refusing the new workbook: no success claimed, no download tried', async () => {
    const { page, errors } = await openPane('?platform=Mac');
    await page.locator('#app').waitFor({ state: 'visible' });
    await page.selectOption('#period-kind', 'year');
    await page.selectOption('#province', '51');
    await page.click('#create');
    await page.locator('#create-result.ok').waitFor();
    await page.evaluate(() => void ((window as unknown as Win).fakeWorkbook.createWorkbookError = 'Không đủ bộ nhớ'));
    let downloads = 0;
    page.on('download', () => downloads++);
    await page.click('#step-export > summary');
    await page.click('#export');
    const delivery = page.locator('#export-delivery[data-outcome="unavailable"]');
    await delivery.waitFor();
    await expect(delivery.textContent()).resolves.toContain('Excel không mở được sổ mới (GeneralException: Không đủ bộ nhớ)');
    await expect(delivery.textContent()).resolves.toContain('Chưa tạo được file 51_2026.xlsx');
    expect(await page.locator('#export-delivery-download').count()).toBe(0);
    expect(downloads).toBe(0);
    await shot(page, '10-mac-refused');
    expect(errors).toEqual([]);
    await page.context().close();
  }, 30_000);
});
