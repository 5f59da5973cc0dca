/**
 * The committed workbooks in data/samples: exactly the generated set, current with the generator
 * (read back, every value equals a fresh run) and, once read, flawed only as documented.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateSubmission } from '../../core/rules';
import type { Submission } from '../../core/submission';
import { readWorkbookFile } from '../../core/xlsx';
import { DATA_DIR, loadRegistry, loadTargets } from '../../pipeline/reference';
import { buildSampleSet } from '../../scripts/samples/sample-set';
import { sampleWorkbook } from '../../scripts/samples/write';

const registry = loadRegistry();
const set = buildSampleSet(registry);
const SAMPLES_DIR = join(DATA_DIR, 'samples');

/** What a reader should get back from a workbook of this submission. */
function content(s: Submission) {
  return {
    unitCode: s.unitCode,
    period: s.period,
    reportDate: s.reportDate,
    forms: Object.fromEntries(
      Object.entries(s.forms).map(([id, t]) => [id, { rows: t!.rows.map((r) => [r.unitCode, r.sheetRow, r.values]), total: t!.total!.values }]),
    ),
    targets: s.targets?.map((t) => [t.code, t.sheetRow, t.total, t.achieved]) ?? null,
  };
}

async function readBack(data: Uint8Array, file: string): Promise<Submission> {
  const { submission, issues } = await readWorkbookFile(data, file);
  expect(issues).toEqual([]);
  return submission!;
}

test('a written sample reads back to the same submission', async () => {
  const targets = loadTargets();
  const picks = set.files.filter((f) => ['2026-H1/51_2026-H1.xlsx', '2026-05/51_2026-05.xlsx', '2026-08/37_2026-08.xlsx'].includes(f.file));
  expect(picks).toHaveLength(3);
  for (const f of picks) {
    const back = await readBack(await sampleWorkbook(f, registry, targets), f.file);
    expect(content(back)).toEqual(content(f.submission));
  }
});

describe('data/samples (run `npm run samples` after changing the generator)', () => {
  test('holds exactly the generated files and a README naming every planted problem', () => {
    const files = readdirSync(SAMPLES_DIR, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.xlsx')).map((f) => f.split('\\').join('/'));
    expect(files.sort()).toEqual(set.files.map((f) => f.file).sort());
    const readme = readFileSync(join(SAMPLES_DIR, 'README.md'), 'utf8');
    for (const p of set.problems) expect(readme).toContain(`| ${p.rule} | ${p.severity} | \`${p.file}\` |`);
  });

  test('every committed workbook equals a fresh run, and the rules find only the documented violations', async () => {
    const found: { rule: string; file: string; cell: string | null }[] = [];
    for (const f of set.files) {
      const back = await readBack(readFileSync(join(SAMPLES_DIR, f.file)), f.file);
      expect(content(back)).toEqual(content(f.submission));
      for (const i of validateSubmission(back, registry)) found.push({ rule: i.rule, file: f.file, cell: i.cell });
    }
    const documented = set.problems.filter((p) => p.rule.startsWith('V')).map((p) => ({ rule: p.rule, file: p.file, cell: p.cell }));
    expect(found).toEqual(documented);
  });
});
