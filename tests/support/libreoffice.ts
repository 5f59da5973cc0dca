/**
 * LibreOffice as an independent spreadsheet: converts an .xlsx headless with a private profile
 * that recalculates every formula on load, so what comes back is what LibreOffice computed.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';

function hasSoffice(): boolean {
  try {
    execFileSync('soffice', ['--version'], { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
}

/** `describe` when LibreOffice is there; skipped without it, except in CI, where it must be. */
export function describeWithLibreOffice(): jest.Describe {
  if (hasSoffice()) return describe;
  if (process.env.CI) {
    throw new Error('LibreOffice (soffice) is required in CI / CI cần LibreOffice (soffice): apt-get install libreoffice-calc-nogui');
  }
  return describe.skip;
}

function recalculatingProfile(dir: string): string {
  const user = join(dir, 'profile', 'user');
  mkdirSync(user, { recursive: true });
  writeFileSync(
    join(user, 'registrymodifications.xcu'),
    `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`,
  );
  return `file://${join(dir, 'profile')}`;
}

/** One headless LibreOffice run converting `inputs` to `target` (a format, with its filter if need be) in `outDir`. */
async function convert(profileDir: string, target: string, outDir: string, inputs: readonly string[], timeout: number): Promise<void> {
  await promisify(execFile)(
    'soffice',
    [`-env:UserInstallation=${recalculatingProfile(profileDir)}`, '--headless', '--norestore', '--convert-to', target, '--outdir', outDir, ...inputs],
    { timeout },
  );
}

/** Where a conversion put `input`'s copy with `extension`. */
const converted = (outDir: string, input: string, extension: string) => join(outDir, `${basename(input).replace(/\.[^.]+$/, '')}.${extension}`);

/**
 * Saves every file of `inputs` as `format` (`ods`, `xls`, `xlsx`, …) in `outDir` with one
 * LibreOffice run, as a clerk's "Save As" would; returns the paths written, in input order.
 */
export async function saveAllWithLibreOffice(inputs: readonly string[], format: string, outDir: string, workDir: string): Promise<string[]> {
  await convert(join(workDir, `profile-${format}`), format, outDir, inputs, 300_000);
  return inputs.map((input) => converted(outDir, input, format));
}

/** The bytes of `input` after LibreOffice opened, recalculated and saved it as .xlsx. */
export async function recalculateWithLibreOffice(input: string, workDir: string): Promise<Uint8Array> {
  const outDir = join(workDir, 'lo-out');
  await convert(workDir, 'xlsx', outDir, [input], 180_000);
  return readFileSync(converted(outDir, input, 'xlsx'));
}

/**
 * The first sheet of `input` as LibreOffice shows it (recalculated), saved as UTF-8 CSV: what it
 * read, free of how it writes an .xlsx of its own.
 */
export async function firstSheetAsCsv(input: string, workDir: string): Promise<string> {
  const outDir = join(workDir, 'lo-csv');
  await convert(workDir, 'csv:Text - txt - csv (StarCalc):44,34,76', outDir, [input], 180_000);
  return readFileSync(converted(outDir, input, 'csv'), 'utf8');
}
