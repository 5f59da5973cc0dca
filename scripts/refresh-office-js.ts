/**
 * Refreshes the Office.js that `OFFICE_JS=local` builds ship: installs the newest
 * @microsoft/office-js with npm, builds with it into .tmp/office-js-refresh, and checks that every
 * shipped file is the package's, byte for byte. Then rebuild and redeploy as usual.
 *
 *   npx tsx scripts/refresh-office-js.ts            update the package, then check
 *   npx tsx scripts/refresh-office-js.ts --check    check the installed package only
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../pipeline/reference';
import { OFFICE_JS_PACKAGE_DIR } from '../webpack.config.js';
import { buildWithLocalOfficeJs, compareOfficeJsCopy } from './office-js-copy';

const version = () => (JSON.parse(readFileSync(join(OFFICE_JS_PACKAGE_DIR, '..', 'package.json'), 'utf8')) as { version: string }).version;

if (!process.argv.includes('--check')) {
  const before = version();
  execFileSync('npm', ['install', '--save-exact', '@microsoft/office-js@latest'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
  console.log(`@microsoft/office-js ${before} → ${version()}`);
}
const out = join(PROJECT_ROOT, '.tmp', 'office-js-refresh');
buildWithLocalOfficeJs(out);
const report = compareOfficeJsCopy(out);
const faults = [...report.missing.map((f) => `thiếu / missing: ${f}`), ...report.changed.map((f) => `khác gói / differs: ${f}`), ...report.extra.map((f) => `thừa / extra: ${f}`)];
if (faults.length) {
  console.error(faults.join('\n'));
  process.exit(1);
}
console.log(`Office.js ${version()}: ${report.shipped} tệp chép nguyên từng byte / files copied byte for byte (${out}).`);
