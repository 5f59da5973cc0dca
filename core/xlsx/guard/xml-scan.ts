/** XML parts scanned as they inflate: a DTD anywhere, and a worksheet's rows, columns and cells against the limits. */
import { enNumber, viNumber } from '../../format';
import { cellAddress, columnNumber } from '../../spreadsheet';
import { xmlText } from '../../xml-text';
import { KB, MB, refuse, type WorkbookLimits } from './limits';
import { readEntry, type Entry } from './zip';


/** Excel never writes a DTD; one in a part is there to make a parser fetch or expand something. */
const DTD = /<!(DOCTYPE|ENTITY)/i;
const SHEET_TAG = /<(?:[A-Za-z_][\w.-]*:)?(row|c)(?=[\s/>])([^>]*)>/g;
const ROW_REF = /(?:^|\s)r\s*=\s*["'](\d+)["']/;
const CELL_REF = /(?:^|\s)r\s*=\s*["']\$?([A-Za-z]{1,3})\$?(\d+)["']/;
/** An unfinished tag longer than this is not something the scan needs to see. */
const MAX_CARRY = 64 * KB;

export interface CellCount {
  cells: number;
}

/** Decodes an XML part chunk by chunk, keeping any tag cut between chunks for the next one. */
export class XmlScan {
  private readonly decoder = new TextDecoder('utf-8');
  private carry = '';
  private row = 0;
  private column = 0;

  constructor(
    private readonly entry: string,
    /** Worksheets are counted; other parts are only checked for a DTD. */
    private readonly sheet: { name: string; cells: CellCount } | null,
    private readonly limits: WorkbookLimits,
  ) {}

  feed(chunk: Uint8Array, last = false): void {
    let text = this.carry + this.decoder.decode(chunk, { stream: !last });
    const open = text.lastIndexOf('<');
    this.carry = '';
    if (!last && open >= 0 && text.indexOf('>', open) < 0) {
      if (text.length - open <= MAX_CARRY) this.carry = text.slice(open);
      text = text.slice(0, open);
    }
    if (DTD.test(text)) {
      refuse(
        'L15',
        `phần "${this.entry}" chứa khai báo DTD/thực thể XML (<!DOCTYPE, <!ENTITY), điều mà Excel không bao giờ ghi; tệp bị từ chối để không nạp nội dung ngoài tệp`,
        `part "${this.entry}" holds an XML DTD or entity declaration (<!DOCTYPE, <!ENTITY), which Excel never writes; refused so that nothing outside the file is loaded`,
        { sheet: this.sheet?.name ?? null },
      );
    }
    if (this.sheet) this.count(text, this.sheet);
  }

  private count(text: string, sheet: { name: string; cells: CellCount }): void {
    const L = this.limits;
    const checkRow = (column: number) => {
      if (this.row <= L.maxRows) return;
      refuse(
        'L14',
        `trang "${sheet.name}" có dữ liệu hoặc định dạng đến hàng ${viNumber(this.row)}, vượt giới hạn ${viNumber(L.maxRows)} hàng của một biểu mẫu; hãy xóa các hàng thừa (chọn từ hàng ${viNumber(L.maxRows + 1)} đến cuối, Xóa hàng) rồi lưu lại`,
        `sheet "${sheet.name}" has data or formatting down to row ${enNumber(this.row)}, beyond the ${enNumber(L.maxRows)} rows a form can hold; delete the extra rows and save again`,
        { sheet: sheet.name, row: this.row, column },
      );
    };
    for (const m of text.matchAll(SHEET_TAG)) {
      if (m[1] === 'row') {
        const r = ROW_REF.exec(m[2]);
        this.row = r ? Number(r[1]) : this.row + 1;
        this.column = 0;
        checkRow(1);
        continue;
      }
      const c = CELL_REF.exec(m[2]);
      this.column = c ? columnNumber(c[1]) : this.column + 1;
      // A cell's own address counts too: a parser places it there whatever its row says.
      if (c) this.row = Math.max(this.row, Number(c[2]));
      checkRow(this.column);
      if (this.column > L.maxColumns) {
        refuse(
          'L14',
          `trang "${sheet.name}" có ô ${cellAddress(this.row, this.column)}, vượt giới hạn ${viNumber(L.maxColumns)} cột; hãy xóa các cột thừa rồi lưu lại`,
          `sheet "${sheet.name}" has cell ${cellAddress(this.row, this.column)}, beyond the ${enNumber(L.maxColumns)}-column limit; delete the extra columns and save again`,
          { sheet: sheet.name, row: this.row, column: this.column },
        );
      }
      if (++sheet.cells.cells > L.maxCells) {
        refuse(
          'L14',
          `sổ làm việc có hơn ${viNumber(L.maxCells)} ô (vượt quá ở trang "${sheet.name}"), quá nhiều cho một báo cáo; hãy xóa các trang tính và vùng dữ liệu không thuộc biểu mẫu`,
          `the workbook has more than ${enNumber(L.maxCells)} cells (passed on sheet "${sheet.name}"), too many for a report; delete sheets and ranges that are not part of the form`,
          { sheet: sheet.name },
        );
      }
    }
  }
}

/** A small part (the sheet list) as text; empty when absent or too big to be genuine. */
function smallText(bytes: Uint8Array, view: DataView, entry: Entry | undefined): string {
  if (!entry || entry.size > 1 * MB) return '';
  return new TextDecoder('utf-8').decode(readEntry(bytes, view, entry, null, () => undefined));
}

function attribute(attrs: string, name: string): string | null {
  const m = new RegExp(`(?:^|\\s)(?:[\\w.-]+:)?${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attrs);
  return m ? xmlText(m[1] ?? m[2]) : null;
}

/** Worksheet part path → sheet name, from `xl/workbook.xml` and its relationships. */
export function sheetNames(bytes: Uint8Array, view: DataView, entries: Entry[]): Map<string, string> {
  const find = (name: string) => entries.find((e) => e.name === name);
  const workbook = smallText(bytes, view, find('xl/workbook.xml'));
  const rels = smallText(bytes, view, find('xl/_rels/workbook.xml.rels'));
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<(?:[\w.-]+:)?Relationship\b([^>]*)>/g)) {
    const id = attribute(m[1], 'Id');
    const target = attribute(m[1], 'Target');
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const names = new Map<string, string>();
  for (const m of workbook.matchAll(/<(?:[\w.-]+:)?sheet\b([^>]*)>/g)) {
    const name = attribute(m[1], 'name');
    const part = targets.get(attribute(m[1], 'id') ?? '');
    if (name && part) names.set(part, name.normalize('NFC'));
  }
  return names;
}

/*
 * ExcelJS 4.4 (lib/xlsx/xlsx.js, `load`) picks the parts it parses by unanchored patterns, so
 * "z/xl/worksheets/sheet9.xml" or "xl/worksheets/sheet1.xml_" is parsed as a worksheet too, and
 * every part but media is read as text and, when some pattern matches, parsed as XML.
 */
const EXCELJS_WORKSHEET = /xl\/worksheets\/sheet(\d+)[.]xml/;
const EXCELJS_MEDIA = /xl\/media\//;

/** Rows and cells are counted in the standard worksheet parts and in all ExcelJS parses as one. */
export const isWorksheet = (name: string) => /^xl\/worksheets\/[^/]+\.xml$/i.test(name) || EXCELJS_WORKSHEET.test(name);
/** Every part but binary media (which ExcelJS never parses; an SVG may hold a DTD) is checked for a DTD. */
export const isScanned = (name: string) => isWorksheet(name) || !EXCELJS_MEDIA.test(name);
