/**
 * The input folder as careless copying and hostile hands leave it, built with real filesystem
 * objects: a link to a subfolder inside the folder and one to a folder outside, a link named
 * `.xlsx` to /dev/zero, a FIFO named `.xlsx`, a file whose name is not UTF-8 (bytes from an old
 * Windows share), a subfolder nobody may read (the CLI runs as `nobody` through setpriv: root
 * reads a chmod 000 folder regardless), and a subfolder nested past the path limit. Every one is
 * consolidated or listed with its reason; none stops, hangs or bloats the run.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePeriod } from '../../core/periods';
import type { ConsolidationSummary } from '../../pipeline/consolidate';
import { asNobody, describeAsRoot, giveToNobody } from '../support/faults';
import { provinceSubmission } from './fixtures';
import { readCsv, registry, runCli, tempDir, writeProvinceFile } from './helpers';

const MARCH = parsePeriod('2026-03');
const dir = tempDir('input-faults');

/** A name in Windows-1258 bytes ("Đà Nẵng" as an old share stores it): not valid UTF-8. */
const LATIN_NAME = Buffer.concat([Buffer.from('48_'), Buffer.from([0xd0, 0xe0, 0x20, 0x4e, 0xe3, 0x6e, 0x67]), Buffer.from('.xlsx')]);

/** Folders nested until the path passes PATH_MAX (4,096 bytes), made with relative mkdirs. */
function deepFolder(parent: string): void {
  const part = 'd'.repeat(250);
  execFileSync('bash', ['-c', `cd "$1" && for i in $(seq 17); do mkdir ${part} && cd ${part}; done && : > 50_deep.xlsx`, '_', parent]);
}

describeAsRoot()('a folder of careless copies and hostile entries', () => {
  const input = join(dir, 'in');
  const work = join(dir, 'work');
  let summary: ConsolidationSummary;
  let validation: Record<string, string>[];
  const result = (file: string) => summary.fileResults.find((r) => r.file === file);

  beforeAll(async () => {
    const write = (unit: string, folder: string) => writeProvinceFile(folder, provinceSubmission(registry, unit, MARCH.code, { reportDate: '2026-03-20', seed: Number(unit) }));
    await write('51', input);
    await write('01', join(input, 'store'));
    symlinkSync(join(input, 'store'), join(input, 'ha-noi'));
    await write('79', join(dir, 'elsewhere'));
    symlinkSync(join(dir, 'elsewhere'), join(input, 'shared'));
    symlinkSync('/dev/zero', join(input, 'zero.xlsx'));
    execFileSync('mkfifo', [join(input, 'pipe.xlsx')]);
    const latin = await write('48', join(dir, 'latin'));
    writeFileSync(Buffer.concat([Buffer.from(`${input}/`), LATIN_NAME]), readFileSync(latin));
    await write('92', join(input, 'locked'));
    chmodSync(join(input, 'locked'), 0o000);
    deepFolder(input);
    // Only `work` is nobody's: the CLI may read the rest and write there alone.
    for (const d of [dir, input]) chmodSync(d, 0o755);
    mkdirSync(work);
    giveToNobody(work);
    // The compiled CLI is built into the project (as root) before nobody runs it.
    expect(runCli(['consolidate', '--help']).code).toBe(0);
    const run = runCli(['consolidate', input, '--period', MARCH.code, '--db', join(work, 'w.duckdb'), '--out', join(work, 'out'), '--no-report', '--json'], asNobody);
    expect([run.code, run.stderr.split('\n').filter((l) => !/\[\s*\d+\/\d+\]/.test(l))]).toEqual([1, ['']]);
    summary = JSON.parse(run.stdout);
    validation = readCsv(join(work, 'out', 'validation.csv'));
  }, 240_000);

  const p02 = (file: string) => validation.find((r) => r.file === file && r.rule === 'P02')?.message_en;

  test('a link to a subfolder inside the folder is followed', () => {
    expect(result('ha-noi/01_2026-03.xlsx')?.status).toBe('current');
    expect(validation.filter((r) => r.rule === 'Q05').map((r) => r.unit_code)).not.toContain('01');
  });

  test('a link to a folder outside is listed, not followed', () => {
    expect(result('shared/')?.status).toBe('refused');
    expect(p02('shared/')).toMatch(/a link to outside the input folder \(.*elsewhere\), not followed/);
  });

  test('a link named .xlsx to /dev/zero and a FIFO named .xlsx are listed, never read', () => {
    expect(p02('zero.xlsx')).toContain('a link to outside the input folder (/dev/zero)');
    expect(p02('pipe.xlsx')).toContain('it is a named pipe (FIFO), not a regular file');
  });

  test('a report whose name is not UTF-8 is read through its bytes', () => {
    const shown = new TextDecoder().decode(LATIN_NAME);
    expect(shown).toContain('\uFFFD');
    expect(result(shown)).toMatchObject({ unitCode: '48', status: 'current' });
  });

  test('an unreadable subfolder and one past the path limit are listed; the rest is consolidated', () => {
    expect(p02('locked/')).toBe('Cannot be read from disk: the folder cannot be read (permission denied); the files in it are not consolidated');
    const deep = validation.find((r) => r.rule === 'P02' && r.file.startsWith('dddd'));
    expect(deep?.message_en).toContain('the path is too long');
    expect(summary.submissions.received).toBe(3); // 51, 01 through the link, 48 by its bytes
  });
});

describe('check on a single entry that is not a regular file', () => {
  test('a FIFO and a link to /dev/zero are refused at once, without reading', () => {
    const fifo = join(dir, 'lone.xlsx');
    execFileSync('mkfifo', [fifo]);
    const zero = join(dir, 'zero-lone.xlsx');
    symlinkSync('/dev/zero', zero);
    for (const [target, why] of [[fifo, 'named pipe (FIFO)'], [zero, 'a device, not a regular file']]) {
      const run = runCli(['check', target]);
      expect([target, run.code]).toEqual([target, 1]);
      expect(run.stdout).toContain(why);
    }
  });
});
