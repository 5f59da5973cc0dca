/**
 * The local Office.js of an `OFFICE_JS=local` build, against the @microsoft/office-js package it
 * comes from: every file the build ships must be there byte for byte (Microsoft's files are not
 * ours to minify or change), and nothing else. Used by scripts/refresh-office-js.ts and the tests.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PROJECT_ROOT } from '../pipeline/reference';
import { isShippedOfficeJsFile, OFFICE_JS_LOCAL_DIR, OFFICE_JS_PACKAGE_DIR } from '../webpack.config.js';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

export interface OfficeJsCopyReport {
  /** Files of the package the build ships. */
  shipped: number;
  missing: string[];
  /** Shipped with other bytes than the package's (minified, rewritten…). */
  changed: string[];
  /** In the build's folder but not a shipped file of the package. */
  extra: string[];
}

export function compareOfficeJsCopy(outDir: string): OfficeJsCopyReport {
  const copyDir = join(outDir, OFFICE_JS_LOCAL_DIR);
  const expected = filesUnder(OFFICE_JS_PACKAGE_DIR)
    .map((f) => relative(OFFICE_JS_PACKAGE_DIR, f))
    .filter(isShippedOfficeJsFile);
  const present = existsSync(copyDir) ? filesUnder(copyDir).map((f) => relative(copyDir, f)) : [];
  const wanted = new Set(expected);
  const missing = expected.filter((f) => !existsSync(join(copyDir, f)));
  const changed = expected.filter((f) => existsSync(join(copyDir, f)) && !readFileSync(join(copyDir, f)).equals(readFileSync(join(OFFICE_JS_PACKAGE_DIR, f))));
  return { shipped: expected.length, missing, changed, extra: present.filter((f) => !wanted.has(f)) };
}

/** A production build with the local Office.js into `outDir` (dist/ is left alone). */
export function buildWithLocalOfficeJs(outDir: string, host = ''): void {
  execFileSync(process.execPath, [join(PROJECT_ROOT, 'node_modules/webpack-cli/bin/cli.js'), '--mode', 'production', '--output-path', outDir], {
    cwd: PROJECT_ROOT,
    stdio: 'pipe',
    env: { ...process.env, OFFICE_JS: 'local', ADDIN_HOST: host },
  });
}
