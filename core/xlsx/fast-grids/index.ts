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
import type { GridSheet, WorkbookGrids } from '../../reader';
import { readRelationships, readSharedStrings, readStyles, readWorkbook } from './workbook-parts';
import { gridOf, readWorksheet, type Context } from './worksheet';
import { unusual, type XlsxParts } from './xml';

export { shiftFormula } from './formulas';
export { UnusualWorkbook, type XlsxParts } from './xml';

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
