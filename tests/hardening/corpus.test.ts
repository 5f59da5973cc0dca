/**
 * Every kind of bad input in the corpus (tests/hardening/corpus.ts) gets its specific issue —
 * rule, file, sheet and cell — and never a crash or a stack trace; the hostile ones are refused
 * quickly with bounded memory; consolidated next to good files (through the CLI) they leave the
 * good files' indicators as they were, and every output is safe to open.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Issue } from '../../core/submission';
import { gridsFromXlsx } from '../../core/xlsx';
import { judgeFile } from '../../pipeline/ingest/judge-file';
import { readRaw } from '../../pipeline/ingest/read-file';
import { PROJECT_ROOT } from '../../pipeline/reference';
import { readCsv, registry, runCli, tempDir } from '../pipeline/helpers';
import { CORPUS_PERIOD, GOOD_PROVINCES, withExternalEntity, writeCorpus, type Corpus, type CorpusCase } from './corpus';
import { differences } from '../workbook/grid-diff';
import { partText, readZip, textPart, withParts, writeZip } from './zip';

const STACK_TRACE = /\n\s+at\s|\bat .+\.(ts|js):\d+/;
/** A message quotes what it found, shortened: never a megabyte of a cell. */
const MAX_MESSAGE = 1000;
/** What a spreadsheet would take for a formula at the start of a cell. */
const FORMULA_START = /^[=+\-@\t\r]/;

const dir = tempDir('corpus');
const input = join(dir, 'in');
let corpus: Corpus;

beforeAll(async () => {
  corpus = await writeCorpus(input);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What is wrong with an issue list for a case, or null when it is as expected. */
function mismatch(c: CorpusCase, issues: Issue[], refused: boolean): string | null {
  for (const i of issues) {
    if (!i.rule || !['error', 'warning', 'info'].includes(i.severity) || !i.message.vi || !i.message.en) return `unstructured issue ${JSON.stringify(i).slice(0, 200)}`;
    if (i.file !== c.file) return `issue without the file name: ${i.rule}`;
    if (STACK_TRACE.test(i.message.vi) || STACK_TRACE.test(i.message.en)) return `stack trace in ${i.rule}`;
    if (i.message.vi.length > MAX_MESSAGE || i.message.en.length > MAX_MESSAGE) return `message of ${i.message.vi.length} characters in ${i.rule}`;
    if (i.cell !== null && (i.sheet === null || i.row === null || i.column === null)) return `cell ${i.cell} without sheet, row or column`;
  }
  const errors = issues.filter((i) => i.severity === 'error');
  if (c.expect === 'accepted') return refused || errors.length > 0 ? `expected accepted, got ${errors.map((i) => i.rule).join(', ')}` : null;
  const e = c.expect;
  const hit = issues.find((i) => i.rule === e.rule && i.sheet === e.sheet && i.cell === e.cell && (!e.says || e.says.test(i.message.vi)));
  if (!hit) return `expected ${e.rule} ${e.sheet ?? '-'}!${e.cell ?? '-'} ${e.says ?? ''}, got ${issues.map((i) => `${i.rule} ${i.sheet ?? '-'}!${i.cell ?? '-'} ${i.message.vi.slice(0, 80)}`).join(' | ')}`;
  if (!refused) return 'expected refused';
  if (e.rule === 'L00' && !hit.message.vi.includes(`"${c.file}"`)) return 'L00 message does not name the file';
  return null;
}

describe('the bad-input corpus', () => {
  test('holds at least 30 kinds, each with its expected outcome', () => {
    expect(new Set(corpus.cases.map((c) => c.kind)).size).toBeGreaterThanOrEqual(30);
    expect(corpus.cases.filter((c) => c.expect === 'accepted').map((c) => c.kind)).toEqual([
      'nfd-sheet-names',
      'case-and-spaces-in-sheet-names',
      'formula-injection-in-names-and-comments',
    ]);
  });

  test('every file gets its specific issue (rule, file, sheet, cell), never a crash', async () => {
    const problems: string[] = [];
    for (const c of corpus.cases) {
      const judged = await judgeFile(await readRaw({ path: join(input, c.file), name: c.file }), registry, CORPUS_PERIOD);
      const wrong = mismatch(c, judged.issues, judged.refused);
      if (wrong) problems.push(`${c.kind}: ${wrong}`);
    }
    expect(problems).toEqual([]);
  });

  test("the fast read path gives ExcelJS's grids for every file the guard lets through", async () => {
    const files = [...corpus.goodFiles, ...corpus.cases.map((c) => c.file)].map((f) => join(input, f)).filter((path) => statSync(path).isFile());
    const { problems, same } = await differences(files.map((path) => ({ name: path, bytes: new Uint8Array(readFileSync(path)) })));
    expect(problems).toEqual([]);
    expect(same).toBeGreaterThanOrEqual(20);
  });

  test('the good files are clean', async () => {
    for (const file of corpus.goodFiles) {
      const judged = await judgeFile(await readRaw({ path: join(input, file), name: file }), registry, CORPUS_PERIOD);
      expect([file, judged.refused, judged.issues.filter((i) => i.severity !== 'info')]).toEqual([file, false, []]);
    }
  });

  // Bounded memory shown by a hard cap rather than a measured peak: a process's peak RSS follows
  // the machine's load (its GC falls behind), a heap limit does not. ExcelJS alone on these files
  // runs out of this heap and crashes (it takes 360–580 MB); the guard must refuse them within it.
  // The inflated parts are outside V8's heap: the growth of the process's memory while it reads
  // shows that they stay bounded too (the bombs inflate to 200 MB).
  test.each(['million-rows', 'million-empty-rows', 'zip-bomb', 'zip-bomb-lying-size'].flatMap((kind) => [[kind, 'portable'], [kind, 'native']]))(
    '%s is refused by the guard within a 48 MB heap (%s zlib)',
    (kind, zlib) => {
      const file = corpus.cases.find((c) => c.kind === kind)!.file;
      const run = spawnSync(
        process.execPath,
        ['--max-old-space-size=48', '--max-semi-space-size=4', '--import', 'tsx', join(PROJECT_ROOT, 'tests/hardening/read-one.ts'), join(input, file), zlib],
        { cwd: PROJECT_ROOT, encoding: 'utf8' },
      );
      expect([run.status, run.stderr.slice(-500)]).toEqual([0, '']);
      const result = JSON.parse(run.stdout) as { rules: string[]; grewMb: number };
      expect(result.rules).toHaveLength(1);
      expect(result.rules[0]).toMatch(/^L1[45]$/);
      expect(result.grewMb).toBeLessThan(150);
    },
  );

  test('the XML parser does not resolve external entities either (defence in depth)', async () => {
    const parts = readZip(readFileSync(join(input, corpus.goodFiles[0])));
    const sheet = parts.find((p) => p.name === 'xl/worksheets/sheet1.xml')!;
    const bytes = writeZip(withParts(parts, [textPart(sheet.name, withExternalEntity(partText(sheet), corpus.canary.path))]));
    // Straight to ExcelJS, past the guard: it must fail or leave the entity unread.
    const outcome = await gridsFromXlsx(bytes).then(
      (grids) => JSON.stringify(grids),
      (err: unknown) => String(err),
    );
    expect(outcome).not.toContain(corpus.canary.text);
  });
});

describe('consolidated next to good files (CLI)', () => {
  const goodOnly = join(dir, 'good');
  const indicatorRows = (out: string) =>
    readCsv(join(out, 'indicators.csv')).filter((r) => (GOOD_PROVINCES as readonly string[]).includes(r.unit_code));
  let alone: Record<string, string>[];
  let mixed: { code: number | null; stdout: string; stderr: string; out: string };

  beforeAll(() => {
    mkdirSync(goodOnly, { recursive: true });
    for (const f of corpus.goodFiles) copyFileSync(join(input, f), join(goodOnly, f));
    const outAlone = join(dir, 'out-good');
    const a = runCli(['consolidate', goodOnly, '--period', CORPUS_PERIOD.code, '--db', join(dir, 'good.duckdb'), '--out', outAlone, '--no-report']);
    expect(a.stderr).not.toMatch(STACK_TRACE);
    expect(a.code).toBe(0);
    alone = indicatorRows(outAlone);
    const out = join(dir, 'out-mixed');
    mixed = { ...runCli(['consolidate', input, '--period', CORPUS_PERIOD.code, '--db', join(dir, 'mixed.duckdb'), '--out', out]), out };
  }, 240_000);

  test('the run finishes with exit code 1 and no stack trace', () => {
    expect(mixed.stderr).not.toMatch(STACK_TRACE);
    expect(mixed.stdout).not.toMatch(STACK_TRACE);
    expect(mixed.stderr).not.toMatch(/Unexpected error|Lỗi không mong đợi/);
    expect(mixed.code).toBe(1);
  });

  test("the good files' indicators are exactly what they are without the bad files", () => {
    expect(alone.length).toBeGreaterThan(0);
    expect(indicatorRows(mixed.out)).toEqual(alone);
  });

  test('every bad file is listed in the validation report with its rule, sheet and cell', () => {
    const rows = readCsv(join(mixed.out, 'validation.csv'));
    // The report neutralises file names a spreadsheet would run as formulas: `'=HYPERLINK(…)`.
    const shown = (name: string) => (FORMULA_START.test(name) ? `'${name}` : name);
    const missing = corpus.cases
      .filter((c) => c.expect !== 'accepted')
      .filter((c) => {
        const e = c.expect as Exclude<CorpusCase['expect'], 'accepted'>;
        return !rows.some((r) => r.file === shown(c.file) && r.rule === e.rule && r.sheet === (e.sheet ?? '') && r.cell === (e.cell ?? ''));
      })
      .map((c) => c.kind);
    expect(missing).toEqual([]);
  });

  test('CSV outputs start no cell with = + - @ tab or CR', () => {
    for (const name of ['validation.csv', 'indicators.csv']) {
      const cells = readCsv(join(mixed.out, name)).flatMap((r) => Object.values(r));
      expect([name, cells.filter((v) => FORMULA_START.test(v))]).toEqual([name, []]);
    }
  });

  test('HTML outputs escape file names and messages', () => {
    for (const name of ['validation.html', 'report.html']) {
      const html = readFileSync(join(mixed.out, name), 'utf8');
      expect(html).not.toContain('<img src=x');
      expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    }
  });

  test('the national workbook holds only numbers, registry names and its own formulas', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(join(mixed.out, `national_${CORPUS_PERIOD.code}.xlsx`)) as unknown as ArrayBuffer);
    const odd: string[] = [];
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.type === ExcelJS.ValueType.Formula && !/^(SUM|IF)\(/.test(cell.formula)) odd.push(`${ws.name}!${cell.address} =${cell.formula}`);
          if (typeof cell.value === 'string' && FORMULA_START.test(cell.value)) odd.push(`${ws.name}!${cell.address} ${cell.value}`);
        }),
      ),
    );
    expect(odd).toEqual([]);
  });

  test('the file an XML entity points at is read by nothing', () => {
    const outputs = ['indicators.csv', 'validation.csv', 'validation.html', 'report-data.json', 'report.html'].map((f) => readFileSync(join(mixed.out, f), 'utf8'));
    for (const text of [...outputs, mixed.stdout, mixed.stderr]) expect(text).not.toContain(corpus.canary.text);
  });
});
