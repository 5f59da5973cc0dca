/**
 * One `xl/worksheets/sheetN.xml` of a written workbook, from a core/layout `SheetModel`. The
 * elements follow the order ECMA-376 (§18.3.1.99, CT_Worksheet) prescribes: Excel refuses a
 * sheet whose elements are out of order.
 */
import type { CellModel, SheetModel } from '../../layout';
import { cellAddress, columnLetter, isDate, parseRange, rangeAddress, serialOfDate } from '../../spreadsheet';
import type { CellLook, StyleTable } from './styles';
import { safe } from '../../ooxml';
import { cellText } from './xml';

/** The shared strings of one workbook (`xl/sharedStrings.xml`). */
export class SharedStrings {
  private readonly index = new Map<string, number>();
  private count = 0;

  of(text: string): number {
    this.count++;
    let i = this.index.get(text);
    if (i === undefined) this.index.set(text, (i = this.index.size));
    return i;
  }

  xml(): string {
    let items = '';
    for (const text of this.index.keys()) items += `<si><t${/^\s|\s$/.test(text) ? ' xml:space="preserve"' : ''}>${cellText(text)}</t></si>`;
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${this.count}" uniqueCount="${this.index.size}">${items}</sst>`
    );
  }
}

/** Excel's limit on the characters of one cell. */
const MAX_CELL_TEXT = 32_767;

function clipped(text: string): string {
  if (text.length <= MAX_CELL_TEXT) return text;
  // Never split a surrogate pair.
  const end = /[\uD800-\uDBFF]/.test(text[MAX_CELL_TEXT - 1]) ? MAX_CELL_TEXT - 1 : MAX_CELL_TEXT;
  return text.slice(0, end);
}

const PAPER_SIZE = { A4: 9 } as const;

/** A number's cell type and `<v>`: a finite one as it is; anything else has no place in a cell but as `#NUM!`. */
const numberValue = (n: number) => (Number.isFinite(n) ? { t: '', v: String(n) } : { t: ' t="e"', v: '#NUM!' });

/** The attributes after `s` and the content of a cell: `t`, `<f>`, `<v>`. */
function content(cell: CellModel, strings: SharedStrings): string {
  if (cell.formula !== undefined) {
    const f = `<f>${safe(cell.formula)}</f>`;
    if (cell.result === undefined) return `>${f}</c>`;
    if (typeof cell.result === 'number') {
      const { t, v } = numberValue(cell.result);
      return `${t}>${f}<v>${v}</v></c>`;
    }
    return ` t="str">${f}<v>${cellText(clipped(cell.result))}</v></c>`;
  }
  const v = cell.value;
  if (v === undefined || v === null) return '/>';
  if (typeof v === 'number' || isDate(v)) {
    const n = numberValue(typeof v === 'number' ? v : serialOfDate(v));
    return `${n.t}><v>${n.v}</v></c>`;
  }
  if (typeof v === 'string') return ` t="s"><v>${strings.of(clipped(v))}</v></c>`;
  if (typeof v === 'boolean') return ` t="b"><v>${v ? 1 : 0}</v></c>`;
  return ` t="e"><v>${safe(v.error)}</v></c>`;
}

interface Slot {
  cell: CellModel | null;
  look: CellLook;
}

/** Every cell the sheet writes, row by row: the model's, those its merges cover, those left unlocked. */
function slots(sheet: SheetModel): Slot[][] {
  const rows: Slot[][] = [];
  const at = (r: number, c: number): Slot => {
    const row = (rows[r] ??= []);
    return (row[c] ??= { cell: null, look: { style: undefined, unlocked: false, date: false } });
  };
  sheet.cells.forEach((cells, r) =>
    cells.forEach((cell, c) => {
      if (!cell) return;
      const slot = at(r, c);
      slot.cell = cell;
      slot.look.style = cell.style;
      slot.look.date = cell.formula === undefined && isDate(cell.value);
    }),
  );
  // A merge shows its top-left cell: the others take its look and hold nothing.
  for (const m of sheet.merges) {
    const style = at(m.top - 1, m.left - 1).look.style;
    for (let r = m.top; r <= m.bottom; r++)
      for (let c = m.left; c <= m.right; c++) {
        if (r === m.top && c === m.left) continue;
        const slot = at(r - 1, c - 1);
        slot.cell = null;
        slot.look.style = style;
        slot.look.date = false;
      }
  }
  for (const range of sheet.unlocked) {
    const { top, left, bottom, right } = parseRange(range);
    for (let r = top; r <= bottom; r++) for (let c = left; c <= right; c++) at(r - 1, c - 1).look.unlocked = true;
  }
  return rows;
}

function columnsXml(widths: readonly number[]): string {
  let xml = '';
  for (let i = 0; i < widths.length; ) {
    let j = i;
    while (j + 1 < widths.length && widths[j + 1] === widths[i]) j++;
    if (widths[i] > 0) xml += `<col min="${i + 1}" max="${j + 1}" width="${widths[i]}" customWidth="1"/>`;
    i = j + 1;
  }
  return xml ? `<cols>${xml}</cols>` : '';
}

function viewXml(sheet: SheetModel, active: boolean): string {
  const { rows, columns } = sheet.frozen;
  const selected = active ? ' tabSelected="1"' : '';
  if (!rows && !columns) return `<sheetViews><sheetView${selected} workbookViewId="0"/></sheetViews>`;
  const pane = rows && columns ? 'bottomRight' : rows ? 'bottomLeft' : 'topRight';
  return (
    `<sheetViews><sheetView showGridLines="0"${selected} workbookViewId="0">` +
    `<pane${columns ? ` xSplit="${columns}"` : ''}${rows ? ` ySplit="${rows}"` : ''} topLeftCell="${cellAddress(rows + 1, columns + 1)}" activePane="${pane}" state="frozen"/>` +
    `<selection pane="${pane}"/></sheetView></sheetViews>`
  );
}

function validationsXml(sheet: SheetModel): string {
  if (!sheet.validations.length) return '';
  const items = sheet.validations.map(
    (v) =>
      `<dataValidation type="whole" operator="between" allowBlank="1" showInputMessage="1" showErrorMessage="1" errorStyle="stop"` +
      ` errorTitle="${safe(v.errorTitle)}" error="${safe(v.error)}" promptTitle="${safe(v.promptTitle)}" prompt="${safe(v.prompt)}" sqref="${safe(v.range)}">` +
      `<formula1>${v.min}</formula1><formula2>${v.max}</formula2></dataValidation>`,
  );
  return `<dataValidations count="${items.length}">${items.join('')}</dataValidations>`;
}

export function sheetXml(sheet: SheetModel, active: boolean, styles: StyleTable, strings: SharedStrings): string {
  const rows = slots(sheet);
  const heights = new Map(sheet.rowHeights.map(({ row, height }) => [row, height]));
  const lastRow = Math.max(rows.length, ...heights.keys());
  let lastColumn = 0;
  let data = '';
  for (let r = 1; r <= lastRow; r++) {
    const row = rows[r - 1] ?? [];
    const height = heights.get(r);
    if (!row.length && height === undefined) continue;
    data += `<row r="${r}"${height === undefined ? '' : ` ht="${height}" customHeight="1"`}>`;
    row.forEach((slot, c) => {
      if (!slot) return;
      lastColumn = Math.max(lastColumn, c + 1);
      const s = styles.indexOf(slot.look);
      const open = `<c r="${columnLetter(c + 1)}${r}"${s ? ` s="${s}"` : ''}`;
      data += slot.cell ? open + content(slot.cell, strings) : `${open}/>`;
    });
    data += '</row>';
  }
  const fit = sheet.print.fitToWidth;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    (fit ? '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' : '') +
    `<dimension ref="${lastColumn ? rangeAddress(1, 1, lastRow, lastColumn) : 'A1'}"/>` +
    viewXml(sheet, active) +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    columnsXml(sheet.columnWidths) +
    `<sheetData>${data}</sheetData>` +
    (sheet.protect ? '<sheetProtection sheet="1" formatColumns="0" formatRows="0"/>' : '') +
    (sheet.merges.length
      ? `<mergeCells count="${sheet.merges.length}">${sheet.merges.map((m) => `<mergeCell ref="${rangeAddress(m.top, m.left, m.bottom, m.right)}"/>`).join('')}</mergeCells>`
      : '') +
    validationsXml(sheet) +
    '<printOptions horizontalCentered="1"/>' +
    '<pageMargins left="0.4" right="0.4" top="0.5" bottom="0.5" header="0.3" footer="0.3"/>' +
    `<pageSetup paperSize="${PAPER_SIZE[sheet.print.paperSize]}" orientation="${sheet.print.orientation}"${fit ? ' fitToWidth="1" fitToHeight="0"' : ''}/>` +
    '</worksheet>'
  );
}
