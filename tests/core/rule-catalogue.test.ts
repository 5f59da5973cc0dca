/**
 * The rule catalogue is the one place rules are declared: no code raises an undeclared rule, and
 * every declared rule is really raised: for each id an input that calls for it goes through the
 * code that judges such input (the reader, the rule engine, the pipeline's intake, the
 * cross-file checks over a warehouse), and the rule must come out with its catalogue severity.
 * `RAISE` is keyed by RuleId: a rule added to the catalogue without an input does not compile.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FORMS } from '../../core/forms';
import { judgeGrids } from '../../core/judge';
import { buildWorkbookModel, dataColumn, FORM_LAYOUT, META_SHEET, TITLE_BLOCK } from '../../core/layout';
import { arrivalText } from '../../core/precedence';
import { monthCodes, parsePeriod } from '../../core/periods';
import type { GridSheet, WorkbookGrids } from '../../core/reader';
import { RULE_IDS, RULES, isRuleId, type RuleId } from '../../core/rule-catalogue';
import { validateSubmission } from '../../core/rules';
import type { Issue, Submission } from '../../core/submission';
import { judgeWorkbookFile, writeSubmissionWorkbook } from '../../core/xlsx';
import { runCrossFileChecks } from '../../pipeline/cross-file';
import { sortFolder } from '../../pipeline/ingest/discover';
import { judgeFile } from '../../pipeline/ingest/judge-file';
import { readRaw, sha256, type RawFile } from '../../pipeline/ingest/read-file';
import { nationalSubmission } from '../../pipeline/outputs/national-workbook';
import { loadRegistry, PROJECT_ROOT } from '../../pipeline/reference';
import { Warehouse } from '../../pipeline/warehouse/warehouse';
import { gridsOfModel } from '../addin/helpers';
import { localOfficeWorkbook } from '../hardening/local-office';
import { readZip, textPart, withParts, writeZip, partText } from '../hardening/zip';
import { loadBatch, provinceSubmission, recomputeTotal } from '../pipeline/fixtures';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|mts)$/.test(name) ? [path] : [];
  });
}

const QUOTED_ID = /['"`]([LVPQ]\d{2})['"`]/g;
const idsIn = (paths: string[]) => new Set(paths.flatMap((p) => [...readFileSync(p, 'utf8').matchAll(QUOTED_ID)].map((m) => m[1])));

test('every rule named in the code is declared', () => {
  const code = ['core', 'pipeline', 'addin'].flatMap((d) => sources(join(PROJECT_ROOT, d)));
  expect([...idsIn(code)].filter((id) => !isRuleId(id))).toEqual([]);
});

test('every rule says what it checks and how to fix it, Vietnamese and English', () => {
  for (const id of RULE_IDS) {
    const { title, fix } = RULES[id];
    for (const text of [title.vi, title.en, fix.vi, fix.en]) expect([id, text.length > 0, text === text.normalize('NFC')]).toEqual([id, true, true]);
  }
});

// ---------------------------------------------------------------------------------------------
// Inputs

const registry = loadRegistry();
const H1 = parsePeriod('2026-H1');
const F03 = FORMS.F03.sheetName;
const F04 = FORMS.F04.sheetName;
const PROVINCE = '51';
const clean = (): Submission => provinceSubmission(registry, PROVINCE, H1.code, { reportDate: '2026-06-10', seed: 3 });

/** The grids of a clean six-month report, as a spreadsheet shows them, changed by `edit`. */
function gridsWith(edit: (g: WorkbookGrids) => void): WorkbookGrids {
  const g = gridsOfModel(buildWorkbookModel({ registry, unitCode: PROVINCE, period: H1, submission: clean() }));
  edit(g);
  return g;
}
const sheet = (g: WorkbookGrids, name: string): GridSheet => g.sheets.find((s) => s.name === name)!;
const copyOf = (s: GridSheet, name: string): GridSheet => ({ ...s, name, cells: s.cells.map((row) => row.map((c) => c && { ...c })) });
const numberRow = (g: WorkbookGrids) => sheet(g, F03).cells[FORM_LAYOUT.numberRow - 1];
const totalIndex = () => clean().forms.F03!.total!.sheetRow - 1;
const read = (edit: (g: WorkbookGrids) => void) => judgeGrids(gridsWith(edit), registry).issues;

/** A clean submission changed by `edit` (totals kept the sums of the rows), through the rule engine. */
function judge(edit: (s: Submission) => void, keepTotals = true): Issue[] {
  const sub = clean();
  edit(sub);
  if (keepTotals) for (const t of Object.values(sub.forms)) recomputeTotal(t!);
  return validateSubmission(sub, registry);
}
const setRow = (form: 'F03' | 'F04', values: Record<number, number | string>) => (s: Submission) => {
  for (const [no, v] of Object.entries(values)) s.forms[form]!.rows[0].values[Number(no) - 1] = v;
};

const dir = mkdtempSync(join(tmpdir(), 'rule-catalogue-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let bytes: Uint8Array;
const raw = (data: Uint8Array, fileName = 'tinh.xlsx'): RawFile => ({ fileName, hash: sha256(data), data, problem: null, modifiedMs: 0 });
const intake = async (file: RawFile | Promise<RawFile>, batch = H1) => (await judgeFile(await file, registry, batch)).issues;

/** Findings of the cross-file checks over a warehouse of one province's half year (see beforeAll). */
const findings: Issue[] = [];

beforeAll(async () => {
  bytes = await writeSubmissionWorkbook(clean(), registry);

  // Province 51: six months, June far from the others (Q03); its six-month report off the months
  // in one figure (Q02) and corrected later (Q01). Province 52: a late report (Q04), a different
  // one of the same date (Q06), then one dated earlier that arrived last (Q07). The rest: none (Q05).
  const wh = await Warehouse.open(':memory:');
  try {
    let n = 0;
    const load = async (sub: Submission) => {
      const i = ++n;
      const file = { fileName: `${sub.unitCode}_${sub.period}_${i}.xlsx`, hash: `h${i}`, submission: sub, issues: [], refused: false, period: sub.period, arrivedAt: arrivalText(Date.UTC(2026, 6, 1, 0, 0, i)) };
      await loadBatch(wh, sub.period, [{ file, receivedAt: new Date(Date.UTC(2026, 6, 1, 0, 0, i)) }]);
    };
    const months = monthCodes(H1).map((m, i) => provinceSubmission(registry, PROVINCE, m, { reportDate: `${m}-1${i}`, seed: 40 + i }));
    months[5].forms.F03!.rows[0].values[8] = 5000;
    recomputeTotal(months[5].forms.F03!);
    for (const m of months) await load(m);
    const half = clean();
    half.forms.F03!.rows.forEach((row, r) => {
      row.values = FORMS.F03.columns.map((c, i) => {
        const values = months.map((m) => m.forms.F03!.rows[r].values[i] as number | null);
        if (values.some((v) => v === null)) return null;
        return c.kind === 'stock' ? values[5] : values.reduce((a, b) => a! + b!, 0);
      });
    });
    half.forms.F03!.rows[0].values[3] = Math.round((half.forms.F03!.rows[0].values[3] as number) * 1.5) + 10;
    recomputeTotal(half.forms.F03!);
    await load(half);
    await load({ ...structuredClone(half), reportDate: '2026-06-15' });
    const other = (seed: number, reportDate: string) => provinceSubmission(registry, '52', H1.code, { reportDate, seed });
    await load(other(60, '2026-06-25'));
    await load(other(61, '2026-06-25'));
    await load(other(62, '2026-06-18'));
    findings.push(...(await runCrossFileChecks(wh, registry, H1)).map((f) => f.issue));
    findings.push(...(await runCrossFileChecks(wh, registry, parsePeriod(monthCodes(H1)[5]))).map((f) => f.issue));
  } finally {
    wh.close();
  }
}, 120_000);

/** For every rule, the issues the code raises for an input that calls for it. */
const RAISE: Record<RuleId, () => Issue[] | Promise<Issue[]>> = {
  L00: () => judgeWorkbookFile(new TextEncoder().encode('đây không phải sổ tính'), 'x.xlsx', registry).then((r) => r.issues),
  L01: () => read((g) => g.sheets.splice(g.sheets.indexOf(sheet(g, F04)), 1)),
  L02: () => read((g) => (sheet(g, F03).cells[FORM_LAYOUT.numberRow - 1] = [])),
  L03: () => read((g) => sheet(g, F03).cells.forEach((row) => row.unshift(null))),
  L04: () => read((g) => (numberRow(g)[dataColumn(20) - 1] = null)),
  L05: () => read((g) => (numberRow(g)[dataColumn(20)] = { value: '(3)' })),
  L06: () => read((g) => sheet(g, F03).cells.splice(totalIndex(), 1)),
  L07: () => read((g) => (sheet(g, F03).cells[FORM_LAYOUT.firstDataRow][FORM_LAYOUT.codeColumn - 1] = null)),
  L08: () => read((g) => (sheet(g, F03).cells[FORM_LAYOUT.firstDataRow + 1][FORM_LAYOUT.codeColumn - 1] = sheet(g, F03).cells[FORM_LAYOUT.firstDataRow][FORM_LAYOUT.codeColumn - 1])),
  L09: () => read((g) => sheet(g, F04).cells.splice(3, 0, [], [{ value: 'Ghi chú thêm' }])),
  L10: () => read((g) => (sheet(g, F03).cells[TITLE_BLOCK.reportDate.row - 1][TITLE_BLOCK.reportDate.column - 1] = { value: '30/02/2026' })),
  L11: () => read((g) => (sheet(g, F04).cells[TITLE_BLOCK.periodCode.row - 1][TITLE_BLOCK.periodCode.column - 1] = { value: '2025-H1' })),
  L12: () => read((g) => (sheet(g, F03).cells[FORM_LAYOUT.firstDataRow - 1][dataColumn(1) - 1] = { formula: 'E10+1', value: null })),
  L13: () =>
    read((g) => {
      const copy = copyOf(sheet(g, F03), `${F03} (2)`);
      copy.cells[FORM_LAYOUT.firstDataRow - 1][dataColumn(1) - 1] = { value: 999 };
      sheet(g, F03).state = 'hidden';
      g.sheets.push(copy);
    }),
  L14: async () => {
    const many = Array.from({ length: 1001 }, (_, i) => textPart(`customXml/item${i}.xml`, '<a/>'));
    return (await judgeWorkbookFile(writeZip(withParts(readZip(bytes), many)), 'x.xlsx', registry)).issues;
  },
  L15: async () => {
    const parts = readZip(bytes);
    const first = parts.find((p) => p.name.startsWith('xl/worksheets/sheet'))!;
    const text = partText(first).replace('?>', '?><!DOCTYPE x [<!ENTITY a "b">]>');
    return (await judgeWorkbookFile(writeZip(withParts(parts, [textPart(first.name, text)])), 'x.xlsx', registry)).issues;
  },
  L16: () => read((g) => g.sheets.push(copyOf(sheet(g, F03), `${F03} (2)`))),
  L17: () => read((g) => (sheet(g, F04).state = 'hidden')),
  L18: () => read((g) => (sheet(g, META_SHEET).cells.find((r) => r[0]?.value === 'period')![1] = { value: '2025-H1' })),
  L19: () => read((g) => (numberRow(g)[dataColumn(20)] = { value: '(21)' })),
  L20: () =>
    read((g) => {
      const cells = sheet(g, F03).cells;
      const [total] = cells.splice(totalIndex(), 1);
      cells.splice(FORM_LAYOUT.firstDataRow - 1, 0, total);
    }),

  V01: () => judge(setRow('F03', { 1: 'mười' })),
  V02: () => judge(setRow('F03', { 4: 5, 5: 150, 6: 8 })),
  V03: () => judge(setRow('F03', { 4: 10, 5: 3, 6: 0 })),
  V04: () => judge(setRow('F03', { 4: 1, 5: 600, 6: 0 })),
  V05: () => judge(setRow('F03', { 7: 10, 8: 5 })),
  V06: () => judge(setRow('F03', { 7: 1, 8: 60 })),
  V07: () => judge(setRow('F03', { 10: 0, 12: 5 })),
  V08: () => judge(setRow('F04', { 5: 1, 6: 2 })),
  V09: () => judge(setRow('F04', { 5: 500, 6: registry.localOfficeCount(PROVINCE, H1) + 1 })),
  V10: () => judge(setRow('F04', { 7: 1, 8: 1, 9: 5 })),
  V11: () => judge((s) => (s.targets![0] = { ...s.targets![0], total: 100, achieved: 101 })),
  V12: () =>
    judge((s) => {
      const t = s.forms.F03!;
      t.totalIsSumFormula = t.total!.values.map(() => false);
      t.total!.values[0] = (t.total!.values[0] as number) + 1;
    }, false),
  V13: () => judge((s) => (s.forms.F03!.rows[1].values[16] = 4)),
  V14: () => judge((s) => (s.reportDate = null)),
  V15: () => judge((s) => (s.targets = s.targets!.slice(0, 6))),

  P01: () => intake(raw(bytes), parsePeriod('2026-05')),
  P02: () => intake(readRaw({ path: join(dir, 'da-xoa.xlsx'), name: 'da-xoa.xlsx' })),
  P03: async () => intake(raw(await writeSubmissionWorkbook(nationalSubmission(registry, H1, [], '2026-06-30'), registry))),
  P04: () => {
    writeFileSync(join(dir, 'tinh.ods'), 'ods');
    return intake(readRaw({ path: join(dir, 'tinh.ods'), name: 'tinh.ods' }, { data: bytes }));
  },
  P05: () => {
    writeFileSync(join(dir, 'tinh.xls'), 'xls');
    return intake(readRaw({ path: join(dir, 'tinh.xls'), name: 'tinh.xls' }, null));
  },
  P06: () => sortFolder([{ path: join(dir, 'cong-van.pdf'), name: 'cong-van.pdf' }]).skipped.map((s) => s.issue),
  P07: () => sortFolder([{ path: join(dir, '~$tinh.xlsx'), name: '~$tinh.xlsx' }]).skipped.map((s) => s.issue),
  P08: async () => intake(raw(await localOfficeWorkbook(registry, '5101', H1))),

  Q01: () => findings,
  Q02: () => findings,
  Q03: () => findings,
  Q04: () => findings,
  Q05: () => findings,
  Q06: () => findings,
  Q07: () => findings,
};

test('the unchanged inputs raise nothing: each rule comes from its change', async () => {
  expect(read(() => undefined)).toEqual([]);
  expect(judge(() => undefined)).toEqual([]);
  expect((await judgeWorkbookFile(bytes, 'tinh.xlsx', registry)).issues).toEqual([]);
  expect(await intake(raw(bytes))).toEqual([]);
});

test('every declared rule has an input that calls for it, and no other', () => {
  expect(Object.keys(RAISE).sort()).toEqual([...RULE_IDS].sort());
});

test.each(RULE_IDS)('%s is raised by the code, with its catalogue severity', async (id) => {
  const raised = (await RAISE[id]()).filter((i) => i.rule === id);
  expect([id, raised.length > 0]).toEqual([id, true]);
  expect(raised.every((i) => i.severity === RULES[id].severity && i.message.vi.length > 0 && i.message.en.length > 0)).toBe(true);
});
