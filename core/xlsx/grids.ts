/**
 * Turns an .xlsx file into plain grids for core/reader with ExcelJS (Node and browser). Formula
 * cells keep their formula and the cached result the file carries; merged cells appear once,
 * at their top-left cell, so nothing is read twice.
 */
import ExcelJS from 'exceljs';
import type { GridCell, GridSheet, WorkbookGrids } from '../reader';
import type { RawValue } from '../submission';

function richText(value: ExcelJS.CellRichTextValue): string {
  return value.richText.map((run) => run.text).join('');
}

/** A value or a formula result as a RawValue: rich text and hyperlinks read as their text. */
function plainValue(value: unknown): RawValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value !== 'object') return String(value);
  const v = value as Record<string, unknown>;
  if (typeof v.error === 'string') return { error: v.error };
  if (Array.isArray(v.richText)) return richText(value as ExcelJS.CellRichTextValue);
  if ('hyperlink' in v) return plainValue(v.text);
  if ('formula' in v || 'sharedFormula' in v) return plainValue(v.result);
  return null;
}

function gridCell(cell: ExcelJS.Cell): GridCell {
  switch (cell.type) {
    case ExcelJS.ValueType.Merge:
    case ExcelJS.ValueType.Null:
      return null;
    case ExcelJS.ValueType.Formula:
      return { formula: cell.formula, value: plainValue(cell.result) };
    default:
      return { value: plainValue(cell.value) };
  }
}

function gridSheet(ws: ExcelJS.Worksheet): GridSheet {
  const cells: GridCell[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    const out: GridCell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const g = gridCell(cell);
      if (g === null) return;
      while (out.length < c - 1) out.push(null);
      out[c - 1] = g;
    });
    cells[r - 1] = out;
  });
  for (let i = 0; i < cells.length; i++) cells[i] ??= [];
  return { name: ws.name, state: ws.state, cells };
}

/** Throws on bytes that are not an .xlsx workbook; readWorkbookFile turns that into an issue. */
export async function gridsFromXlsx(data: Uint8Array | ArrayBuffer): Promise<WorkbookGrids> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as ArrayBuffer);
  return { sheets: wb.worksheets.map(gridSheet) };
}
