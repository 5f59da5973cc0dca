/**
 * The committed workbooks in data/samples: exactly the generated set, current with the generator
 * (read back, every value equals a fresh run; a selection of them) and, once read, flawed only as
 * documented.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateSubmission } from '../../core/rules';
import type { Submission } from '../../core/submission';
import { readWorkbookFile } from '../../core/xlsx';
import { DATA_DIR, loadRegistry, loadTargets } from '../../pipeline/reference';
import { buildSampleSet } from '../../scripts/samples/sample-set';
import { sampleContent as content, sampleWorkbook } from '../../scripts/samples/write';

const registry = loadRegistry();
const set = buildSampleSet(registry);
const SAMPLES_DIR = join(DATA_DIR, 'samples');

async function readBack(data: Uint8Array, file: string): Promise<Submission> {
  const { submission, issues } = await readWorkbookFile(data, file);
  expect(issues).toEqual([]);
  return submission!;
}

test('a written sample reads back to the same submission', async () => {
  const targets = loadTargets();
  const names = ['2026-H1/51_2026-H1.xlsx', '2026-05/51_2026-05.xlsx', '2026-08/37_2026-08.xlsx', '2025-H1/62_2025-H1.xlsx', '2025/51_2025.xlsx'];
  const picks = set.files.filter((f) => names.includes(f.file));
  expect(picks).toHaveLength(names.length);
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

  /**
   * Reading all thousand workbooks back takes most of a minute, so the test reads every file of a
   * planted problem and three provinces of each period, a different three from period to period
   * so that over the periods every province is read: a generator change shows in all of these.
   */
  function readBackSelection(): typeof set.files {
    const reportOf = (file: string) => file.replace(/(_v\d+)?\.xlsx$/, '');
    const planted = new Set(set.problems.map((p) => reportOf(p.file)));
    const periods = [...new Set(set.files.map((f) => f.submission.period))].sort();
    return periods.flatMap((period, i) => {
      const files = set.files.filter((f) => f.submission.period === period);
      const units = [...new Set(files.map((f) => f.submission.unitCode))].sort();
      const chosen = new Set([0, 1, 2].map((k) => units[(i * 3 + k * Math.ceil(units.length / 3)) % units.length]));
      return files.filter((f) => chosen.has(f.submission.unitCode) || planted.has(reportOf(f.file)));
    });
  }

  test('committed workbooks equal a fresh run, and the rules find only the documented violations', async () => {
    const found: { rule: string; file: string; cell: string | null }[] = [];
    for (const f of readBackSelection()) {
      const back = await readBack(readFileSync(join(SAMPLES_DIR, f.file)), f.file);
      expect(content(back)).toEqual(content(f.submission));
      for (const i of validateSubmission(back, registry)) found.push({ rule: i.rule, file: f.file, cell: i.cell });
    }
    const documented = set.problems.filter((p) => p.rule.startsWith('V')).map((p) => ({ rule: p.rule, file: p.file, cell: p.cell }));
    expect(found).toEqual(documented);
  });
});
