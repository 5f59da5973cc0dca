/**
 * The production build the browser, manifest and security tests look at: dist/ is reused when
 * this suite built it and it is newer than everything it is built from, rebuilt otherwise. Test files run in parallel workers, so
 * a lock directory keeps two of them from building at once.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../pipeline/reference';

export const DIST = join(PROJECT_ROOT, 'dist');
const LOCK = join(PROJECT_ROOT, '.tmp', 'addin-build.lock');
/** When this suite last built dist/: a development or OFFICE_JS=local build since then is not ours. */
const STAMP = join(PROJECT_ROOT, '.tmp', 'addin-build.stamp');
const INPUTS = ['addin', 'core', 'assets', 'data/units.csv', 'data/targets.csv', 'manifest.xml', 'webpack.config.js', 'package.json'];

function newestMtime(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

const PAGE = join(DIST, 'taskpane.html');

function fresh(): boolean {
  if (!existsSync(PAGE) || !existsSync(STAMP)) return false;
  const built = statSync(PAGE).mtimeMs;
  return readFileSync(STAMP, 'utf8') === String(built) && built > Math.max(...INPUTS.map((p) => newestMtime(join(PROJECT_ROOT, p))));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function ensureBuild(): Promise<void> {
  mkdirSync(join(PROJECT_ROOT, '.tmp'), { recursive: true });
  for (;;) {
    if (fresh()) return;
    try {
      mkdirSync(LOCK);
    } catch {
      // Another worker is building; a lock left by a killed run is dropped after 10 minutes.
      if (Date.now() - statSync(LOCK).mtimeMs > 600_000) rmSync(LOCK, { recursive: true, force: true });
      await sleep(500);
      continue;
    }
    try {
      if (!fresh()) {
        execFileSync(process.execPath, [join(PROJECT_ROOT, 'node_modules/webpack-cli/bin/cli.js'), '--mode', 'production'], {
          cwd: PROJECT_ROOT,
          stdio: 'pipe',
          env: { ...process.env, OFFICE_JS: 'cdn', ADDIN_HOST: '' },
        });
        writeFileSync(STAMP, String(statSync(PAGE).mtimeMs));
      }
      return;
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
  }
}
