/**
 * The offline report end to end: rendered to disk, then opened from file:// by headless
 * Chromium with the network off. Screenshot and PDF go to tests/artifacts/ for people to look at.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { PROJECT_ROOT } from '../../pipeline/reference';
import { renderReport, type RenderReportResult } from '../../pipeline/outputs/report/draw';
import { HOSTILE, makeReportData } from './fixture';
import { pngSize } from './svg';

const ARTIFACTS = join(PROJECT_ROOT, 'tests', 'artifacts');
const OUT = join(ARTIFACTS, 'report', '2026-H1');
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const data = makeReportData({ period: '2026-H1' });
let result: RenderReportResult;
let html: string;
let browser: Browser;

beforeAll(async () => {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(join(OUT, 'charts'), { recursive: true });
  // A chart left by an earlier run that this one does not draw.
  writeFileSync(join(OUT, 'charts', 'rank-N99.png'), 'stale');
  result = await renderReport(OUT, data);
  html = readFileSync(result.reportPath, 'utf8');
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
});

interface Visit {
  page: Page;
  requests: string[];
  problems: string[];
}

/** Opens a page with every non-file request aborted and recorded, console errors collected. */
async function visit(load: (page: Page) => Promise<unknown>, viewport = { width: 1280, height: 900 }): Promise<Visit> {
  const context = await browser.newContext({ offline: true, viewport });
  const page = await context.newPage();
  const requests: string[] = [];
  const problems: string[] = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:')) return route.continue();
    requests.push(url);
    return route.abort();
  });
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => {
    if (!requests.includes(r.url())) requests.push(r.url());
  });
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  await load(page);
  return { page, requests, problems };
}

describe('renderReport', () => {
  test('writes every chart as Vega-Lite, SVG and PNG, and the report; removes stale charts', () => {
    expect(result.warnings).toEqual([]);
    expect(result.reportPath).toBe(join(OUT, 'report.html'));
    expect(result.charts).toHaveLength(14);
    for (const id of result.charts) {
      const spec = JSON.parse(readFileSync(join(OUT, 'charts', `${id}.vl.json`), 'utf8'));
      expect(spec.$schema).toMatch(/vega-lite\/v6/);
      expect(readFileSync(join(OUT, 'charts', `${id}.svg`), 'utf8')).toMatch(/^<svg /);
      expect(pngSize(readFileSync(join(OUT, 'charts', `${id}.png`))).width).toBeGreaterThan(400);
    }
    expect(existsSync(join(OUT, 'charts', 'rank-N99.png'))).toBe(false);
  });

  test('a PNG is drawn again only when its chart changed', async () => {
    const out = join(ARTIFACTS, 'report', 'redraw');
    rmSync(out, { recursive: true, force: true });
    const first = await renderReport(out, data);
    const [kept, changed] = first.charts.map((id) => join(out, 'charts', id));
    writeFileSync(`${kept}.png`, 'not redrawn');
    writeFileSync(`${changed}.png`, 'not redrawn');
    writeFileSync(`${changed}.svg`, 'an older chart');
    await renderReport(out, data);
    expect(readFileSync(`${kept}.png`, 'utf8')).toBe('not redrawn');
    expect(pngSize(readFileSync(`${changed}.png`)).width).toBeGreaterThan(400);
    rmSync(out, { recursive: true, force: true });
  });

  test("a chart's PNG that cannot be written while later charts are still drawn fails the report, nothing left unhandled", async () => {
    const out = join(ARTIFACTS, 'report', 'write-fails');
    rmSync(out, { recursive: true, force: true });
    const [first, last] = [result.charts[0], result.charts[result.charts.length - 1]];
    // A folder where a temporary file must go: the first PNG's write fails, and so does the last chart's spec.
    mkdirSync(join(out, 'charts', `${first}.png.${process.pid}.tmp`), { recursive: true });
    mkdirSync(join(out, 'charts', `${last}.vl.json.${process.pid}.tmp`));
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => void unhandled.push(reason);
    process.on('unhandledRejection', record);
    try {
      await expect(renderReport(out, data)).rejects.toThrow(/EISDIR/);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(unhandled).toEqual([]);
      expect(existsSync(join(out, 'report.html'))).toBe(false);
    } finally {
      process.off('unhandledRejection', record);
      rmSync(out, { recursive: true, force: true });
    }
  });

  test('the page is self-contained: no script, no external reference, every chart inline', () => {
    expect(html).not.toMatch(/<script|<link|<img|<iframe|<object|@import|url\(\s*['"]?(?!#)/i);
    expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?(https?:|\/\/)/i);
    expect(html).toContain("default-src 'none'");
    expect(html.match(/<svg\b/g)).toHaveLength(result.charts.length);
    // Inlined SVGs keep their own clip paths.
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('text from files is escaped', () => {
    expect(html).not.toContain(HOSTILE.script);
    expect(html).not.toContain(HOSTILE.img);
    expect(html).not.toContain(HOSTILE.attr);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('Tổng &amp;amp; cộng &lt;b&gt;đậm&lt;/b&gt;');
  });

  test('Vietnamese content: period, production time, cards against target and previous period, data quality', () => {
    expect(html).toContain('6 tháng đầu năm 2026');
    expect(html).toContain('10:15 ngày 25/06/2026 (giờ Việt Nam)');
    expect(html).toMatch(/✓ Đạt mục tiêu \d+,\d%/);
    expect(html).toMatch(/[▲▼►] [+−]?\d+,\d điểm % so với kỳ trước \(\d+,\d%\)/);
    expect(html).toContain('Mẫu 03!H14'); // an issue's cell address
    expect(html).toContain('Không xác định được đơn vị'); // an unreadable file
    expect(html).toMatch(/đã nhận <b>32\/34<\/b> báo cáo/);
  });
});

test('a consolidation with nothing received still gives a page, without charts', async () => {
  const out = join(ARTIFACTS, 'report', '2027-H1');
  const empty = await renderReport(out, {
    period: '2027-H1',
    previousPeriod: null,
    producedAt: '2027-06-21T01:00:00Z',
    provinces: data.provinces,
    indicators: [],
    previousIndicators: [],
    monthlyFlows: [],
    effectiveness: [],
    reporting: [],
    statuses: [],
    issues: [],
  });
  expect(empty).toMatchObject({ charts: [], warnings: [] });
  const page = readFileSync(empty.reportPath, 'utf8');
  expect(page).toContain('Chưa có chỉ số.');
  expect(page).toContain('Không có vấn đề nào.');
  expect(page).toContain('không có kỳ trước');
  expect(page).toContain('Chưa có thông tin về việc nộp báo cáo.');
  expect(page).not.toContain('đúng hạn.</p>');
});

describe('report.html in headless Chromium, offline', () => {
  test('the request check works: an external image is caught', async () => {
    const { page, requests } = await visit((p) => p.setContent('<img src="http://example.invalid/x.png">', { waitUntil: 'load' }));
    expect(requests).toEqual(['http://example.invalid/x.png']);
    await page.context().close();
  });

  test('opens from disk with no network request, no console error, no script; screenshot and PDF', async () => {
    const { page, requests, problems } = await visit((p) => p.goto(pathToFileURL(result.reportPath).href, { waitUntil: 'load' }));
    expect(requests).toEqual([]);
    expect(problems).toEqual([]);
    const dom = await page.evaluate(() => ({
      scripts: document.querySelectorAll('script').length,
      handlers: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length,
      svgs: document.querySelectorAll('figure svg').length,
      svgWidths: [...document.querySelectorAll('figure svg')].map((s) => s.getBoundingClientRect().width),
      cards: document.querySelectorAll('.card').length,
      provinceRows: document.querySelectorAll('table.provinces tbody tr').length,
      title: document.title,
      overflow: document.documentElement.scrollWidth > document.documentElement.clientWidth,
    }));
    expect(dom.scripts).toBe(0);
    expect(dom.handlers).toBe(0);
    expect(dom.svgs).toBe(result.charts.length);
    for (const w of dom.svgWidths) expect(w).toBeGreaterThan(250);
    expect(dom.cards).toBe(14);
    expect(dom.provinceRows).toBe(34);
    expect(dom.title).toContain('6 tháng đầu năm 2026');
    expect(dom.overflow).toBe(false);

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'report-2026-H1.png'), fullPage: true });
    const pdf = await page.pdf({ path: join(ARTIFACTS, 'report-2026-H1.pdf'), format: 'A4', printBackground: true, preferCSSPageSize: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(5);
    expect(pages).toBeLessThanOrEqual(16);
    await page.context().close();
  });

  test('prints on A4 without horizontal overflow', async () => {
    // 190 mm of printable width at 96 dpi.
    const { page, problems } = await visit(async (p) => {
      await p.goto(pathToFileURL(result.reportPath).href, { waitUntil: 'load' });
      await p.emulateMedia({ media: 'print' });
    }, { width: 718, height: 1000 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  test('a monthly report renders as well (no Form 04 charts) and opens cleanly', async () => {
    const out = join(ARTIFACTS, 'report', '2026-03');
    const monthly = await renderReport(out, makeReportData({ period: '2026-03', missing: ['01'] }));
    expect(monthly.warnings).toEqual([]);
    expect(monthly.charts).toEqual(['map-N12', 'rank-N10', 'rank-N13', 'rank-N14', 'trend', 'reporting']);
    const { page, requests, problems } = await visit((p) => p.goto(pathToFileURL(monthly.reportPath).href, { waitUntil: 'load' }));
    expect(requests).toEqual([]);
    expect(problems).toEqual([]);
    expect(await page.locator('.card').count()).toBe(5);
    await page.context().close();
  });
});
