/** A worksheet part read into its grid: cells as ExcelJS makes them, merges, hyperlinks. */
import type { GridCell } from '../../reader';
import type { RawValue } from '../../submission';
import { decodeAddress, lettersOf, shiftFormula } from './formulas';
import type { SharedString, Styles } from './workbook-parts';
import { RunReader, decodeAgain, joinRuns, listOf, topLevel, unusual, walkXml, type Runs, type XmlHandler } from './xml';

/** A cell as read, before it is placed: what ExcelJS's cell parser collects. */
interface CellXml {
  address: string;
  type: string | undefined;
  styleId: number | undefined;
  formula: string | undefined;
  shareType: string | undefined;
  si: string | undefined;
  ref: string | undefined;
  value: string | Runs | undefined;
}

/** A placed cell: blank but formatted, covered by a merge, a formula, or a value. */
type Cell =
  | { kind: 'blank' }
  | { kind: 'merged' }
  | { kind: 'formula'; address: string; formula: string | undefined; sharedFrom: string | undefined; result: RawValue }
  | { kind: 'value'; value: RawValue };

interface SheetXml {
  rows: { number: number; styleId: number | undefined; cells: CellXml[] }[];
  merges: string[];
  /** Cell address → relationship id of its hyperlink. */
  hyperlinks: Map<string, string>;
}

const WORKSHEET_ELEMENTS = new Set([
  'sheetPr', 'dimension', 'sheetViews', 'sheetFormatPr', 'cols', 'sheetData', 'autoFilter', 'mergeCells', 'rowBreaks', 'hyperlinks',
  'pageMargins', 'dataValidations', 'pageSetup', 'headerFooter', 'printOptions', 'picture', 'drawing', 'sheetProtection', 'tableParts',
  'conditionalFormatting', 'extLst',
]);

const intOrUndefined = (s: string | undefined) => (s === undefined ? undefined : parseInt(s, 10));

/** `<sheetData>`: rows of `<c>` cells, each with `<f>`, `<v>` and inline strings (`<is>` `<t>` / `<r>`). */
function sheetData(rows: SheetXml['rows']): XmlHandler {
  let depth = 0;
  let row: SheetXml['rows'][number] | null = null;
  let cell: CellXml | null = null;
  let current: 'f' | 'v' | 't' | null = null;
  let runs: RunReader | null = null;
  return {
    open(name, a) {
      depth++;
      if (depth === 1) return;
      if (depth === 2) {
        if (name !== 'row' || a.r === undefined) unusual(name === 'row' ? 'a row without its number' : `<${name}> inside <sheetData>`);
        row = { number: parseInt(a.r, 10), styleId: intOrUndefined(a.s), cells: [] };
        rows.push(row);
        return;
      }
      if (depth === 3) {
        if (name !== 'c' || a.r === undefined) unusual(name === 'c' ? 'a cell without its address' : `<${name}> inside a row`);
        cell = { address: a.r, type: a.t, styleId: intOrUndefined(a.s), formula: undefined, shareType: undefined, si: undefined, ref: undefined, value: undefined };
        current = null;
        runs = null;
        return;
      }
      const c = cell!;
      if (runs?.active) return runs.open(name);
      switch (name) {
        case 'f':
          current = 'f';
          c.si = a.si;
          c.shareType = a.t;
          c.ref = a.ref;
          return;
        case 'v':
        case 't':
          current = name;
          return;
        case 'r':
          if (typeof c.value === 'string') unusual('a cell with text followed by runs');
          runs ??= new RunReader();
          runs.open(name);
          return;
        case 'is':
          return;
        default:
          unusual(`<${name}> inside a cell`);
      }
    },
    text(t) {
      if (!cell) return;
      if (runs?.active) return runs.onText(t);
      if (current === 'f') cell.formula = (cell.formula ?? '') + t;
      else if ((current === 'v' || current === 't') && !Array.isArray(cell.value)) cell.value = (cell.value ?? '') + t;
    },
    close(name) {
      depth--;
      if (depth === 0) return true;
      if (depth === 1) {
        row = null;
        return true;
      }
      if (depth === 2) {
        row!.cells.push(cell!);
        cell = null;
        return true;
      }
      if (runs?.active) {
        if (runs.close(name)) cell!.value = [...(Array.isArray(cell!.value) ? cell!.value : []), ...runs.runs.splice(0)];
        return true;
      }
      current = null;
      return true;
    },
  };
}

export function readWorksheet(bytes: Uint8Array): SheetXml {
  const sheet: SheetXml = { rows: [], merges: [], hyperlinks: new Map() };
  let sheetDataSeen = false;
  walkXml(
    bytes,
    topLevel('worksheet', WORKSHEET_ELEMENTS, (name) => {
      switch (name) {
        case 'sheetData':
          if (sheetDataSeen) unusual('two <sheetData>');
          sheetDataSeen = true;
          return sheetData(sheet.rows);
        case 'mergeCells':
          return listOf('mergeCells', 'mergeCell', (a) => sheet.merges.push(a.ref));
        case 'hyperlinks':
          return listOf('hyperlinks', 'hyperlink', (a) => {
            if (a['r:id'] !== undefined) sheet.hyperlinks.set(a.ref, a['r:id']);
          });
        default:
          return null;
      }
    }),
  );
  return sheet;
}

export interface Context {
  sharedStrings: SharedString[] | null;
  styles: Styles | null;
  date1904: boolean;
}

const isRuns = (v: unknown): v is Runs => Array.isArray(v);

/** A serial number as ExcelJS turns it into a date (the same arithmetic, so the same millisecond). */
function excelDate(v: unknown, date1904: boolean): Date {
  return new Date(Math.round(((v as number) - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}

/** A shared string cell's value: its text, its runs' text, blank for an empty `<si/>`. */
function sharedText(ctx: Context, index: number): RawValue {
  if (!ctx.sharedStrings) return index; // no table: ExcelJS keeps the index
  const s = ctx.sharedStrings[index];
  if (s === undefined) unusual(`shared string ${index} does not exist`);
  return isRuns(s) ? joinRuns(s) : s;
}

function isDateStyle(ctx: Context, styleId: number | undefined): boolean {
  if (!styleId || !ctx.styles) return false;
  if (!ctx.styles.dates) unusual('a formatted cell without cell formats');
  return ctx.styles.dates[styleId] ?? false;
}

/** What ExcelJS makes of a cell: null for one it drops (no value, no format). */
function cellOf(x: CellXml, ctx: Context, sharedMasters: Map<string, string>, hyperlink: boolean): Cell | null {
  const date = isDateStyle(ctx, x.styleId);
  if (x.formula || x.shareType) {
    if (isRuns(x.value)) unusual('runs in a formula cell');
    let result: unknown;
    if (x.value) {
      if (x.type === 'str') result = decodeAgain(x.value);
      else if (x.type === 'b') result = parseInt(x.value, 10) !== 0;
      else if (x.type === 'e') result = { error: x.value };
      else result = parseFloat(x.value);
    }
    if (result !== undefined && date) result = excelDate(result, ctx.date1904);
    let sharedFrom: string | undefined;
    if (x.shareType === 'shared') {
      if (x.ref) sharedMasters.set(x.si!, x.address);
      else sharedFrom = sharedMasters.get(x.si!);
    }
    const value = (result ?? null) as RawValue;
    if (hyperlink) return { kind: 'value', value };
    return { kind: 'formula', address: x.address, formula: x.formula, sharedFrom, result: value };
  }
  if (x.value === undefined) {
    if (hyperlink) return { kind: 'value', value: null };
    return x.styleId ? { kind: 'blank' } : null;
  }
  if (isRuns(x.value) && x.type !== 'inlineStr') unusual('runs in a cell that is not an inline string');
  let value: RawValue;
  switch (x.type) {
    case 's':
      value = sharedText(ctx, parseInt(x.value as string, 10));
      break;
    case 'str':
      value = decodeAgain(x.value as string);
      break;
    case 'inlineStr':
      value = isRuns(x.value) ? joinRuns(x.value) : x.value;
      break;
    case 'b':
      value = parseInt(x.value as string, 10) !== 0;
      break;
    case 'e':
      value = { error: x.value as string };
      break;
    default:
      value = parseFloat(x.value as string);
      if (date) value = excelDate(value, ctx.date1904);
  }
  return { kind: 'value', value };
}

interface Range {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function decodeRange(ref: string | undefined): Range {
  if (ref === undefined) unusual('a merge without a range');
  const [a, b = a, extra] = ref.split(':');
  if (extra !== undefined) unusual(`merge "${ref}"`);
  const p = decodeAddress(a);
  const q = decodeAddress(b);
  return { top: Math.min(p.row, q.row), left: Math.min(p.column, q.column), bottom: Math.max(p.row, q.row), right: Math.max(p.column, q.column) };
}

const overlap = (a: Range, b: Range) => !(b.bottom < a.top || b.top > a.bottom || b.right < a.left || b.left > a.right);

/** A worksheet's grid: rows of cells placed, merges applied, shared formulas translated. */
export function gridOf(sheet: SheetXml, ctx: Context, links: Map<string, string> | undefined): GridCell[][] {
  const rows: (Cell | undefined)[][] = [];
  const masters = new Map<string, string>();
  const seenRows = new Set<number>();
  for (const row of sheet.rows) {
    if (!(row.number >= 1) || seenRows.has(row.number)) unusual(`row number "${row.number}"`);
    seenRows.add(row.number);
    if (row.styleId && !ctx.styles?.dates) unusual('a formatted row without cell formats');
    const placed: (Cell | undefined)[] = (rows[row.number - 1] = []);
    for (const x of row.cells) {
      const link = sheet.hyperlinks.get(x.address);
      if (link !== undefined && links?.get(link) === undefined) unusual('a hyperlink without its relationship');
      const cell = cellOf(x, ctx, masters, Boolean(link !== undefined && links!.get(link)));
      if (cell) placed[decodeAddress(x.address).column - 1] = cell;
    }
  }
  const merged: Range[] = [];
  for (const ref of sheet.merges) {
    const range = decodeRange(ref);
    if (merged.some((m) => overlap(m, range))) unusual('overlapping merges');
    merged.push(range);
    const masterRow = (rows[range.top - 1] ??= []);
    masterRow[range.left - 1] ??= { kind: 'blank' };
    for (let r = range.top; r <= range.bottom; r++) {
      const row = (rows[r - 1] ??= []);
      for (let c = range.left; c <= range.right; c++) if (r > range.top || c > range.left) row[c - 1] = { kind: 'merged' };
    }
  }
  const find = (address: string) => {
    const { row, column } = decodeAddress(address);
    return rows[row - 1]?.[column - 1];
  };
  const formulaOf = (cell: Extract<Cell, { kind: 'formula' }>): string | undefined => {
    if (cell.formula || !cell.sharedFrom) return cell.formula;
    const master = find(cell.sharedFrom);
    if (!master) return undefined;
    if (master.kind !== 'formula' || !master.formula) unusual('a shared formula whose master holds no formula');
    const { row, column } = decodeAddress(master.address);
    return shiftFormula(master.formula, `${lettersOf(column)}${row}`, cell.address);
  };
  const cells: GridCell[][] = [];
  rows.forEach((row, r) => {
    if (!row.some((c) => c && c.kind !== 'blank')) return;
    const out: GridCell[] = [];
    row.forEach((cell, c) => {
      if (!cell || cell.kind === 'blank' || cell.kind === 'merged') return;
      while (out.length < c) out.push(null);
      out[c] = cell.kind === 'formula' ? { formula: formulaOf(cell), value: cell.result } : { value: cell.value };
    });
    cells[r] = out;
  });
  for (let i = 0; i < cells.length; i++) cells[i] ??= [];
  return cells;
}
