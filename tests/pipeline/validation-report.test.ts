/**
 * Each of V01–V15 and Q01–Q05 triggered by a crafted file (a clean submission changed in one
 * place, written as a workbook), next to unreadable and misfiled files: every one shows up in
 * the validation report with its file, sheet and cell, the bad files are refused, the batch
 * goes on, and text from files cannot act as a formula or as HTML.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { FORMS, TARGETS_SHEET } from '../../core/forms';
import { FORM_LAYOUT, TARGETS_LAYOUT, dataColumn, targetRowOf } from '../../core/layout';
import { monthCodes, parsePeriod } from '../../core/periods';
import { type Submission } from '../../core/submission';
import { cellAddress } from '../../core/spreadsheet';
import { consolidate, type ConsolidationSummary } from '../../pipeline/consolidate';
import { nationalSubmission } from '../../pipeline/outputs/national-workbook';
import { Warehouse } from '../../pipeline/warehouse/warehouse';
import { provinceSubmission, recomputeTotal } from './fixtures';
import { readCsv, registry, targets, tempDir, writeProvinceFile } from './helpers';

const HALF = parsePeriod('2026-H1');
const MONTHS = monthCodes(HALF);
const p = registry.provinces(HALF).map((u) => u.code);
const OFFICE_ROW = FORM_LAYOUT.firstDataRow; // the provincial office's own row
const LOCAL_ROW = OFFICE_ROW + 1;
const F03 = FORMS.F03.sheetName;
const F04 = FORMS.F04.sheetName;

let seed = 1;
const clean = (code: string, period = HALF.code, reportDate = '2026-06-10') =>
  provinceSubmission(registry, code, period, { reportDate, seed: seed++ });

/** Sets values (by column number) on a row of a form and keeps the total consistent. */
function setRow(sub: Submission, form: 'F03' | 'F04', rowIndex: number, values: Record<number, number | string | null>): Submission {
  const table = sub.forms[form]!;
  for (const [col, v] of Object.entries(values)) table.rows[rowIndex].values[Number(col) - 1] = v;
  recomputeTotal(table);
  return sub;
}

interface Expectation {
  rule: string;
  unit: string | null;
  sheet?: string;
  cell?: string;
  /** The file is refused (not consolidated). */
  refused?: boolean;
}

describe('every rule shows up in the validation report', () => {
  const dir = tempDir('rules');
  const input = join(dir, 'in');
  const db = join(dir, 'warehouse.duckdb');
  const expectations: Expectation[] = [];
  const summaries = new Map<string, ConsolidationSummary>();
  const out = (period: string) => join(dir, 'out', period);

  async function craft(sub: Submission, e: Omit<Expectation, 'unit'>, folder = HALF.code, version = 1): Promise<string> {
    expectations.push({ ...e, unit: sub.unitCode });
    return writeProvinceFile(join(input, folder), sub, version);
  }

  /** Opens a written workbook, lets `edit` change it with ExcelJS, saves it. */
  async function editFile(path: string, edit: (wb: ExcelJS.Workbook) => void): Promise<void> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(path) as unknown as ArrayBuffer);
    edit(wb);
    writeFileSync(path, new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
  }

  beforeAll(async () => {
    const col = (no: number) => cellAddress(OFFICE_ROW, dataColumn(no));
    await craft(setRow(clean(p[0]), 'F03', 0, { 1: '=HYPERLINK("http://x","mười")' }), { rule: 'V01', sheet: F03, cell: col(1), refused: true });
    await craft(setRow(clean(p[1]), 'F03', 0, { 4: 5, 5: 150, 6: 8 }), { rule: 'V02', sheet: F03, cell: col(6), refused: true });
    await craft(setRow(clean(p[2]), 'F03', 0, { 4: 10, 5: 3, 6: 0 }), { rule: 'V03', sheet: F03, cell: col(5), refused: true });
    await craft(setRow(clean(p[3]), 'F03', 0, { 4: 1, 5: 600, 6: 0 }), { rule: 'V04', sheet: F03, cell: col(5) });
    await craft(setRow(clean(p[4]), 'F03', 0, { 7: 10, 8: 5 }), { rule: 'V05', sheet: F03, cell: col(8), refused: true });
    await craft(setRow(clean(p[5]), 'F03', 0, { 7: 1, 8: 60 }), { rule: 'V06', sheet: F03, cell: col(8) });
    await craft(setRow(clean(p[6]), 'F03', 0, { 10: 0, 12: 5 }), { rule: 'V07', sheet: F03, cell: col(10) });
    await craft(setRow(clean(p[7]), 'F04', 0, { 5: 1, 6: 2 }), { rule: 'V08', sheet: F04, cell: col(6), refused: true });
    const offices = registry.localOfficeCount(p[8], HALF);
    await craft(setRow(clean(p[8]), 'F04', 0, { 5: 50, 6: offices + 1 }), { rule: 'V09', sheet: F04, cell: col(6), refused: true });
    await craft(setRow(clean(p[9]), 'F04', 0, { 7: 1, 8: 1, 9: 5 }), { rule: 'V10', sheet: F04, cell: col(9), refused: true });

    const v11 = clean(p[10]);
    v11.targets![0] = { ...v11.targets![0], total: 100, achieved: 101 };
    await craft(v11, { rule: 'V11', sheet: TARGETS_SHEET, cell: cellAddress(targetRowOf('T1'), TARGETS_LAYOUT.achievedColumn), refused: true });

    const v12 = clean(p[11]);
    const f03 = v12.forms.F03!;
    f03.totalIsSumFormula = f03.total!.values.map(() => false);
    f03.total!.values[0] = (f03.total!.values[0] as number) + 1; // a total typed over the formula, and wrong
    await craft(v12, { rule: 'V12', sheet: F03, cell: cellAddress(f03.total!.sheetRow, dataColumn(1)), refused: true });

    await craft(setRow(clean(p[12]), 'F03', 1, { 17: 4 }), { rule: 'V13', sheet: F03, cell: cellAddress(LOCAL_ROW, dataColumn(17)) });
    await craft({ ...clean(p[13]), reportDate: null }, { rule: 'V14', refused: true });

    const v15 = await craft(clean(p[14]), { rule: 'V15', sheet: TARGETS_SHEET, refused: true });
    await editFile(v15, (wb) => {
      wb.getWorksheet(TARGETS_SHEET)!.getCell(targetRowOf('T7'), TARGETS_LAYOUT.codeColumn).value = null;
    });

    // An error with a written override reason travels with the file and is accepted.
    const overridden = setRow(clean(p[15]), 'F03', 0, { 4: 5, 5: 150, 6: 7 });
    overridden.overrideReason = 'Số liệu đã được lãnh đạo xác nhận';
    await craft(overridden, { rule: 'V02', sheet: F03, cell: col(6) });

    // Q01: sent twice, the later report date counts.
    await craft(clean(p[16], HALF.code, '2026-06-08'), { rule: 'Q01' });
    await writeProvinceFile(join(input, HALF.code), clean(p[16], HALF.code, '2026-06-12'), 2);
    // Q04: after the deadline (due before 20 June).
    await craft(clean(p[17], HALF.code, '2026-06-25'), { rule: 'Q04' });

    // Q02 and Q03: one province's six months, then its six-month report built from them with
    // one figure off by half; in June one figure far outside the province's own history.
    const months = MONTHS.map((m, i) => clean(p[18], m, `${m}-1${i}`));
    setRow(months[5], 'F03', 0, { 9: 5000 });
    for (const m of months) await writeProvinceFile(join(input, m.period), m);
    expectations.push({ rule: 'Q03', unit: p[18], sheet: F03, cell: cellAddress(months[5].forms.F03!.total!.sheetRow, dataColumn(9)) });
    const half = clean(p[18]);
    const table = half.forms.F03!;
    table.rows.forEach((row, r) => {
      row.values = FORMS.F03.columns.map((c, i) => {
        const values = months.map((m) => m.forms.F03!.rows[r].values[i] as number | null);
        if (values.some((v) => v === null)) return null;
        return c.kind === 'stock' ? values[5] : values.reduce((a, b) => a! + b!, 0);
      });
    });
    table.rows[0].values[3] = Math.round((table.rows[0].values[3] as number) * 1.5) + 10;
    recomputeTotal(table);
    await craft(half, { rule: 'Q02', sheet: F03, cell: cellAddress(table.total!.sheetRow, dataColumn(4)) });

    // Q05: the provinces that sent nothing.
    expectations.push({ rule: 'Q05', unit: p[30] });

    // Files that cannot be consolidated at all.
    const junk = join(input, HALF.code, '=1+1 <b>junk.xlsx');
    writeFileSync(junk, 'this is not a workbook');
    expectations.push({ rule: 'L00', unit: null, refused: true });
    mkdirSync(join(input, HALF.code, 'folder.xlsx'));
    expectations.push({ rule: 'P02', unit: null, refused: true });
    await craft(clean(p[19], '2026-05', '2026-05-10'), { rule: 'P01', refused: true });
    // A national workbook dropped among the provinces' files.
    await craft(nationalSubmission(registry, HALF, [], '2026-06-30'), { rule: 'P03', refused: true });
    // Files that are not reports: not read, but listed in the report with their verdict.
    writeFileSync(join(input, HALF.code, '~$51_2026-H1.xlsx'), 'lock');
    expectations.push({ rule: 'P07', unit: null, refused: false });
    writeFileSync(join(input, HALF.code, 'cong-van.pdf'), '%PDF-1.4');
    expectations.push({ rule: 'P06', unit: null, refused: false });

    const wh = await Warehouse.open(db);
    try {
      for (const period of [...MONTHS, HALF.code]) {
        const summary = await consolidate(wh, {
          inputDir: join(input, period),
          period: parsePeriod(period),
          outDir: out(period),
          registry,
          targets,
          report: false,
          progress: { write: () => true },
        });
        summaries.set(period, summary);
      }
    } finally {
      wh.close();
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const reportRows = () => [...MONTHS, HALF.code].flatMap((period) => readCsv(join(out(period), 'validation.csv')).map((r): Record<string, string> => ({ ...r, period })));

  test.each(['V01', 'V02', 'V03', 'V04', 'V05', 'V06', 'V07', 'V08', 'V09', 'V10', 'V11', 'V12', 'V13', 'V14', 'V15', 'Q01', 'Q02', 'Q03', 'Q04', 'Q05', 'L00', 'P01', 'P02', 'P03', 'P06', 'P07'])(
    '%s is reported with its file, sheet and cell',
    (rule) => {
      const rows = reportRows();
      for (const e of expectations.filter((x) => x.rule === rule)) {
        const hits = rows.filter((r) => r.rule === rule && r.unit_code === (e.unit ?? ''));
        expect([rule, hits.length]).not.toEqual([rule, 0]);
        if (e.sheet) expect(hits.map((h) => `${h.sheet}!${h.cell}`)).toContain(`${e.sheet}!${e.cell ?? ''}`);
        if (e.refused !== undefined) expect([rule, hits.some((h) => h.file_status === 'refused')]).toEqual([rule, e.refused]);
        expect(hits.every((h) => h.message_vi.length > 0 && h.message_en.length > 0)).toBe(true);
      }
    },
  );

  test('bad files are refused, the rest consolidated, and the run says so', () => {
    const s = summaries.get(HALF.code)!;
    expect(s.exitCode).toBe(1);
    const refused = s.fileResults.filter((f) => f.status === 'refused');
    const expected = expectations.filter((e) => e.refused);
    expect(refused).toHaveLength(expected.length);
    expect(refused.map((f) => f.unitCode ?? '').sort()).toEqual(expected.map((e) => e.unit ?? '').sort());
    // The overridden file, the warnings-only files and the clean ones count.
    expect(s.submissions.received).toBe(s.fileResults.filter((f) => f.status === 'current').length);
    expect(s.fileResults.find((f) => f.unitCode === p[15])).toMatchObject({ status: 'current', errors: 1 });
    expect(summaries.get('2026-01')!.exitCode).toBe(0);
  });

  test('files not read are listed by name, as not read, in the CSV and the HTML', () => {
    const rows = readCsv(join(out(HALF.code), 'validation.csv')).filter((r) => r.file_status === 'skipped');
    expect(rows.map((r) => [r.file, r.rule, r.severity])).toEqual([
      ['cong-van.pdf', 'P06', 'info'],
      ['~$51_2026-H1.xlsx', 'P07', 'info'],
    ]);
    const html = readFileSync(join(out(HALF.code), 'validation.html'), 'utf8');
    expect(html).toContain('Tệp không đọc (không phải báo cáo)');
    for (const name of ['cong-van.pdf', '~$51_2026-H1.xlsx']) expect(html).toMatch(new RegExp(`<td>${name.replace(/[$.]/g, '\\$&')}</td>\\s*<td>Không đọc</td>`));
  });

  test('text from files cannot act as a formula in the CSV or as markup in the HTML', () => {
    const csv = readFileSync(join(out(HALF.code), 'validation.csv'), 'utf8');
    expect(csv).toContain("'=1+1 <b>junk.xlsx");
    expect(csv).not.toMatch(/(^|,)"?=1\+1/m);
    const html = readFileSync(join(out(HALF.code), 'validation.html'), 'utf8');
    expect(html).toContain('=1+1 &lt;b&gt;junk.xlsx');
    expect(html).not.toContain('<b>junk');
    expect(html).toContain('HYPERLINK');
  });
});
