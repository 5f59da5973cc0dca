/** The add-in's pure parts, without Excel: conversions, sheet plans, marks, import merging, language. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../pipeline/reference';
import { buildWorkbookModel, CELL_STYLES, templateColumns } from '../../core/layout';
import { FORMS } from '../../core/forms';
import { parsePeriod } from '../../core/periods';
import type { ReadResult } from '../../core/reader';
import { validateSubmission } from '../../core/rules';
import { cellIssue, type Submission } from '../../core/submission';
import { dateOfSerial, parseRange, serialOfDate } from '../../core/spreadsheet';
import { formulaInput, gridOfArrays, isDateFormat } from '../../addin/excel/cells';
import { MARK_FILL, planMarks } from '../../addin/excel/marks';
import { planSheet, pointsOfCharacterWidth, rectangles } from '../../addin/excel/render';
import { rememberLanguage, storedLanguage, UI } from '../../addin/i18n';
import { planImport, type ReadFile } from '../../addin/import-plan';
import { blockingErrors, unitIndicators } from '../../addin/indicators';
import { deliverFile, MIME_TYPES, platformOf, type DeliveryChannels, type Platform } from '../../addin/delivery';
import { exportFileName } from '../../addin/workflows';
import { filledSubmission, realReference, syntheticRegistry } from './helpers';

const H1 = parsePeriod('2026-H1');

test('the pane speaks Vietnamese unless English was chosen on this machine', () => {
  const kept = new Map<string, string>();
  const store = { getItem: (k: string) => kept.get(k) ?? null, setItem: (k: string, v: string) => void kept.set(k, v) };
  expect(storedLanguage(store)).toBe('vi');
  rememberLanguage(store, 'en');
  expect(storedLanguage(store)).toBe('en');
  rememberLanguage(store, 'vi');
  expect(storedLanguage(store)).toBe('vi');
  kept.set([...kept.keys()][0], 'fr');
  expect(storedLanguage(store)).toBe('vi');
  const refusing = { getItem: () => { throw new Error('SecurityError'); }, setItem: () => { throw new Error('SecurityError'); } };
  expect(storedLanguage(refusing)).toBe('vi');
  expect(() => rememberLanguage(refusing, 'en')).not.toThrow();
  expect(storedLanguage(null)).toBe('vi');
});

test('every label of taskpane.html has both languages, and the page’s own text is the Vietnamese one', () => {
  const html = readFileSync(join(PROJECT_ROOT, 'addin/taskpane/taskpane.html'), 'utf8');
  const labels = [...html.matchAll(/data-i18n="(\w+)"[^>]*>([^<]*)</g)];
  expect(labels.length).toBeGreaterThan(25);
  for (const [, key, text] of labels) {
    expect(UI).toHaveProperty(key);
    expect(text).toBe(UI[key as keyof typeof UI].vi);
    expect(UI[key as keyof typeof UI].en.length).toBeGreaterThan(0);
  }
});

test('A1 references', () => {
  expect(parseRange('D10')).toEqual({ top: 10, left: 4, bottom: 10, right: 4 });
  expect(parseRange("'Mẫu 03'!$D$10:W22")).toEqual({ top: 10, left: 4, bottom: 22, right: 23 });
  expect(parseRange('A:C')).toMatchObject({ top: 1, left: 1, right: 3 });
  expect(parseRange('7:9')).toMatchObject({ top: 7, bottom: 9, left: 1 });
  expect(() => parseRange('D10:??')).toThrow('bad cell reference');
});

describe('cells between Office arrays and the model', () => {
  test('dates travel as Excel serials at UTC midnight', () => {
    const d = new Date(Date.UTC(2026, 5, 15));
    expect(serialOfDate(d)).toBe(46188);
    expect(dateOfSerial(46188)).toEqual(d);
    expect(formulaInput({ value: d })).toBe(46188);
  });

  test('number formats that show dates', () => {
    for (const f of ['dd/mm/yyyy', 'm/d/yy', 'yyyy-mm-dd', '[$-42A]dd/mm/yyyy']) expect(isDateFormat(f)).toBe(true);
    for (const f of ['General', '#,##0', '0.0%', '@', '"ngày"0']) expect(isDateFormat(f)).toBe(false);
  });

  test('Office arrays become reader cells: blanks, errors, dates, formulas with results', () => {
    const sheet = gridOfArrays({
      name: 'Mẫu 03',
      visibility: 'VeryHidden',
      values: [['', '#REF!', 46188, 'x', 12]],
      formulas: [['', '#REF!', 46188, 'x', '=SUM(D10:D11)']],
      valueTypes: [['Empty', 'Error', 'Double', 'String', 'Double']],
      numberFormat: [['General', 'General', 'dd/mm/yyyy', '@', '#,##0']],
    });
    expect(sheet.state).toBe('veryHidden');
    expect(sheet.cells[0]).toEqual([
      null,
      { value: { error: '#REF!' } },
      { value: new Date(Date.UTC(2026, 5, 15)) },
      { value: 'x' },
      { value: 12, formula: 'SUM(D10:D11)' },
    ]);
  });

  test('text that begins with `=` is text: Office gives a text cell the same in `values` and `formulas`', () => {
    const text = '=HYPERLINK("http://evil.example","xem")';
    const sheet = gridOfArrays({
      name: 'Mẫu 03',
      visibility: 'Visible',
      values: [[text, '=x', '']],
      formulas: [[text, '="="&"x"', '=""']],
      valueTypes: [['String', 'String', 'String']],
      numberFormat: [['General', 'General', 'General']],
    });
    expect(sheet.cells[0]).toEqual([{ value: text }, { value: '=x', formula: '"="&"x"' }, { value: null, formula: '""' }]);
  });

  test('model cells become Excel input', () => {
    expect(formulaInput(null)).toBe('');
    expect(formulaInput({ formula: 'SUM(D10:D20)', result: 3 })).toBe('=SUM(D10:D20)');
    expect(formulaInput({ value: { error: '#N/A' } })).toBe('#N/A');
    expect(formulaInput({ value: '0101' })).toBe('0101');
  });
});

describe('sheet plans', () => {
  const { registry } = realReference();
  const model = buildWorkbookModel({ registry, unitCode: '51', period: H1, reportDate: '2026-06-15' });
  const f03 = planSheet(model.sheets[0]);

  test('one rectangular block from A1 with formats, text codes and unlocked data cells', () => {
    const rows = model.sheets[0].cells.length;
    expect(f03.formulas.length).toBe(rows);
    expect(new Set(f03.formulas.map((r) => r.length)).size).toBe(1);
    expect(f03.address).toBe(`A1:W${rows}`);
    expect(f03.numberFormat[9][1]).toBe('@'); // B10, unit code
    const runAt = (row: number, column: number) =>
      f03.formats.find((f) => {
        const r = parseRange(f.address);
        return row >= r.top && row <= r.bottom && column >= r.left && column <= r.right;
      })!;
    expect(runAt(10, 4).format).toMatchObject({ locked: false, fill: `#${CELL_STYLES.input.fill}`, border: true, horizontal: 'Right' });
    expect(runAt(9, 4).format).toMatchObject({ locked: true, fill: `#${CELL_STYLES.columnNumber.fill}`, font: { italic: true } });
    expect(f03.printTitleRows).toBe('$7:$9');
    expect(f03.columnWidths[0]).toEqual({ columns: 'A:A', points: pointsOfCharacterWidth(6) });
  });

  test('the looks are rectangles that tile the block, as many for 1,000 rows as for 12', () => {
    const cells = (p: typeof f03) => p.formats.reduce((n, f) => n + f.rows * f.columns, 0);
    expect(cells(f03)).toBe(f03.formulas.length * f03.formulas[0].length);
    const sized = (locals: number) =>
      planSheet(buildWorkbookModel({ registry: syntheticRegistry(locals), unitCode: '51', period: H1 }).sheets[0]).formats.length;
    expect(sized(999)).toBe(sized(11));
    expect(sized(999)).toBeLessThan(120);
  });

  test('rectangles: runs along rows, merged down while they repeat', () => {
    const keys = [
      ['a', 'a', 'b'],
      ['a', 'a', 'b'],
      ['a', 'c', 'b'],
    ];
    expect(rectangles(keys)).toEqual([
      { key: 'a', rect: { top: 1, left: 1, bottom: 2, right: 2 } },
      { key: 'b', rect: { top: 1, left: 3, bottom: 3, right: 3 } },
      { key: 'a', rect: { top: 3, left: 1, bottom: 3, right: 1 } },
      { key: 'c', rect: { top: 3, left: 2, bottom: 3, right: 2 } },
    ]);
  });

  test('the metadata sheet is very hidden and unprotected', () => {
    const meta = planSheet(model.sheets[model.sheets.length - 1]);
    expect(meta.visibility).toBe('VeryHidden');
    expect(meta.protect).toBe(false);
  });
});

describe('marks', () => {
  const white = () => 'FFFFFF';
  const RULE_OF = { error: 'V02', warning: 'V04', info: 'Q04' } as const;
  const issue = (severity: 'error' | 'warning' | 'info', row: number, column: number) =>
    cellIssue(RULE_OF[severity], 'Mẫu 03', row, column, { vi: 'x', en: 'x' });

  test('marks the worst severity of each cell, within the bounding box only', () => {
    const fills = [['FFFFFF', 'FFFFFF', 'FFFFFF'], ['FFFFFF', 'FFFFFF', 'FFFFFF']];
    const [w] = planMarks([{ name: 'Mẫu 03', fills }], [issue('warning', 2, 2), issue('error', 2, 2), issue('warning', 1, 3), issue('info', 1, 1)], white);
    expect(w.address).toBe('B1:C2');
    expect(w.cellProperties).toEqual([
      [{}, { format: { fill: { color: `#${MARK_FILL.warning}` } } }],
      [{ format: { fill: { color: `#${MARK_FILL.error}` } } }, {}],
    ]);
  });

  test('clears the earlier marks to the model’s fill, keeps fills a person chose, skips what is already right', () => {
    const fills = [[MARK_FILL.error, '00B050', MARK_FILL.warning]];
    const writes = planMarks([{ name: 'Mẫu 03', fills }], [issue('warning', 1, 3)], (_s, _r, c) => (c === 1 ? 'D9D9D9' : 'FFFFFF'));
    expect(writes).toEqual([{ sheet: 'Mẫu 03', address: 'A1', cellProperties: [[{ format: { fill: { color: '#D9D9D9' } } }]] }]);
    expect(planMarks([{ name: 'Mẫu 03', fills: [['FFFFFF']] }], [], white)).toEqual([]);
  });

  test('an issue on a cell beyond the read range is still marked', () => {
    const [w] = planMarks([{ name: 'Mẫu 03', fills: [['FFFFFF']] }], [issue('error', 3, 2)], white);
    expect(w.address).toBe('B3');
  });
});

describe('import plan', () => {
  const { registry } = realReference();
  const current = filledSubmission(registry, '51', H1);
  const blank = (sub: Submission) => ({
    ...sub,
    forms: Object.fromEntries(Object.entries(sub.forms).map(([id, t]) => [id, { ...t!, rows: t!.rows.map((r) => ({ ...r, values: r.values.map(() => null) })) }])),
  });
  /** A local office's file as core judges it; `edit` changes the submission before judging. */
  const local = (code: string, reportDate: string, value: number, more: { edit?: (sub: Submission) => void; arrivedAt?: string; hash?: string } = {}): ReadFile => {
    const row = { unitCode: code, unitName: '', sheetRow: 10, values: current.forms.F03!.rows[1].values.map(() => value) };
    const submission: Submission = { unitCode: code, period: '2026-H1', reportDate, forms: { F03: { form: 'F03', sheetName: 'Mẫu 03', columns: templateColumns(FORMS.F03), rows: [row], total: null } }, targets: null };
    more.edit?.(submission);
    const result: ReadResult = { submission, issues: validateSubmission(submission, registry) };
    return { fileName: `${code}-${reportDate}-${value}.xlsx`, result, arrivedAt: more.arrivedAt ?? null, hash: more.hash ?? `${code}${reportDate}${value}` };
  };

  test('the later report date wins whatever the order of the files', () => {
    for (const files of [[local('5101', '2026-06-18', 7), local('5101', '2026-06-02', 3)], [local('5101', '2026-06-02', 3), local('5101', '2026-06-18', 7)]]) {
      const plan = planImport(blank(current), files, registry);
      const taken = plan.outcomes.find((o) => o.imported)!;
      expect(taken.fileName).toBe('5101-2026-06-18-7.xlsx');
      expect(plan.outcomes.find((o) => !o.imported)!.reason?.vi).toContain('có tệp mới hơn (5101-2026-06-18-7.xlsx)');
      expect(plan.writes[0].formulas![0][0]).toBe(7);
    }
  });

  test('on the same report date the later arrival, then the content, decides, as in the warehouse', () => {
    const early = local('5101', '2026-06-18', 3, { arrivedAt: '2026-06-18 08:00:00.000000', hash: 'ff' });
    const late = local('5101', '2026-06-18', 7, { arrivedAt: '2026-06-18 09:00:00.000000', hash: '00' });
    for (const files of [[early, late], [late, early]]) {
      const plan = planImport(blank(current), files, registry);
      expect(plan.writes[0].formulas![0][0]).toBe(7);
      expect(plan.outcomes.find((o) => !o.imported)!.reason?.vi).toContain('dùng tệp lưu sau (5101-2026-06-18-7.xlsx)');
    }
    const [a, b] = [local('5101', '2026-06-18', 3, { hash: 'aa' }), local('5101', '2026-06-18', 7, { hash: 'bb' })];
    for (const files of [[a, b], [b, a]]) {
      const plan = planImport(blank(current), files, registry);
      expect(plan.writes[0].formulas![0][0]).toBe(7);
      expect(plan.outcomes.find((o) => !o.imported)!.reason?.en).toContain('chosen by content');
    }
  });

  test('counts the problems of the figures taken, not of the file’s identity or totals', () => {
    const file = local('5101', '2026-06-18', 7, {
      edit: (sub) => {
        sub.forms.F03!.rows[0].values[5] = 9; // V02: (6) 9 > (4) 7
        sub.reportDate = null; // V14, about the file: not counted
      },
    });
    const [outcome] = planImport(blank(current), [file], registry).outcomes;
    expect(outcome).toMatchObject({ imported: true, errors: 1, warnings: 4 }); // V13 on (17)–(20)
  });

  test('one write per receiving row: the rows between are never rewritten', () => {
    const plan = planImport(blank(current), [local('5101', '2026-06-18', 7), local('5103', '2026-06-18', 9)], registry);
    expect(plan.writes.map((w) => [w.sheet, w.address])).toEqual([
      ['Mẫu 03', 'D11:W11'],
      ['Mẫu 03', 'D13:W13'],
    ]);
    expect(plan.writes[0].formulas).toEqual([current.forms.F03!.rows[1].values.map(() => 7)]);
    expect(plan.writes[1].formulas).toEqual([current.forms.F03!.rows[1].values.map(() => 9)]);
  });

  test('values land in the columns where the clerk’s sheet has them, not the template’s', () => {
    const sheet = blank(current);
    const f03 = sheet.forms.F03!;
    // The table moved one column right, and columns (1) and (2) swapped places.
    const data = f03.columns.data.map((c) => c! + 1);
    [data[0], data[1]] = [data[1], data[0]];
    sheet.forms.F03 = { ...f03, columns: { code: f03.columns.code + 1, name: f03.columns.name + 1, data } };
    const file = local('5101', '2026-06-18', 0, { edit: (sub) => sub.forms.F03!.rows[0].values.forEach((_, i, v) => (v[i] = i + 1)) });
    const [write, ...rest] = planImport(sheet, [file], registry).writes.filter((w) => w.sheet === 'Mẫu 03');
    expect(rest).toEqual([]);
    expect(write.address).toBe('E11:X11');
    // E holds (2), F holds (1), then (3)…(20).
    expect(write.formulas![0]).toEqual([2, 1, ...Array.from({ length: 18 }, (_, i) => i + 3)]);
    const holed = [...data];
    holed[4] = data[4] + 30; // (5) far to the right: its own block
    sheet.forms.F03 = { ...sheet.forms.F03, columns: { ...sheet.forms.F03.columns, data: holed } };
    const writes = planImport(sheet, [file], registry).writes.filter((w) => w.sheet === 'Mẫu 03');
    expect(writes.map((w) => w.address)).toEqual(['E11:H11', 'J11:X11', 'AM11']);
    expect(writes[2].formulas).toEqual([[5]]);
  });
});

test('export file names are `<unit>_<period>.xlsx`, safe whatever the codes hold', () => {
  const sub = { unitCode: '51', period: '2026-H1' } as Submission;
  expect(exportFileName(sub)).toBe('51_2026-H1.xlsx');
  expect(exportFileName({ ...sub, unitCode: '../x y', period: '' })).toBe('_x_y_khong-ro.xlsx');
});

describe('the unit’s indicators', () => {
  const { registry, targets } = realReference();

  test('N01–N12 of a six-month report, ratio of the unit’s totals, with national targets', () => {
    const values = unitIndicators(filledSubmission(registry, '51', H1), registry, targets);
    expect(values.map((v) => v.indicator)).toEqual(['N01', 'N02', 'N03', 'N04', 'N05', 'N06', 'N07', 'N08', 'N09', 'N10', 'N11', 'N12']);
    const n09 = values.find((v) => v.indicator === 'N09')!;
    expect(n09.value).toBeCloseTo(300 / 5); // attendees per conference, every row 300 / 5
    expect(values.find((v) => v.indicator === 'N01')!.value).toBeCloseTo(150 / 200);
    expect(values.find((v) => v.indicator === 'N01')!.target).toBe(targets.targetOf('N01', H1));
  });

  test('a monthly report has the monthly indicators only; an unknown unit has none', () => {
    const month = parsePeriod('2026-03');
    expect(unitIndicators(filledSubmission(registry, '51', month), registry, targets).map((v) => v.indicator)).toEqual(['N09', 'N10', 'N12']);
    expect(unitIndicators({ ...filledSubmission(registry, '51', month), unitCode: '99' }, registry, targets)).toEqual([]);
  });
});

describe('delivering a file the pane made', () => {
  const file = (kind: 'xlsx' | 'docx') => ({ bytes: new Uint8Array([1, 2, 3]), fileName: kind === 'xlsx' ? '51_2026-H1.xlsx' : 'du-thao.docx', kind });
  function channels(platform: Platform, open: 'ok' | 'fails' | 'none') {
    const log: string[] = [];
    const c: DeliveryChannels = {
      platform,
      openWorkbook:
        open === 'none'
          ? null
          : async (bytes) => {
              if (open === 'fails') throw new Error('blocked');
              log.push(`open ${bytes.length}`);
            },
      download: (_bytes, name, mime) => log.push(`download ${name} ${mime}`),
    };
    return { c, log };
  }

  test('a workbook opens as a new workbook, the download stays on offer except on Mac', async () => {
    for (const platform of ['PC', 'OfficeOnline', 'Mac'] as const) {
      const { c, log } = channels(platform, 'ok');
      const d = await deliverFile(file('xlsx'), c);
      expect(d.outcome).toBe('opened');
      expect(d.text.vi).toContain('51_2026-H1.xlsx');
      expect(d.offerDownload).toBe(platform !== 'Mac');
      expect(log).toEqual(['open 3']);
    }
  });

  test('no success claimed for a download, none tried where it cannot work', async () => {
    const pc = channels('PC', 'fails');
    const d = await deliverFile(file('xlsx'), pc.c);
    expect(d.outcome).toBe('requested');
    expect(d.text.vi).toMatch(/^Excel không mở được sổ mới \(blocked\)\. Đã yêu cầu tải file 51_2026-H1\.xlsx xuống/);
    expect(d.text.vi).not.toMatch(/Đã tạo/);
    expect(pc.log).toEqual([`download 51_2026-H1.xlsx ${MIME_TYPES.xlsx}`]);
    const mac = channels('Mac', 'fails');
    expect((await deliverFile(file('xlsx'), mac.c)).outcome).toBe('unavailable');
    expect(mac.log).toEqual([]);
  });

  test('a Word file is downloaded (with its own type) where it can be, and refused plainly on Mac', async () => {
    const pc = channels('PC', 'ok');
    expect((await deliverFile(file('docx'), pc.c)).outcome).toBe('requested');
    expect(pc.log).toEqual([`download du-thao.docx ${MIME_TYPES.docx}`]);
    const mac = channels('Mac', 'ok');
    const d = await deliverFile(file('docx'), mac.c);
    expect(d.outcome).toBe('unavailable');
    expect(d.text.vi).toContain('Excel trên web');
    expect(mac.log).toEqual([]);
  });

  test('platform names', () => {
    expect(platformOf('Mac')).toBe('Mac');
    expect(platformOf('OfficeOnline')).toBe('OfficeOnline');
    expect(platformOf('iOS')).toBe('other');
    expect(platformOf(null)).toBe('other');
  });
});

test('indicators are held back while the figures they read have errors', () => {
  const ref = realReference();
  const sub = filledSubmission(ref.registry, '51', H1);
  const values = unitIndicators(sub, ref.registry, ref.targets);
  const v02 = cellIssue('V02', 'Mẫu 03', 10, 9, { vi: 'x', en: 'x' }); // (6) of Mẫu 03
  const warning = cellIssue('V13', 'Mẫu 03', 11, 9, { vi: 'x', en: 'x' });
  const t1 = cellIssue('V11', 'Mục tiêu', sub.targets![0].sheetRow, 4, { vi: 'x', en: 'x' });
  const blocked = blockingErrors(values, [v02, warning, t1], { ...sub, targetsSheetName: 'Mục tiêu' });
  expect([...blocked.keys()].sort()).toEqual(['N01', 'N10', 'N11']); // N10 (6)/(4), N11 new/(6), N01 = T1
  expect(blocked.get('N10')).toEqual([v02]);
  expect(blockingErrors(values, [warning], sub).size).toBe(0);
});
