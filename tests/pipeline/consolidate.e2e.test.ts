/**
 * End to end, through the CLI: province workbooks written to a temp folder, consolidated, and
 * every indicator of every province and of the nation checked against numbers this test
 * computes itself from what it generated. Then: the same run twice changes nothing, and a
 * resubmission replaces the current values while the old ones stay in history.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { INDICATORS, type IndicatorId } from '../../core/indicators';
import { isOnTime, parsePeriod, weeksIn } from '../../core/periods';
import { validateSubmission } from '../../core/rules';
import type { Submission } from '../../core/submission';
import { NATIONAL_CODE } from '../../core/units';
import { gridsFromXlsx, readWorkbookFile } from '../../core/xlsx';
import { provinceSubmission, totalOf } from './fixtures';
import { readCsv, registry, runCli, tableCounts, targets, tempDir, withWarehouse, writeProvinceFile } from './helpers';

const PERIOD = parsePeriod('2026-H1');
const provinces = registry.provinces(PERIOD);
const MISSING = new Set([provinces[5].code, provinces[20].code]);
const LATE = new Set([provinces[1].code, provinces[9].code, provinces[30].code]);

type Pair = [number | null, number | null];

/** What one province contributes to each indicator, straight from docs/FORMS.md's formula table. */
function contribution(sub: Submission | undefined, code: string, id: IndicatorId): Pair {
  if (id === 'N13') return [sub ? 1 : 0, 1];
  if (id === 'N14') return [sub && isOnTime(PERIOD, sub.reportDate!) ? 1 : 0, 1];
  if (!sub) return [null, null];
  const target = (t: number) => sub.targets!.find((r) => r.code === `T${t}`)!;
  const num = (v: unknown) => (typeof v === 'number' ? v : null);
  const unit = registry.find(code, PERIOD)!;
  switch (id) {
    case 'N01': case 'N02': case 'N03': case 'N04': case 'N05': case 'N06': {
      const t = target(Number(id.slice(1)));
      return [num(t.achieved), num(t.total)];
    }
    case 'N07': return [num(target(7).achieved), target(7).achieved === null ? null : 1];
    case 'N08': return [totalOf(sub, 'F04', 6), registry.localOfficeCount(code, PERIOD)];
    case 'N09': return [totalOf(sub, 'F03', 5), totalOf(sub, 'F03', 4)];
    case 'N10': return [totalOf(sub, 'F03', 6), totalOf(sub, 'F03', 4)];
    case 'N11': return [totalOf(sub, 'F04', 9), totalOf(sub, 'F03', 6)];
    case 'N12': return [totalOf(sub, 'F03', 16), unit.communes! * weeksIn(PERIOD)];
  }
}

function expectedValue(subs: Map<string, Submission>, codes: string[], id: IndicatorId): { n: number | null; d: number | null } {
  let n: number | null = null;
  let d: number | null = null;
  for (const code of codes) {
    const [a, b] = contribution(subs.get(code), code, id);
    if (a === null || b === null) continue;
    n = (n ?? 0) + a;
    d = (d ?? 0) + b;
  }
  return { n, d };
}

function expectIndicators(csvPath: string, subs: Map<string, Submission>): void {
  const rows = readCsv(csvPath);
  const units = [NATIONAL_CODE, ...provinces.map((p) => p.code)];
  expect(rows).toHaveLength(units.length * INDICATORS.length);
  for (const unit of units) {
    for (const def of INDICATORS) {
      const row = rows.find((r) => r.unit_code === unit && r.indicator === def.id);
      const where = `${unit} ${def.id}`;
      expect([where, row?.period]).toEqual([where, PERIOD.code]);
      const { n, d } = expectedValue(subs, unit === NATIONAL_CODE ? provinces.map((p) => p.code) : [unit], def.id);
      const parsed = (s: string) => (s === '' ? null : Number(s));
      expect([where, parsed(row!.numerator)]).toEqual([where, n === null ? null : expect.closeTo(n, 5)]);
      expect([where, parsed(row!.denominator)]).toEqual([where, d === null ? null : expect.closeTo(d, 5)]);
      expect([where, parsed(row!.value)]).toEqual([where, n === null || !d ? null : expect.closeTo(n / d, 5)]);
      expect([where, parsed(row!.target)]).toEqual([where, targets.targetOf(def.id, PERIOD)]);
    }
  }
}

describe('consolidating generated province files', () => {
  const dir = tempDir('e2e');
  const input = join(dir, 'in');
  const out = join(dir, 'out');
  const db = join(dir, 'warehouse.duckdb');
  const subs = new Map<string, Submission>();
  const args = ['consolidate', input, '--period', PERIOD.code, '--out', out, '--db', db];

  beforeAll(async () => {
    for (const [i, p] of provinces.entries()) {
      if (MISSING.has(p.code)) continue;
      const sub = provinceSubmission(registry, p.code, PERIOD.code, { reportDate: LATE.has(p.code) ? '2026-06-22' : '2026-06-15', seed: 1000 + i });
      expect(validateSubmission(sub, registry)).toEqual([]);
      subs.set(p.code, sub);
      await writeProvinceFile(input, sub);
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('every indicator of every province and of the nation', () => {
    const run = runCli([...args, '--json']);
    expect(run.stderr).not.toMatch(/Error|Lỗi không mong đợi/);
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary.files).toEqual({ total: 32, loaded: 32, unchanged: 0, refused: 0 });
    expect(summary.submissions).toEqual({ expected: 34, received: 32, onTime: 29, filesFrom: 32 });
    expect(readFileSync(join(out, 'indicators.csv'), 'utf8').split('\r\n')[0]).toBe('period,unit_code,indicator,numerator,denominator,value,target');
    expectIndicators(join(out, 'indicators.csv'), subs);
    expect(summary.outputs.report).toBe(join(out, 'report.html'));
    expect(existsSync(summary.outputs.report)).toBe(true);
  });

  test('the validation report lists the late and the missing provinces', () => {
    const rows = readCsv(join(out, 'validation.csv'));
    expect(rows.filter((r) => r.rule === 'Q04').map((r) => r.unit_code).sort()).toEqual([...LATE].sort());
    expect(rows.filter((r) => r.rule === 'Q05').map((r) => r.unit_code).sort()).toEqual([...MISSING].sort());
    expect(rows.every((r) => r.severity === 'info')).toBe(true);
  });

  test('national_<P>.xlsx is the same form one level up, and passes the rules', async () => {
    const bytes = readFileSync(join(out, `national_${PERIOD.code}.xlsx`));
    const { submission, issues } = await readWorkbookFile(bytes, 'national.xlsx');
    expect(issues).toEqual([]);
    expect(submission!.unitCode).toBe(NATIONAL_CODE);
    expect(validateSubmission(submission!, registry)).toEqual([]);
    const f03 = submission!.forms.F03!;
    expect(f03.rows.map((r) => r.unitCode)).toEqual(provinces.map((p) => p.code));
    for (const row of f03.rows) {
      const sub = subs.get(row.unitCode);
      expect([row.unitCode, row.values]).toEqual([row.unitCode, sub ? sub.forms.F03!.total!.values : row.values.map(() => null)]);
    }
    const t4 = submission!.targets!.find((t) => t.code === 'T4')!;
    expect(t4.achieved).toBe([...subs.values()].reduce((s, x) => s + (x.targets![3].achieved as number), 0));
    const sheets = (await gridsFromXlsx(bytes)).sheets.map((s) => s.name);
    expect(sheets).toEqual(expect.arrayContaining(['Mẫu 03', 'Mẫu 04', 'Mục tiêu', 'Chỉ tiêu']));
  });

  test('running the same consolidation twice leaves identical outputs and row counts', async () => {
    const snapshot = async () => ({
      indicators: readFileSync(join(out, 'indicators.csv'), 'utf8'),
      validation: readFileSync(join(out, 'validation.csv'), 'utf8'),
      national: (await gridsFromXlsx(readFileSync(join(out, `national_${PERIOD.code}.xlsx`)))).sheets,
      // Each run is recorded with its own id and time; what changed is compared below.
      data: { ...JSON.parse(readFileSync(join(out, 'report-data.json'), 'utf8')), producedAt: null, changes: null },
      counts: await withWarehouse(db, tableCounts),
    });
    const first = await snapshot();
    const run = runCli([...args, '--no-report']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('đã có 32');
    expect(await snapshot()).toEqual(first);
    const { changes } = JSON.parse(readFileSync(join(out, 'report-data.json'), 'utf8'));
    expect(changes).toMatchObject({ previous: { files: 32 }, submissions: [], indicators: [] });
  });

  test('a resubmission becomes current; the older one stays in history', async () => {
    const code = provinces[0].code;
    const before = await withWarehouse(db, tableCounts);
    const v2 = provinceSubmission(registry, code, PERIOD.code, { reportDate: '2026-06-18', seed: 77 });
    // A third file, received last but dated earliest: the report date decides, not the arrival.
    const v3 = provinceSubmission(registry, code, PERIOD.code, { reportDate: '2026-06-12', seed: 78 });
    await writeProvinceFile(input, v2, 2);
    await writeProvinceFile(input, v3, 3);
    const run = runCli([...args, '--json', '--no-report']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).fileResults.filter((f: { unitCode: string }) => f.unitCode === code)).toEqual([
      expect.objectContaining({ file: `${code}_${PERIOD.code}.xlsx`, outcome: 'unchanged', status: 'superseded' }),
      expect.objectContaining({ file: `${code}_${PERIOD.code}_v2.xlsx`, outcome: 'current', status: 'current' }),
      expect.objectContaining({ file: `${code}_${PERIOD.code}_v3.xlsx`, outcome: 'superseded', status: 'superseded' }),
    ]);
    subs.set(code, v2);
    expectIndicators(join(out, 'indicators.csv'), subs);

    await withWarehouse(db, async (wh) => {
      const rows = await wh.all<{ file_name: string; status: string; stored: number; value_count: number }>(
        `SELECT s.file_name, s.status, s.value_count, (SELECT count(*) FROM submission_values v WHERE v.submission_id = s.id)::INTEGER AS stored
         FROM submissions s WHERE unit_code = $unit ORDER BY file_name`,
        { unit: code },
      );
      expect(rows.map((r) => [r.file_name, r.status])).toEqual([
        [`${code}_${PERIOD.code}.xlsx`, 'superseded'],
        [`${code}_${PERIOD.code}_v2.xlsx`, 'current'],
        [`${code}_${PERIOD.code}_v3.xlsx`, 'superseded'],
      ]);
      // History keeps every value of every version.
      for (const r of rows) expect(r.stored).toBe(r.value_count);
      expect(rows.every((r) => r.stored > 0)).toBe(true);
      const after = await tableCounts(wh);
      expect(after.submissions).toBe(before.submissions + 2);
    });
    const q01 = readCsv(join(out, 'validation.csv')).filter((r) => r.rule === 'Q01');
    expect(q01).toHaveLength(2);
    expect(q01.every((r) => r.unit_code === code && r.file === `${code}_${PERIOD.code}_v2.xlsx`)).toBe(true);
  });
});
