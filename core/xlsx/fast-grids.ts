/**
 * The fast read path: the grids core/reader reads, made in one streaming pass (saxes, the XML
 * parser ExcelJS itself uses) over the parts the guard has already inflated, without building
 * ExcelJS's workbook model. Reading a report this way takes a fraction of ExcelJS's time and
 * memory; ExcelJS stays for writing.
 *
 * The grids are ExcelJS's to the cell (tests/workbook/fast-grids.test.ts compares both on the
 * corpora and on random workbooks): the same shared and inline strings, numbers turned into dates
 * by the same number formats, shared formulas translated the same way, the same cached results
 * (a formula without one stays detectable, rule L12), merged cells kept at their top-left cell,
 * hyperlinked cells read as their text, sheet names and visibility from the workbook. Where a
 * workbook is built unlike anything Excel or LibreOffice writes (rows or cells without an address,
 * unexpected elements inside a cell, overlapping merges, …) ExcelJS's answer depends on details
 * of its implementation, often an exception: such a workbook is declined with UnusualWorkbook and
 * the caller reads it with ExcelJS, so that it gets exactly ExcelJS's answer.
 */
import { SaxesParser } from 'saxes';
import type { GridCell, GridSheet, WorkbookGrids } from '../reader';
import { columnLetter, columnNumber, MAX_COLUMN } from '../spreadsheet';
import type { RawValue } from '../submission';

/** The workbook is built unlike Excel's and LibreOffice's files: read it with ExcelJS. */
export class UnusualWorkbook extends Error {}

function unusual(why: string): never {
  throw new UnusualWorkbook(why);
}

/** Inflated zip parts by name (core/xlsx/guard/ `inspectWorkbook`). */
export type XlsxParts = ReadonlyMap<string, Uint8Array>;

// ---------------------------------------------------------------------------------------------
// Streaming XML

type Attributes = Record<string, string>;

interface XmlHandler {
  open(name: string, attributes: Attributes): void;
  text(text: string): void;
  /** False once the part's root element has closed: the rest of the part is not read. */
  close(name: string): boolean;
}

/** The size in which ExcelJS feeds a part to saxes: an error past the root's end in a later one goes unseen. */
const CHUNK_CHARS = 16 * 1024;
const utf8 = new TextDecoder('utf-8');

/** Runs `handler` over a part; throws what saxes finds wrong (ExcelJS refuses the file then too). */
function walkXml(bytes: Uint8Array, handler: XmlHandler): void {
  const text = utf8.decode(bytes);
  const parser = new SaxesParser();
  let error: Error | null = null;
  let done = false;
  parser.on('error', (err) => {
    error ??= err;
  });
  parser.on('opentag', (node) => {
    if (!done) handler.open(node.name, node.attributes as Attributes);
  });
  parser.on('text', (t) => {
    if (!done) handler.text(t);
  });
  parser.on('closetag', (node) => {
    if (!done && !handler.close(node.name)) done = true;
  });
  for (let at = 0; at < text.length && !done; at += CHUNK_CHARS) {
    parser.write(text.substring(at, at + CHUNK_CHARS));
    if (error) throw error;
  }
  if (!done) unusual('a part whose root element never closes');
}

/**
 * Follows a part's top-level structure as ExcelJS's parsers do: an element of `known` is read by
 * `inner` up to its own end (its descendants included); elements not in `known` are looked into.
 */
function topLevel(root: string, known: ReadonlySet<string>, inner: (name: string) => XmlHandler | null, onRootClose: () => void = () => undefined): XmlHandler {
  let current: XmlHandler | null = null;
  let currentName = '';
  let depth = 0;
  let skipping = 0;
  let rootSeen = false;
  return {
    open(name, attributes) {
      if (current || skipping) {
        depth++;
        if (current) current.open(name, attributes);
        return;
      }
      if (!rootSeen) {
        if (name !== root) unusual(`a part whose root is <${name}>, not <${root}>`);
        rootSeen = true;
        return;
      }
      if (!known.has(name)) return;
      depth = 1;
      current = inner(name);
      currentName = name;
      if (current) current.open(name, attributes);
      else skipping = 1;
    },
    text(text) {
      current?.text(text);
    },
    close(name) {
      if (current || skipping) {
        if (--depth > 0) {
          current?.close(name);
          return true;
        }
        if (name !== currentName) unusual(`<${currentName}> closed by </${name}>`);
        current?.close(name);
        current = null;
        skipping = 0;
        return true;
      }
      if (name === root) {
        onRootClose();
        return false;
      }
      return true;
    },
  };
}

/** A part that is a flat list of `item` elements under `list`; anything else there is unusual. */
function listOf(list: string, item: string, onItem: (attributes: Attributes) => void): XmlHandler {
  let depth = 0;
  return {
    open(name, attributes) {
      depth++;
      if (depth === 1) return;
      if (depth !== 2 || name !== item) unusual(`<${name}> inside <${list}>`);
      onItem(attributes);
    },
    text() {},
    close() {
      depth--;
      return true;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Texts: ExcelJS decodes entities in some places a second time, and `_xHHHH_` escapes in others

/** ExcelJS's second pass over already decoded text (`t="str"` values and sheet names). */
function decodeAgain(text: string): string {
  return text.replace(/&([a-z]*);/g, (all) => XML_ENTITIES[all] ?? all);
}
const XML_ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&apos;': "'", '&quot;': '"' };

/** `_x000D_` and the like in shared strings and rich-text runs. */
function decodeEscapes(text: string): string {
  return text.replace(/_x([0-9A-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** A run of rich text: its text, undefined when it has no `<t>`. */
type Runs = (string | undefined)[];
const joinRuns = (runs: Runs) => runs.join('');

/**
 * Reads `<r>` runs: each run's `<t>` (with `_x…_` escapes decoded); formatting (`<rPr>`) is
 * skipped. `open`/`close` return false for what is not theirs.
 */
class RunReader {
  runs: Runs = [];
  private inRun = false;
  private inText = false;
  private text: string[] = [];
  private runText: string | undefined;

  get active(): boolean {
    return this.inRun;
  }

  open(name: string): void {
    if (!this.inRun) {
      this.inRun = true;
      this.runText = undefined;
    } else if (name === 't') {
      this.inText = true;
      this.text = [];
    }
  }

  onText(text: string): void {
    if (this.inText) this.text.push(text);
  }

  /** True when the run ended with this tag. */
  close(name: string): boolean {
    if (name === 'r') {
      this.runs.push(this.runText);
      this.inRun = false;
      return true;
    }
    if (name === 't' && this.inText) {
      this.runText = decodeEscapes(this.text.join(''));
      this.inText = false;
    }
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Shared strings

/** A shared string as ExcelJS gives it: text, rich runs, or an empty `<si/>` (read as blank). */
type SharedString = string | Runs | null;

function readSharedStrings(bytes: Uint8Array): SharedString[] {
  const strings: SharedString[] = [];
  let item: SharedString = null;
  let inItem = false;
  let depth = 0;
  // What is open directly under <si>: a <t>, a run, or a phonetic run (read and dropped).
  let child: 't' | 'r' | 'rPh' | 'other' | null = null;
  let text: string[] = [];
  let runs: RunReader | null = null;
  let rootSeen = false;
  walkXml(bytes, {
    open(name) {
      if (!rootSeen) {
        if (name !== 'sst') unusual(`a shared string table whose root is <${name}>`);
        rootSeen = true;
        return;
      }
      if (!inItem) {
        if (name !== 'si') unusual(`<${name}> in the shared string table`);
        inItem = true;
        item = null;
        depth = 0;
        return;
      }
      depth++;
      if (depth === 1) {
        if (name === 't') {
          child = 't';
          text = [];
        } else if (name === 'r') {
          child = 'r';
          runs = new RunReader();
          runs.open(name);
        } else child = name === 'rPh' ? 'rPh' : 'other';
        return;
      }
      if (child === 'r') runs!.open(name);
      // ExcelJS looks into unknown elements of a shared string (a <t> there would count): not read here.
      else if (child === 'other') unusual(`<${name}> nested in a shared string`);
    },
    text(t) {
      if (child === 't' && depth === 1) text.push(t);
      else if (child === 'r') runs!.onText(t);
    },
    close(name) {
      if (!inItem) {
        if (name !== 'sst') unusual(`</${name}> in the shared string table`);
        return false;
      }
      if (depth === 0) {
        strings.push(item ?? null);
        inItem = false;
        return true;
      }
      if (child === 'r') runs!.close(name);
      if (--depth > 0) return true;
      if (child === 't') item = decodeEscapes(text.join(''));
      else if (child === 'r') {
        // After a plain <t>, ExcelJS cannot add a run (it throws); after runs, a <t> replaces them.
        if (typeof item === 'string') unusual('a shared string with text followed by runs');
        item = [...(item ?? []), ...runs!.runs];
      }
      child = null;
      return true;
    },
  });
  return strings;
}

// ---------------------------------------------------------------------------------------------
// Styles: which cell formats are dates

/** ExcelJS's built-in formats that it takes for dates (its defaultnumformats table). */
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** ExcelJS's test: a y, m, d, h, s or b outside quotes and brackets. */
export function isDateFormat(code: string): boolean {
  return /[ymdhMsb]+/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

interface Styles {
  /** Per cell format (`cellXfs`), whether a number in it is a date; null when the list is absent. */
  dates: boolean[] | null;
}

function readStyles(bytes: Uint8Array): Styles {
  const custom = new Map<number, string>();
  const formatIds: number[] = [];
  let sawXfs = false;
  walkXml(
    bytes,
    topLevel('styleSheet', new Set(['numFmts', 'cellXfs']), (name) =>
      name === 'numFmts'
        ? listOf('numFmts', 'numFmt', (a) => {
            if (a.formatCode === undefined) unusual('a number format without a code');
            custom.set(parseInt(a.numFmtId, 10), a.formatCode.replace(/[\\](.)/g, '$1'));
          })
        : cellFormats(formatIds, () => (sawXfs = true)),
    ),
  );
  const isDate = (id: number) => {
    if (!id) return false;
    const code = custom.get(id);
    return code ? isDateFormat(code) : BUILT_IN_DATE_FORMATS.has(id);
  };
  return { dates: sawXfs && formatIds.length > 0 ? formatIds.map(isDate) : null };
}

/** `<cellXfs>`: the number format of each `<xf>`, in order; what is inside an `<xf>` is skipped. */
function cellFormats(formatIds: number[], seen: () => void): XmlHandler {
  let depth = 0;
  return {
    open(name, attributes) {
      depth++;
      if (depth === 1) return seen();
      if (depth === 2) {
        if (name !== 'xf') unusual(`<${name}> inside <cellXfs>`);
        formatIds.push(parseInt(attributes.numFmtId, 10));
      }
    },
    text() {},
    close() {
      depth--;
      return true;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Workbook and relationships

interface SheetEntry {
  name: string;
  id: number;
  state: string | undefined;
  rId: string | undefined;
}

function readWorkbook(bytes: Uint8Array): { sheets: SheetEntry[]; date1904: boolean } {
  const sheets: SheetEntry[] = [];
  let date1904 = false;
  walkXml(
    bytes,
    topLevel('workbook', new Set(['fileVersion', 'workbookPr', 'bookViews', 'sheets', 'definedNames', 'calcPr']), (name) => {
      if (name === 'workbookPr') {
        return {
          open: (element, a) => {
            if (element === 'workbookPr') date1904 = a.date1904 === '1';
          },
          text() {},
          close: () => true,
        };
      }
      if (name !== 'sheets') return null;
      return listOf('sheets', 'sheet', (a) => {
        if (a.name === undefined) unusual('a sheet without a name');
        sheets.push({ name: decodeAgain(a.name), id: parseInt(a.sheetId, 10), state: a.state, rId: a['r:id'] });
      });
    }),
  );
  return { sheets, date1904 };
}

/** Relationship id → target. */
function readRelationships(bytes: Uint8Array): Map<string, string> {
  const targets = new Map<string, string>();
  let rootSeen = false;
  let depth = 0;
  walkXml(bytes, {
    open(name, a) {
      if (!rootSeen) {
        if (name !== 'Relationships') unusual(`relationships whose root is <${name}>`);
        rootSeen = true;
        return;
      }
      if (++depth > 1 || name !== 'Relationship') unusual(`<${name}> among relationships`);
      if (a.Id === undefined || a.Target === undefined) unusual('a relationship without its id or target');
      targets.set(a.Id, a.Target);
    },
    text() {},
    close() {
      return depth-- > 0;
    },
  });
  return targets;
}

// ---------------------------------------------------------------------------------------------
// Addresses and shared formulas

function lettersOf(column: number): string {
  if (column < 1 || column > MAX_COLUMN) unusual(`column ${column} out of bounds`);
  return columnLetter(column);
}

const ADDRESS = /^([A-Z]{1,3})([1-9][0-9]*)$/;

function decodeAddress(address: string): { row: number; column: number } {
  const m = ADDRESS.exec(address);
  const column = m ? columnNumber(m[1]) : 0;
  if (!m || column > MAX_COLUMN) unusual(`cell address "${address}"`);
  return { row: Number(m[2]), column };
}

/** Candidate references in a formula (with an optional sheet prefix), and a whole one. */
const FORMULA_TOKEN = /(([a-z_\-0-9]*)!)?([a-z0-9_$]{2,})([(])?/gi;
const REFERENCE = /^([$])?([a-z]+)([$])?([1-9][0-9]*)$/i;

/**
 * The formula of a shared-formula cell: its master's, with the relative references moved by the
 * distance from the master (absolute parts, function names and names beyond column XFD stay).
 */
export function shiftFormula(formula: string, from: string, to: string): string {
  const a = decodeAddress(from);
  const b = decodeAddress(to);
  return formula.replace(FORMULA_TOKEN, (token, sheet: string | undefined, _name, ref: string, paren: string | undefined) => {
    if (paren) return token;
    const m = REFERENCE.exec(ref);
    if (!m) return token;
    const letters = m[2].toUpperCase();
    if (letters.length > 3 || (letters.length === 3 && letters > 'XFD')) return token;
    const column = m[1] ? columnNumber(letters) : columnNumber(letters) + b.column - a.column;
    const row = m[3] ? Number(m[4]) : Number(m[4]) + b.row - a.row;
    return `${sheet ?? ''}${m[1] ?? ''}${lettersOf(column)}${m[3] ?? ''}${row}`;
  });
}

// ---------------------------------------------------------------------------------------------
// Worksheets

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

function readWorksheet(bytes: Uint8Array): SheetXml {
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

interface Context {
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
function gridOf(sheet: SheetXml, ctx: Context, links: Map<string, string> | undefined): GridCell[][] {
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

// ---------------------------------------------------------------------------------------------

/** ExcelJS's patterns for the parts it reads as worksheets and as their relationships. */
const WORKSHEET_PART = /xl\/worksheets\/sheet(\d+)[.]xml/;
const WORKSHEET_RELS_PART = /xl\/worksheets\/_rels\/sheet(\d+)[.]xml.rels/;

/** The parts the fast path reads (the guard keeps these inflated, and no others). */
export function isGridPart(name: string): boolean {
  return ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/styles.xml'].includes(name) || WORKSHEET_PART.test(name) || WORKSHEET_RELS_PART.test(name);
}

/** Sheet names ExcelJS refuses (it throws while loading). */
function checkSheetName(name: string, taken: Set<string>): void {
  const bad = name === '' || name === 'History' || /[*?:/\\[\]]/.test(name) || /(^')|('$)/.test(name) || name.length > 31 || taken.has(name.toLowerCase());
  if (bad) unusual(`sheet name "${name}"`);
  taken.add(name.toLowerCase());
}

/**
 * The grids of a workbook from its inflated parts. Throws what a damaged part gives (as ExcelJS
 * would), and UnusualWorkbook for a workbook to be read with ExcelJS instead.
 */
export function gridsFromParts(parts: XlsxParts): WorkbookGrids {
  const part = (name: string) => parts.get(name);
  const workbook = part('xl/workbook.xml');
  if (!workbook) unusual('no xl/workbook.xml');
  const { sheets, date1904 } = readWorkbook(workbook);
  const rels = part('xl/_rels/workbook.xml.rels');
  const workbookRels = rels ? readRelationships(rels) : new Map<string, string>();
  const strings = part('xl/sharedStrings.xml');
  const styles = part('xl/styles.xml');
  const ctx: Context = { sharedStrings: strings ? readSharedStrings(strings) : null, styles: styles ? readStyles(styles) : null, date1904 };

  const sheetRels = new Map<string, Uint8Array>();
  const worksheets = new Map<string, Uint8Array>();
  for (const [name, bytes] of parts) {
    const rel = WORKSHEET_RELS_PART.exec(name);
    if (rel) sheetRels.set(rel[1], bytes);
    else if (WORKSHEET_PART.test(name)) worksheets.set(name, bytes);
  }
  const out: GridSheet[] = [];
  const taken = new Set<string>();
  const ids = new Set<number>();
  const used = new Set<string>();
  for (const entry of sheets) {
    const target = entry.rId === undefined ? undefined : workbookRels.get(entry.rId);
    if (target === undefined) continue;
    const name = `xl/${target.replace(/^(\s|\/xl\/)+/, '')}`;
    const bytes = worksheets.get(name);
    if (!bytes) continue; // a chart sheet, or a sheet whose part is missing: ExcelJS skips it too
    if (!(entry.id >= 1) || ids.has(entry.id) || used.has(name)) unusual(`sheet "${entry.name}" listed twice or without an id`);
    ids.add(entry.id);
    used.add(name);
    checkSheetName(entry.name, taken);
    const relsBytes = sheetRels.get(WORKSHEET_PART.exec(name)![1]);
    const sheet = readWorksheet(bytes);
    const links = sheet.hyperlinks.size > 0 && relsBytes ? readRelationships(relsBytes) : undefined;
    out.push({ name: entry.name, state: (entry.state || 'visible') as GridSheet['state'], cells: gridOf(sheet, ctx, links) });
  }
  return { sheets: out };
}
