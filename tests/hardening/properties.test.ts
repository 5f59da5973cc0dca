/**
 * Property-based tests (fast-check): valid reports mutated at random — odd values in any cell,
 * rows deleted and duplicated, sheets renamed, bytes of the file flipped or cut — and the reader,
 * the guard and the rule engine only ever answer with structured issues: no exception, every
 * issue with a known rule, a severity and a message in both languages, cells with their sheet.
 */
import fc from 'fast-check';
import { buildWorkbookModel, VALUE_MAX } from '../../core/layout';
import { parsePeriod } from '../../core/periods';
import { readSubmission, type GridCell, type GridSheet, type WorkbookGrids } from '../../core/reader';
import { checkValue, validateSubmission } from '../../core/rules';
import { type Issue, type RawValue } from '../../core/submission';
import { cellAddress } from '../../core/spreadsheet';
import { guardWorkbook, readWorkbookFile, writeSubmissionWorkbook } from '../../core/xlsx';
import { loadRegistry } from '../../pipeline/reference';
import { gridsOfModel } from '../addin/helpers';
import { provinceSubmission } from '../pipeline/fixtures';
import { partText, readZip, textPart, withParts, writeZip } from './zip';

const registry = loadRegistry();
const PERIOD = parsePeriod('2026-H1');
const submission = provinceSubmission(registry, '51', PERIOD.code, { reportDate: '2026-06-15', seed: 7 });
const GRIDS = gridsOfModel(buildWorkbookModel({ registry, unitCode: '51', period: PERIOD, submission }));
const RULE = /^(L|V|P|Q)\d\d$/;

function structuralProblems(issues: readonly Issue[]): string[] {
  return issues.flatMap((i) => {
    const problems: string[] = [];
    if (!RULE.test(i.rule)) problems.push(`rule ${i.rule}`);
    if (!['error', 'warning', 'info'].includes(i.severity)) problems.push(`severity ${i.severity}`);
    if (typeof i.message?.vi !== 'string' || !i.message.vi.trim() || typeof i.message?.en !== 'string' || !i.message.en.trim()) problems.push(`message of ${i.rule}`);
    if (i.cell !== null && (i.sheet === null || i.row === null || i.column === null || i.cell !== cellAddress(i.row, i.column))) problems.push(`cell ${i.cell} of ${i.rule}`);
    return problems;
  });
}

/** Reads and checks grids as the add-in and the pipeline do; the issues must be well formed. */
function readAndCheck(grids: WorkbookGrids): void {
  const read = readSubmission(grids);
  const issues = [...read.issues, ...(read.submission ? validateSubmission(read.submission, registry) : [])];
  expect(structuralProblems(issues)).toEqual([]);
}

const cloneGrids = (g: WorkbookGrids): WorkbookGrids => ({
  sheets: g.sheets.map((s) => ({ ...s, cells: s.cells.map((row) => [...row]) })),
});

/** Anything a cell can hold, weighted towards what people really type. */
const rawValue: fc.Arbitrary<RawValue> = fc.oneof(
  fc.constant(null),
  fc.integer({ min: -5, max: VALUE_MAX + 5 }),
  fc.double({ noDefaultInfinity: false, noNaN: false }),
  fc.constantFrom('1.234', '1.234.567', '12,5', ' 7 ', '', 'năm', '=HYPERLINK("http://x","y")', '+cmd', '@SUM(1)', '-2+3', 'Tổng cộng', '(1)', 'T1', '5100', '2026-H1'),
  fc.string({ maxLength: 60 }),
  fc.boolean(),
  fc.date({ noInvalidDate: false }),
  fc.constantFrom('#REF!', '#DIV/0!', '#VALUE!', '#N/A', '#NAME?').map((error) => ({ error })),
);

const gridCell: fc.Arbitrary<GridCell> = fc.oneof(
  { weight: 4, arbitrary: rawValue.map((value): GridCell => ({ value })) },
  { weight: 1, arbitrary: fc.record({ value: rawValue, formula: fc.constantFrom('SUM(D10:D20)', 'SUM(D10:D11)', '1/0', 'A1') }) },
  { weight: 1, arbitrary: fc.constant(null) },
);

/** A cell of a sheet: mostly in the table (rows 1–40, columns A–W), sometimes far away. */
const position = fc.record({
  sheet: fc.nat({ max: GRIDS.sheets.length - 1 }),
  row: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 1, max: 40 }) }, { weight: 1, arbitrary: fc.integer({ min: 41, max: 300 }) }),
  column: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 1, max: 23 }) }, { weight: 1, arbitrary: fc.integer({ min: 24, max: 60 }) }),
});

function setCell(sheet: GridSheet, row: number, column: number, cell: GridCell): void {
  while (sheet.cells.length < row) sheet.cells.push([]);
  const line = sheet.cells[row - 1];
  while (line.length < column) line.push(null);
  line[column - 1] = cell;
}

describe('the reader and the rules answer any mutation with structured issues', () => {
  test('random values in random cells', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(position, gridCell), { minLength: 1, maxLength: 12 }), (edits) => {
        const grids = cloneGrids(GRIDS);
        for (const [p, cell] of edits) setCell(grids.sheets[p.sheet], p.row, p.column, cell);
        readAndCheck(grids);
      }),
      { numRuns: 300 },
    );
  });

  test('rows deleted, duplicated and swapped', () => {
    const op = fc.record({ kind: fc.constantFrom('delete', 'duplicate', 'swap'), sheet: fc.nat({ max: GRIDS.sheets.length - 1 }), row: fc.nat({ max: 40 }), other: fc.nat({ max: 40 }) });
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 8 }), (ops) => {
        const grids = cloneGrids(GRIDS);
        for (const o of ops) {
          const cells = grids.sheets[o.sheet].cells;
          const i = Math.min(o.row, cells.length - 1);
          const j = Math.min(o.other, cells.length - 1);
          if (o.kind === 'delete') cells.splice(i, 1);
          else if (o.kind === 'duplicate') cells.splice(i, 0, [...cells[i]]);
          else [cells[i], cells[j]] = [cells[j], cells[i]];
        }
        readAndCheck(grids);
      }),
      {
        numRuns: 300,
        // Found by this property: Form 03 without its total row beside a Form 04 with one.
        examples: [[[{ kind: 'swap', sheet: 0, row: 6, other: 0 }, { kind: 'delete', sheet: 0, row: 20, other: 0 }]]],
      },
    );
  });

  test('sheets renamed, dropped or doubled', () => {
    const names = fc.constantFrom('Mẫu 03', 'Mẫu 04', 'Mục tiêu', '_meta', 'Mẫu 03'.normalize('NFD'), 'MẪU 04', ' mục  tiêu ', 'Mau 03', 'Sheet1', '', 'Mẫu 03 (2)');
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat({ max: GRIDS.sheets.length - 1 }), fc.oneof(names, fc.string({ maxLength: 31 }), fc.constant(null))), { minLength: 1, maxLength: 6 }), (renames) => {
        const grids = cloneGrids(GRIDS);
        for (const [i, name] of renames) {
          const sheet = grids.sheets[Math.min(i, grids.sheets.length - 1)];
          if (name === null) grids.sheets.push({ ...sheet, cells: sheet.cells.map((r) => [...r]) });
          else sheet.name = name;
        }
        readAndCheck(grids);
      }),
      { numRuns: 300 },
    );
  });

  test('any value V01 accepts is a whole number in range, and V01 never throws', () => {
    fc.assert(
      fc.property(rawValue, (raw) => {
        const c = checkValue(raw);
        if (c.ok) expect(c.value === null || (Number.isInteger(c.value) && c.value >= 0 && c.value <= VALUE_MAX)).toBe(true);
        else expect(c.problem.vi && c.problem.en).toBeTruthy();
      }),
      { numRuns: 500 },
    );
  });
});

describe('the guard and the file reader answer damaged bytes with structured issues', () => {
  let file: Uint8Array;
  beforeAll(async () => {
    file = await writeSubmissionWorkbook(submission, registry);
  });

  const flips = (length: number) => fc.array(fc.tuple(fc.nat({ max: length - 1 }), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 8 });
  const flipped = (bytes: Uint8Array, edits: [number, number][]) => {
    const copy = bytes.slice();
    for (const [at, xor] of edits) copy[at] ^= xor;
    return copy;
  };

  test('the guard never throws on flipped or cut bytes, and says why it refuses', () => {
    // The central directory and the headers are at the end: aim half the flips there.
    const tail = fc.array(fc.tuple(fc.integer({ min: Math.max(0, file.length - 1500), max: file.length - 1 }), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(fc.oneof(flips(file.length), tail), fc.integer({ min: 0, max: file.length }), (edits, cut) => {
        const refusal = guardWorkbook(flipped(file, edits).subarray(0, cut || file.length));
        if (refusal) {
          expect(['L00', 'L14', 'L15']).toContain(refusal.rule);
          expect(refusal.reason.vi && refusal.reason.en).toBeTruthy();
        }
      }),
      { numRuns: 1000 },
    );
  });

  test('readWorkbookFile never throws on flipped bytes; every issue names the file', async () => {
    await fc.assert(
      fc.asyncProperty(flips(file.length), async (edits) => {
        const { submission: read, issues } = await readWorkbookFile(flipped(file, edits), 'lat-byte.xlsx');
        const all = [...issues, ...(read ? validateSubmission(read, registry) : [])];
        expect(structuralProblems(all)).toEqual([]);
        expect(issues.every((i) => i.file === 'lat-byte.xlsx')).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  test('readWorkbookFile never throws on a well-zipped workbook whose XML is garbled', async () => {
    const parts = readZip(file);
    const xml = parts.filter((p) => /\.xml$/.test(p.name));
    const garble = fc.record({
      part: fc.nat({ max: xml.length - 1 }),
      edits: fc.array(fc.tuple(fc.nat(), fc.nat({ max: 40 }), fc.constantFrom('', '<', '>', '"', '&', '<row r="9">', '</c>', 'r="XFD1"', 't="s"', 'ẫ', '\u0000')), { minLength: 1, maxLength: 5 }),
    });
    await fc.assert(
      fc.asyncProperty(garble, async ({ part, edits }) => {
        let text = partText(xml[part]);
        for (const [at, remove, insert] of edits) {
          const i = at % (text.length + 1);
          text = text.slice(0, i) + insert + text.slice(i + remove);
        }
        const bytes = writeZip(withParts(parts, [textPart(xml[part].name, text)]));
        const { submission: read, issues } = await readWorkbookFile(bytes, 'xml-hong.xlsx');
        expect(structuralProblems([...issues, ...(read ? validateSubmission(read, registry) : [])])).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });
});
