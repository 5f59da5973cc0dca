/**
 * Renders a WorkbookModel (core/layout) as an .xlsx file with ExcelJS. Runs in Node and in the
 * browser: bytes in, bytes out, no file system.
 */
import ExcelJS from 'exceljs';
import { unzipSync, zipSync } from 'fflate';
import { BASE_FONT, CELL_STYLES, type CellModel, type CellStyle, type SheetModel, type WorkbookModel } from '../layout';

const argb = (rgb: string) => `FF${rgb}`;
const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: argb('808080') } };

/** ExcelJS style objects, built once per style name. */
const EXCEL_STYLES = Object.fromEntries(
  Object.entries(CELL_STYLES).map(([name, s]) => {
    const style: Partial<ExcelJS.Style> = {
      font: {
        name: BASE_FONT.name,
        size: s.size ?? BASE_FONT.size,
        bold: s.bold ?? false,
        italic: s.italic ?? false,
        ...(s.color ? { color: { argb: argb(s.color) } } : {}),
      },
      alignment: { horizontal: s.horizontal, vertical: s.vertical ?? 'middle', wrapText: s.wrap ?? false },
      ...(s.border ? { border: { top: THIN, left: THIN, bottom: THIN, right: THIN } } : {}),
      ...(s.fill ? { fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(s.fill) } } } : {}),
      ...(s.numberFormat ? { numFmt: s.numberFormat } : {}),
    };
    return [name, style];
  }),
) as Record<CellStyle, Partial<ExcelJS.Style>>;

const DEFAULT_STYLE: Partial<ExcelJS.Style> = { font: { name: BASE_FONT.name, size: BASE_FONT.size } };

function cellValue(cell: CellModel): ExcelJS.CellValue | undefined {
  if (cell.formula !== undefined) {
    return (cell.result === undefined ? { formula: cell.formula } : { formula: cell.formula, result: cell.result }) as ExcelJS.CellFormulaValue;
  }
  if (cell.value === undefined) return undefined;
  return cell.value as ExcelJS.CellValue;
}

/** Calls `fn(row, column)` for every cell of an A1 range such as `D10:W22` or `C6`. */
function forEachCell(ws: ExcelJS.Worksheet, range: string, fn: (cell: ExcelJS.Cell) => void): void {
  const [from, to = from] = range.split(':');
  const a = ws.getCell(from);
  const b = ws.getCell(to);
  const r0 = Number(a.row);
  const c0 = Number(a.col);
  const r1 = Number(b.row);
  const c1 = Number(b.col);
  for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) fn(ws.getCell(r, c));
}

async function addSheet(wb: ExcelJS.Workbook, sheet: SheetModel): Promise<void> {
  const { rows, columns } = sheet.frozen;
  const ws = wb.addWorksheet(sheet.name, {
    state: sheet.state,
    views: rows || columns ? [{ state: 'frozen', xSplit: columns, ySplit: rows, showGridLines: false }] : [],
    pageSetup: {
      orientation: sheet.print.orientation,
      paperSize: 9, // A4
      fitToPage: sheet.print.fitToWidth,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
      ...(sheet.print.titleRows ? { printTitlesRow: sheet.print.titleRows } : {}),
    },
  });
  sheet.columnWidths.forEach((width, i) => (ws.getColumn(i + 1).width = width));
  for (const { row, height } of sheet.rowHeights) ws.getRow(row).height = height;

  sheet.cells.forEach((cells, r) =>
    cells.forEach((cell, c) => {
      if (!cell) return;
      const target = ws.getCell(r + 1, c + 1);
      const value = cellValue(cell);
      if (value !== undefined) target.value = value;
      target.style = cell.style ? EXCEL_STYLES[cell.style] : DEFAULT_STYLE;
    }),
  );
  for (const m of sheet.merges) ws.mergeCells(m.top, m.left, m.bottom, m.right);

  for (const v of sheet.validations) {
    const validation: ExcelJS.DataValidation = {
      type: 'whole',
      operator: 'between',
      allowBlank: true,
      formulae: [v.min, v.max],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: v.errorTitle,
      error: v.error,
      showInputMessage: true,
      promptTitle: v.promptTitle,
      prompt: v.prompt,
    };
    // Set per cell (the typed API); ExcelJS writes equal neighbours back as one range.
    forEachCell(ws, v.range, (cell) => (cell.dataValidation = validation));
  }
  // Styles are shared objects: give unlocked cells their own copy before changing protection.
  for (const range of sheet.unlocked) forEachCell(ws, range, (cell) => (cell.style = { ...cell.style, protection: { locked: false } }));
  if (sheet.protect) {
    await ws.protect('', {
      selectLockedCells: true,
      selectUnlockedCells: true,
      formatColumns: true,
      formatRows: true,
    });
  }
}

export async function writeWorkbook(model: WorkbookModel): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.calcProperties.fullCalcOnLoad = true;
  for (const sheet of model.sheets) await addSheet(wb, sheet);
  const first = model.sheets.findIndex((s) => s.state === 'visible');
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: Math.max(first, 0), visibility: 'visible' }];
  // ExcelJS zips through JSZip, whose deflater (pako) is set up anew, 300 KB zeroed, for each of
  // a workbook's ~15 parts: that set-up was the largest cost of writing 408 feedback and national
  // workbooks. Stored by ExcelJS, then deflated by fflate, the same parts cost about a fifth less.
  const stored = (await wb.xlsx.writeBuffer({ zip: { compression: 'STORE' } } as ExcelJS.XlsxWriteOptions)) as ArrayBuffer;
  const bytes = new Uint8Array(stored);
  return zipSync(unzipSync(bytes), { level: 6 });
}
