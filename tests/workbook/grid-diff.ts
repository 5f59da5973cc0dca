/**
 * Comparing the fast path's grids with ExcelJS's (tests/workbook/fast-grids.test.ts): both are
 * rendered to one text, cell by cell, so that a difference is shown with its sheet and cell.
 */
import type { GridCell, WorkbookGrids } from '../../core/reader';
import { cellAddress } from '../../core/spreadsheet';
import { gridsFromParts, gridsFromXlsx, inspectWorkbook, UnusualWorkbook } from '../../core/xlsx';
import { isGridPart } from '../../core/xlsx/fast-grids';

const isDate = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]';

/** A value as text that keeps its type: `n:`, `s:`, `b:`, `d:` (ms since 1970), `e:`, `null`. */
function valueText(v: unknown): string {
  if (v === null || v === undefined) return String(v);
  if (typeof v === 'number') return `n:${Object.is(v, -0) ? '-0' : String(v)}`;
  if (typeof v === 'string') return `s:${JSON.stringify(v)}`;
  if (typeof v === 'boolean') return `b:${v}`;
  if (isDate(v)) return `d:${v.getTime()}`;
  return `o:${JSON.stringify(v)}`;
}

function cellText(c: GridCell): string {
  if (c === null) return 'null';
  const formula = c.formula === undefined ? '' : ` f:${JSON.stringify(c.formula)}`;
  return `${valueText(c.value)}${formula}${Object.keys(c).some((k) => k !== 'value' && k !== 'formula') ? ' +extra' : ''}`;
}

/** Every sheet (name, state, row count, each row's length) and every cell, one line each. */
export function gridLines(grids: WorkbookGrids): string[] {
  const lines: string[] = [];
  for (const sheet of grids.sheets) {
    lines.push(`sheet ${JSON.stringify(sheet.name)} ${sheet.state} rows=${sheet.cells.length}`);
    sheet.cells.forEach((row, r) => {
      lines.push(`  row ${r + 1} length=${row.length}`);
      for (let c = 0; c < row.length; c++) if (row[c] !== null || !(c in row)) lines.push(`  ${sheet.name}!${cellAddress(r + 1, c + 1)} ${c in row ? cellText(row[c]) : 'hole'}`);
    });
  }
  return lines;
}

export type Comparison =
  | { outcome: 'same'; lines: number }
  | { outcome: 'declined'; why: string; exceljs: 'read' | 'threw' }
  | { outcome: 'both-threw' }
  | { outcome: 'different'; detail: string };

/** The fast path against ExcelJS on one file's bytes (after the guard, as the reader does). */
export async function compareReads(bytes: Uint8Array): Promise<Comparison | null> {
  const inspected = inspectWorkbook(bytes, isGridPart);
  if (inspected.refusal) return null;
  let slow: WorkbookGrids | null = null;
  let slowError: unknown = null;
  try {
    slow = await gridsFromXlsx(bytes);
  } catch (err) {
    slowError = err;
  }
  let fast: WorkbookGrids;
  try {
    fast = gridsFromParts(inspected.parts);
  } catch (err) {
    if (err instanceof UnusualWorkbook) return { outcome: 'declined', why: err.message, exceljs: slow ? 'read' : 'threw' };
    if (slowError) return { outcome: 'both-threw' };
    return { outcome: 'different', detail: `the fast path threw (${String(err)}) where ExcelJS read the file` };
  }
  if (!slow) return { outcome: 'different', detail: `ExcelJS threw (${String(slowError)}) where the fast path read the file` };
  const a = gridLines(slow);
  const b = gridLines(fast);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return { outcome: 'different', detail: `ExcelJS: ${a[i] ?? '(end)'}\nfast:    ${b[i] ?? '(end)'}` };
  }
  return { outcome: 'same', lines: a.length };
}

/**
 * The files whose reads differ, or that the fast path declines although ExcelJS reads them (they
 * would be read correctly, but slowly), each with why; and how many were read the same.
 */
export async function differences(files: readonly { name: string; bytes: Uint8Array }[]): Promise<{ problems: string[]; same: number }> {
  const problems: string[] = [];
  let same = 0;
  for (const { name, bytes } of files) {
    const c = await compareReads(bytes);
    if (c?.outcome === 'same') same++;
    else if (c?.outcome === 'different') problems.push(`${name}: ${c.detail}`);
    else if (c?.outcome === 'declined' && c.exceljs === 'read') problems.push(`${name}: declined (${c.why}) although ExcelJS reads it`);
  }
  return { problems, same };
}
