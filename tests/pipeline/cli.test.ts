/** The commands as users call them: help, usage errors, `check`, and the exit codes. */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cellAddress } from '../../core/spreadsheet';
import { dataColumn, FORM_LAYOUT } from '../../core/layout';
import { provinceSubmission } from './fixtures';
import { registry, runCli, tempDir, writeProvinceFile } from './helpers';

const noStackTrace = (text: string) => expect(text).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);

describe('the command line', () => {
  const dir = tempDir('cli');
  const folder = join(dir, '2026-03');
  let good: string;

  beforeAll(async () => {
    good = await writeProvinceFile(folder, provinceSubmission(registry, '51', '2026-03', { reportDate: '2026-03-20', seed: 5 }));
    const bad = provinceSubmission(registry, '01', '2026-03', { reportDate: '2026-03-20', seed: 6 });
    bad.forms.F03!.rows[0].values[6] = 10; // small groups …
    bad.forms.F03!.rows[0].values[7] = 2; // … reaching fewer people than sessions: V05
    await writeProvinceFile(folder, bad);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('--help explains both commands in Vietnamese and English', () => {
    const run = runCli(['consolidate', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Cách dùng / Usage');
    expect(run.stdout).toContain('npm run check');
  });

  test('usage errors exit with 2 and a message, never a stack trace', () => {
    for (const args of [['consolidate', folder, '--period', '2026-3'], ['consolidate', join(dir, 'nowhere'), '--period', '2026-03'], ['check']]) {
      const run = runCli(args);
      expect([args, run.code]).toEqual([args, 2]);
      expect(run.stderr.length).toBeGreaterThan(0);
      noStackTrace(run.stderr);
    }
  });

  test('a file given where the folder is expected is called a file, before anything is stored', () => {
    const db = join(dir, 'not-created.duckdb');
    const run = runCli(['consolidate', good, '--period', '2026-03', '--db', db]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${good} là một tệp, không phải thư mục`);
    expect(run.stderr).toContain('is a file, not a folder');
    expect(existsSync(db)).toBe(false);
  });

  test('a folder without report files: "no report files found", exit 1, for consolidate and check', () => {
    const empty = join(dir, 'empty');
    mkdirSync(join(empty, 'sub'), { recursive: true });
    writeFileSync(join(empty, 'sub', 'notes.txt'), 'not a report');
    for (const args of [['consolidate', empty, '--period', '2026-03', '--db', join(dir, 'e.duckdb'), '--out', join(dir, 'e-out')], ['check', empty]]) {
      const run = runCli(args);
      expect([args[0], run.code]).toEqual([args[0], 1]);
      expect(run.stderr).toContain(`Không tìm thấy tệp báo cáo nào (.xlsx) trong thư mục ${empty} / No report files found in ${empty}`);
      noStackTrace(run.stderr);
    }
    expect(existsSync(join(dir, 'e-out'))).toBe(false);
  });

  test('check: 1 when a file would be refused, naming the file, sheet and cell', () => {
    const run = runCli(['check', folder]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('✓ 51_2026-03.xlsx');
    expect(run.stdout).toContain('✗ 01_2026-03.xlsx');
    expect(run.stdout).toContain(`Mẫu 03!${cellAddress(FORM_LAYOUT.firstDataRow, dataColumn(8))} [V05 lỗi]`);
    noStackTrace(run.stderr);
  });

  test('check: 0 for a clean file, and --json for machines', () => {
    const run = runCli(['check', good, '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([expect.objectContaining({ file: '51_2026-03.xlsx', unitCode: '51', period: '2026-03', refused: false, issues: [] })]);
  });

  test('consolidate takes the period from a folder named after it; 1 when a file was refused', () => {
    const out = join(dir, 'out');
    mkdirSync(out);
    writeFileSync(join(folder, 'empty.xlsx'), '');
    const run = runCli(['consolidate', folder, '--db', join(dir, 'w.duckdb'), '--out', out, '--no-report']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Kỳ 2026-03: 3 tệp');
    expect(run.stdout).toContain('✗ 01_2026-03.xlsx');
    expect(run.stdout).toContain('✗ empty.xlsx');
    expect(run.stderr).toContain('[3/3]');
  });
});
