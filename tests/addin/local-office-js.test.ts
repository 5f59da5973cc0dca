/**
 * The `OFFICE_JS=local` build: Microsoft's Excel files of @microsoft/office-js shipped byte for
 * byte (never re-minified), and the task pane loading the real office.js from its own origin in
 * Chromium under its CSP, with no request leaving that origin. Outside Office, office.js reports
 * no host, and the pane says it belongs in Excel. Built into .tmp/dist-local (dist/ is left to
 * the other tests).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { PROJECT_ROOT } from '../../pipeline/reference';
import { buildWithLocalOfficeJs, compareOfficeJsCopy } from '../../scripts/office-js-copy';
import { contentSecurityPolicy, OFFICE_JS_LOCAL_DIR } from '../../webpack.config.js';
import { CHROMIUM_ARGS, serve } from './browser-support';

const OUT = join(PROJECT_ROOT, '.tmp', 'dist-local');
const ARTIFACTS = join(PROJECT_ROOT, 'tests', 'artifacts');

describe('OFFICE_JS=local build', () => {
  let server: Server;
  let origin: string;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    buildWithLocalOfficeJs(OUT);
    ({ server, origin } = await serve(OUT));
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  }, 400_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  test('ships every Excel file of the package byte for byte, and nothing else', () => {
    const report = compareOfficeJsCopy(OUT);
    expect(report.shipped).toBeGreaterThan(50);
    expect({ missing: report.missing, changed: report.changed, extra: report.extra }).toEqual({ missing: [], changed: [], extra: [] });
  });

  test('the pages load office.js from their own origin, under a policy that allows nothing else', () => {
    for (const page of ['taskpane.html', 'commands.html']) {
      const html = readFileSync(join(OUT, page), 'utf8');
      const scripts = [...html.matchAll(/<script\b[^>]*\bsrc="?([^"\s>]+)/gi)].map((m) => m[1]);
      expect(scripts[0]).toBe(`${OFFICE_JS_LOCAL_DIR}/office.js`);
      expect(scripts.every((src) => !/^[a-z]+:|^\/\//i.test(src))).toBe(true);
      expect(/<meta http-equiv="?Content-Security-Policy"? content="([^"]+)"/i.exec(html)?.[1]).toBe(contentSecurityPolicy(null));
    }
  });

  test('the real office.js runs in the pane without a CSP violation; outside Excel the pane says so', async () => {
    const context = await browser.newContext({ viewport: { width: 350, height: 500 } });
    const page = await context.newPage();
    const errors: string[] = [];
    const outside: string[] = [];
    const loaded: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(origin)) {
        loaded.push(new URL(url).pathname);
        return route.continue();
      }
      outside.push(url);
      return route.abort();
    });
    await page.goto(`${origin}/taskpane.html`);
    await page.locator('#status.error').filter({ hasText: 'ngăn tác vụ của Excel' }).waitFor({ timeout: 20_000 });
    expect(loaded).toContain(`/${OFFICE_JS_LOCAL_DIR}/office.js`);
    expect(await page.evaluate(() => typeof Office.onReady)).toBe('function');
    await page.screenshot({ path: join(ARTIFACTS, 'addin-11-local-office-js-outside-excel.png'), fullPage: true });
    expect(errors).toEqual([]);
    expect(outside).toEqual([]);
    await context.close();
  }, 60_000);
});
