/** `npm run template`: writes a readable template, refuses bad arguments with exit code 2. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readWorkbookFile } from '../../core/xlsx';
import { PROJECT_ROOT, loadRegistry } from '../../pipeline/reference';

const TSX = join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');
const CLI = join(PROJECT_ROOT, 'pipeline', 'template-cli.ts');

async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(TSX, [CLI, ...args], { cwd: PROJECT_ROOT, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'bhxh-template-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('writes the template of a province and period, with the report date filled in', async () => {
  const out = join(dir, 'f.xlsx');
  const { code, stdout } = await run('--unit', '51', '--period', '2026-H1', '--out', out, '--report-date', '2026-06-15');
  expect(code).toBe(0);
  expect(stdout).toContain(out);
  const { submission, issues } = await readWorkbookFile(readFileSync(out), 'f.xlsx');
  expect(issues).toEqual([]);
  expect(submission).toMatchObject({ unitCode: '51', period: '2026-H1', reportDate: '2026-06-15' });
  const expected = loadRegistry().reportRows('51', '2026-H1').map((u) => u.code);
  expect(submission!.forms.F03!.rows.map((r) => r.unitCode)).toEqual(expected);
  expect(submission!.targets).toHaveLength(7);
});

test.each([
  [['--unit', '99', '--period', '2026-H1'], /Mã đơn vị "99" không có trong danh mục .* Unknown unit code "99"/],
  [['--unit', '51', '--period', '2026-H2'], /Kỳ báo cáo "2026-H2" không đúng dạng .* Period "2026-H2"/],
  [['--unit', '51', '--period', '2026', '--report-date', '31/02/2026'], /Ngày báo cáo "31\/02\/2026" không hợp lệ/],
  [['--period', '2026'], /Thiếu --unit \/ Missing --unit/],
  [['--colour', 'red'], /Tham số không hợp lệ \/ Bad arguments/],
  [['--unit', '5100', '--period', '2026-H1'], /dòng Văn phòng BHXH tỉnh .* make the template for 51/],
])('refuses %p with exit code 2 and a bilingual message', async (args, message) => {
  const { code, stderr } = await run(...args);
  expect(code).toBe(2);
  expect(stderr).toMatch(message);
  expect(stderr).not.toMatch(/\bat .*\.ts:\d+/); // no stack trace
});

test("a local office's own workbook holds its single row", async () => {
  const out = join(dir, 'local.xlsx');
  const { code } = await run('--unit', '5101', '--period', '2026-03', '--out', out, '--report-date', '2026-03-20');
  expect(code).toBe(0);
  const { submission, issues } = await readWorkbookFile(readFileSync(out), 'local.xlsx');
  expect(issues).toEqual([]);
  expect(submission!.forms.F03!.rows.map((r) => r.unitCode)).toEqual(['5101']);
  expect(submission!.forms.F03!.total!.unitCode).toBe('5101');
});

test('--help', async () => {
  const { code, stdout } = await run('--help');
  expect(code).toBe(0);
  expect(stdout).toContain('--report-date');
});
