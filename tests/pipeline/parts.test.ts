/** The small parts of the pipeline, each on its own. */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from '../../pipeline/args';
import { relativeGap } from '../../pipeline/cross-file/q02-months';
import { historyPeriods, median, robustZ, zText } from '../../pipeline/cross-file/q03-outliers';
import { UsageError } from '../../pipeline/errors';
import { listWorkbooks, periodFolders, sortFolder } from '../../pipeline/ingest/discover';
import { isIsoDate } from '../../core/dates';
import { toCsv } from '../../pipeline/outputs/csv';
import { createProgress } from '../../pipeline/progress';
import { parsePeriod } from '../../core/periods';
import { tempDir } from './helpers';

describe('arguments', () => {
  test('consolidate with every option', () => {
    expect(parseArgs(['consolidate', 'in', '--period', '2026-H1', '--out=o', '--db', 'w.duckdb', '--successors', '--json', '--no-report'])).toEqual({
      command: 'consolidate',
      inputDir: 'in',
      period: parsePeriod('2026-H1'),
      out: 'o',
      db: 'w.duckdb',
      successors: true,
      report: false,
      json: true,
      help: false,
    });
  });

  test('no arguments: the bundled samples', () => {
    expect(parseArgs(['consolidate'])).toMatchObject({ inputDir: null, period: null, report: true });
  });

  test.each([
    [['consolidate', 'in', '--period', '2026-13'], /2026-13/],
    [['consolidate', 'in', '--period'], /--period/],
    [['consolidate', 'in', '--frobnicate'], /--frobnicate/],
    [['consolidate', 'a', 'b'], /b/],
    [['check'], /kiểm tra/],
    [['check', 'f.xlsx', '--db', 'x'], /--db/],
    [['merge'], /merge/],
  ])('%j is a usage error', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
    expect(() => parseArgs(argv)).toThrow(message);
  });
});

describe('CSV', () => {
  test('text a spreadsheet would run as a formula is neutralised', () => {
    expect(['=SUM(A1)', '+cmd', '-2+3', '@SUM(1)', '\tx', 'Hà Nội', '51'].map((text) => toCsv(['x'], [[text]]).split('\r\n')[1])).toEqual([
      "'=SUM(A1)", "'+cmd", "'-2+3", "'@SUM(1)", "'\tx", 'Hà Nội', '51',
    ]);
  });

  test('quoting, numbers without float noise, blanks', () => {
    expect(toCsv(['a', 'b', 'c'], [['x,"y"', 0.1 + 0.2, null], ['=1', 2585.7142857142853, 1e-9]])).toBe(
      'a,b,c\r\n"x,""y""",0.3,\r\n\'=1,2585.714286,0\r\n',
    );
    expect(toCsv(['a', 'b', 'c'], [[null, 49.61, 12]])).toBe('a,b,c\r\n,49.61,12\r\n');
  });

  test('a BOM on request, for Excel', () => {
    expect(toCsv(['a'], [], true)).toBe('\uFEFFa\r\n');
  });
});

describe('cross-file check arithmetic', () => {
  test('median and robust z-score', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    // history 100, 120, 110, 150, 130: median 120, MAD 10, below the floor 0.6745 × 0.2 × 120
    expect(robustZ(200, [100, 120, 110, 150, 130])).toBeCloseTo((0.6745 * 80) / (0.6745 * 0.2 * 120), 10);
    // a wide history: its own MAD (40) counts
    expect(robustZ(200, [40, 120, 80, 160, 200])).toBeCloseTo((0.6745 * 80) / 40, 10);
    // no spread at all: at least 1
    expect(robustZ(5, [0, 0, 0, 0])).toBeCloseTo(0.6745 * 5, 10);
  });

  test('a flagged z is never shown at the threshold', () => {
    expect(['3.52', '3.549', '3.501', '4.04', '-3.52'].map((z) => zText(Number(z)))).toEqual(['3.52', '3.55', '3.501', '4.0', '-3.52']);
  });

  test('history is the six periods of the same kind before', () => {
    expect(historyPeriods(parsePeriod('2026-03'))).toEqual(['2026-02', '2026-01', '2025-12', '2025-11', '2025-10', '2025-09']);
    expect(historyPeriods(parsePeriod('2026-H1'), 2)).toEqual(['2025-H1', '2024-H1']);
  });

  test('relative gap against the larger of the two', () => {
    expect(relativeGap(105, 100)).toBeCloseTo(5 / 105, 12);
    expect(relativeGap(0, 0)).toBe(0);
    expect(relativeGap(0, 4)).toBe(1);
  });
});

test('report dates must be real calendar days', () => {
  expect(['2026-02-28', '2024-02-29'].every(isIsoDate)).toBe(true);
  expect(['2026-02-30', '2025-02-29', '2026-13-01', '26-01-01', '', null].some(isIsoDate)).toBe(false);
});

describe('finding files', () => {
  const dir = tempDir('discover');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('every file, subfolders too, name order; reports apart from the files listed as skipped', () => {
    mkdirSync(join(dir, 'b'));
    mkdirSync(join(dir, 'z.xlsx'));
    const names = ['b/02.xlsx', '01.XLSX', '~$01.xlsx', '.~lock.03.ods#', '03.ods', '04.xls', '05.xlsm', 'notes.txt', 'bang.csv', 'scan.pdf'];
    for (const f of names) writeFileSync(join(dir, f), '');
    const { reports, skipped } = sortFolder(listWorkbooks(dir));
    expect(reports.map((f) => f.name)).toEqual(['01.XLSX', '03.ods', '04.xls', '05.xlsm', 'b/02.xlsx', 'z.xlsx']);
    expect(skipped.map((s) => [s.file.name, s.issue.rule, s.issue.file])).toEqual([
      ['.~lock.03.ods#', 'P07', '.~lock.03.ods#'],
      ['bang.csv', 'P06', 'bang.csv'],
      ['notes.txt', 'P06', 'notes.txt'],
      ['scan.pdf', 'P06', 'scan.pdf'],
      ['~$01.xlsx', 'P07', '~$01.xlsx'],
    ]);
  });

  test('sample folders in period order', () => {
    const root = join(dir, 'samples');
    for (const p of ['2026-H1', '2026-07', '2026-06', 'misc']) mkdirSync(join(root, p), { recursive: true });
    expect(periodFolders(root).map((f) => f.period.code)).toEqual(['2026-06', '2026-H1', '2026-07']);
  });
});

describe('progress', () => {
  const capture = (isTTY: boolean) => {
    const out: string[] = [];
    return { stream: { isTTY, columns: 60, write: (s: string) => out.push(s) }, out };
  };

  test('plain lines off a terminal', () => {
    const { stream, out } = capture(false);
    const p = createProgress(12, '2026-03', stream);
    p.tick('01_2026-03.xlsx', 'đã nạp / loaded');
    p.done();
    expect(out).toEqual(['2026-03 [ 1/12] 01_2026-03.xlsx: đã nạp / loaded\n']);
  });

  test('a bar redrawn in place on a terminal, kept lines for what matters', () => {
    const { stream, out } = capture(true);
    const p = createProgress(2, '2026-03', stream);
    p.tick('01.xlsx', 'ok');
    p.tick('02.xlsx', 'BỊ TỪ CHỐI', true);
    p.done();
    expect(out[0]).toMatch(/^\r\x1b\[2K2026-03 █{12}░{12} 1\/2 01\.xlsx$/);
    expect(out[1]).toBe('\r\x1b[2K02.xlsx: BỊ TỪ CHỐI\n');
    expect(out[2]).toMatch(/█{24} 2\/2/);
    expect(out[out.length - 1]).toBe('\r\x1b[2K');
    expect(out.every((line) => line.replace(/\r\x1b\[2K/, '').replace(/\n$/, '').length < 60)).toBe(true);
  });
});
