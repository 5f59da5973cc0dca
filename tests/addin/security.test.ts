/**
 * The pane's security rules, checked on the build and the sources: a strict Content-Security-
 * Policy, no script but our bundle and Office.js, no inline script or style, and no code that
 * writes markup or evaluates strings. (The browser test shows the policy holds at run time: a
 * violation would be a console error there.)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../pipeline/reference';
import { contentSecurityPolicy, OFFICE_JS_CDN } from '../../webpack.config.js';
import { DIST, ensureBuild } from './build';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('task pane security', () => {
  beforeAll(() => ensureBuild(), 300_000);

  test.each(['taskpane.html', 'commands.html'])('%s: strict CSP, only the bundle and Office.js', (page) => {
    const html = readFileSync(join(DIST, page), 'utf8');
    const csp = /<meta http-equiv="?Content-Security-Policy"? content="([^"]+)"/i.exec(html)?.[1];
    expect(csp).toBe(contentSecurityPolicy(new URL(OFFICE_JS_CDN).origin));
    expect(csp).not.toMatch(/unsafe-(eval|inline)|\*/);
    expect(csp).toMatch(/object-src 'none'/);
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    const sources = scripts.map(([, attrs]) => /src="?([^"\s>]+)/.exec(attrs)?.[1] ?? null);
    expect(scripts.every(([, , body]) => body.trim() === '')).toBe(true);
    expect(sources[0]).toBe(OFFICE_JS_CDN);
    const bundle = page.replace('.html', '');
    expect(sources.slice(1)).toEqual([expect.stringMatching(new RegExp(`^${bundle}\\.[0-9a-f]{8}\\.js$`))]);
    expect(html).not.toMatch(/\sstyle=|<style|\son[a-z]+=/i);
  });

  test('the add-in sources never write markup or evaluate strings', () => {
    const sources = filesUnder(join(PROJECT_ROOT, 'addin')).filter((f) => /\.(ts|html)$/.test(f));
    expect(sources.length).toBeGreaterThan(10);
    for (const file of sources) {
      const text = readFileSync(file, 'utf8');
      expect({ file, hits: text.match(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function\(/g) }).toEqual({ file, hits: null });
    }
  });
});
