/** The fast read path's small parts: shared strings, the styles that make a number a date, the
 * workbook's sheet list and the relationships. */
import { RunReader, decodeAgain, decodeEscapes, listOf, topLevel, unusual, walkXml, type Runs, type XmlHandler } from './xml';

// Shared strings

/** A shared string as ExcelJS gives it: text, rich runs, or an empty `<si/>` (read as blank). */
export type SharedString = string | Runs | null;

export function readSharedStrings(bytes: Uint8Array): SharedString[] {
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

export interface Styles {
  /** Per cell format (`cellXfs`), whether a number in it is a date; null when the list is absent. */
  dates: boolean[] | null;
}

export function readStyles(bytes: Uint8Array): Styles {
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

export function readWorkbook(bytes: Uint8Array): { sheets: SheetEntry[]; date1904: boolean } {
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
export function readRelationships(bytes: Uint8Array): Map<string, string> {
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
