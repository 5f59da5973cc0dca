/**
 * Checks a workbook's bytes before ExcelJS parses it whole. ExcelJS (through JSZip) inflates every
 * part of the zip into memory, trusting the sizes the file declares, so a 200 KB zip bomb or a
 * sheet of a million rows would cost gigabytes before any rule could speak. Here the zip's central
 * directory is read by hand, then every part is inflated into a buffer of the size it declares
 * (never further: core/xlsx/inflate.ts), while worksheets are scanned for their rows, columns and
 * cells and every XML part for a DTD. Pure and synchronous (DataView, TextDecoder): the add-in's
 * import runs it in the task pane too.
 */
import type { Text } from '../forms';
import { viNumber } from '../format';
import { severityOf } from '../rule-catalogue';
import type { Issue } from '../submission';
import { cellAddress, columnNumber } from '../spreadsheet';
import { InflateError, InflateOverflow, inflateRaw } from './inflate';

const KB = 1024;
const MB = 1024 * KB;

/**
 * What a report workbook can hold, with room to spare: a province's form has ~10–40 rows
 * (the nation's 34), 23 columns, and the whole file is 10–60 KB (docs/HARDENING.md).
 */
export const WORKBOOK_LIMITS = {
  /** The file as sent. */
  maxFileBytes: 20 * MB,
  /** Parts in the zip (a report has ~15; images, printer settings and such add a few). */
  maxEntries: 1000,
  /** One part, inflated (a 5,000-row sheet is ~5 MB). */
  maxEntryBytes: 32 * MB,
  /** All parts, inflated. */
  maxTotalBytes: 64 * MB,
  /** Inflated / compressed size of a part of `ratioFloorBytes` or more; sheet XML stays under 30. */
  maxRatio: 100,
  ratioFloorBytes: 4 * MB,
  /** Rows of any sheet (row number of its last row). */
  maxRows: 5000,
  /** Columns of any sheet (`ALL`). */
  maxColumns: 1000,
  /** Cells of the whole workbook. */
  maxCells: 250_000,
};

export type WorkbookLimits = typeof WORKBOOK_LIMITS;

/**
 * Why a file is refused before parsing: `L00` not an .xlsx workbook or damaged, `L14` beyond
 * what a report form can hold, `L15` built to harm (sizes that lie, DTDs and entities).
 */
export interface GuardRefusal {
  rule: 'L00' | 'L14' | 'L15';
  /** Without the file's name, which the caller adds. */
  reason: Text;
  sheet: string | null;
  row: number | null;
  column: number | null;
}

const fmt = viNumber;
const fmtEn = (n: number) => n.toLocaleString('en-US');
const mb = (bytes: number) => `${(bytes / MB).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;
const mbEn = (bytes: number) => `${(bytes / MB).toLocaleString('en-US', { maximumFractionDigits: 1 })} MB`;

function refusal(rule: GuardRefusal['rule'], vi: string, en: string, where: Partial<Pick<GuardRefusal, 'sheet' | 'row' | 'column'>> = {}): GuardRefusal {
  return { rule, reason: { vi, en }, sheet: where.sheet ?? null, row: where.row ?? null, column: where.column ?? null };
}

/** Thrown inside the guard and returned as its answer; never leaves this module. */
class Refused extends Error {
  constructor(readonly refusal: GuardRefusal) {
    super(refusal.reason.en);
  }
}

function refuse(...args: Parameters<typeof refusal>): never {
  throw new Refused(refusal(...args));
}

// ---------------------------------------------------------------------------------------------
// What the bytes are, when they are not a zip

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** OLE2 compound file: an Excel 97–2003 .xls, or an .xlsx encrypted with a password. */
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

function utf16le(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) out[i * 2] = text.charCodeAt(i);
  return out;
}

function indexOfBytes(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** Office encrypts an .xlsx into a compound file holding these streams. */
const ENCRYPTED_PACKAGE = utf16le('EncryptedPackage');
const ENCRYPTION_INFO = utf16le('EncryptionInfo');

function notZip(bytes: Uint8Array): GuardRefusal {
  if (startsWith(bytes, OLE_MAGIC)) {
    if (indexOfBytes(bytes, ENCRYPTION_INFO) >= 0 || indexOfBytes(bytes, ENCRYPTED_PACKAGE) >= 0) {
      return refusal(
        'L00',
        'tệp được đặt mật khẩu mở; hãy mở bằng Excel, bỏ mật khẩu (Tệp › Thông tin › Bảo vệ sổ làm việc › Mã hóa bằng mật khẩu, xóa mật khẩu) rồi lưu và gửi lại',
        'the file is protected with an opening password; open it in Excel, remove the password (File › Info › Protect Workbook › Encrypt with Password) and send it again',
      );
    }
    return refusal(
      'L00',
      'tệp Excel 97–2003 (.xls) đổi đuôi thành .xlsx; hãy mở bằng Excel và lưu dạng "Sổ làm việc Excel (.xlsx)"',
      'an Excel 97–2003 (.xls) file renamed .xlsx; open it in Excel and save it as "Excel Workbook (.xlsx)"',
    );
  }
  // Streaming decode: a character cut at the 4 KB boundary is held back, not taken for binary.
  const head = new TextDecoder('utf-8').decode(bytes.subarray(0, 4 * KB), { stream: true });
  const start = head.replace(/^\uFEFF/, '').trimStart().slice(0, 400).toLowerCase();
  if (start.startsWith('%pdf')) return refusal('L00', 'tệp PDF, không phải tệp Excel', 'a PDF document, not an Excel workbook');
  if (start.includes('urn:schemas-microsoft-com:office:spreadsheet')) {
    return refusal('L00', 'tệp "XML Spreadsheet 2003"; hãy mở bằng Excel và lưu dạng .xlsx', 'an "XML Spreadsheet 2003" file; open it in Excel and save it as .xlsx');
  }
  if (/^<(!doctype html|html|table|meta)\b/.test(start)) {
    return refusal(
      'L00',
      'trang web (HTML) đổi đuôi thành .xlsx, thường do phần mềm khác xuất ra; hãy mở bằng Excel và lưu dạng .xlsx',
      'a web page (HTML) renamed .xlsx, as other software often exports; open it in Excel and save it as .xlsx',
    );
  }
  const isText = !head.includes('\u0000') && !head.includes('\uFFFD');
  if (isText) {
    return refusal(
      'L00',
      'tệp văn bản (CSV hoặc TXT) đổi đuôi thành .xlsx, không phải tệp Excel; hãy lập báo cáo trên biểu mẫu Excel hoặc mở tệp bằng Excel và lưu dạng .xlsx',
      'a text file (CSV or TXT) renamed .xlsx, not an Excel workbook; fill in the Excel template, or open the file in Excel and save it as .xlsx',
    );
  }
  return refusal('L00', 'không phải tệp Excel .xlsx', 'not an Excel .xlsx file');
}

// ---------------------------------------------------------------------------------------------
// The zip's central directory

interface Entry {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const MAX_U16 = 0xffff;
const MAX_U32 = 0xffffffff;

const TRUNCATED: [string, string] = [
  'tệp bị hỏng, không đầy đủ (mất phần cuối, thường do tải về hoặc chép bị gián đoạn); hãy gửi lại tệp',
  'the file is damaged, incomplete (its end is missing, usually an interrupted download or copy); send it again',
];

function damaged(vi: string, en: string, sheet: string | null = null): never {
  return refuse('L00', `tệp .xlsx bị hỏng (${vi}); hãy mở bằng Excel, lưu lại rồi gửi lại`, `damaged .xlsx file (${en}); open it in Excel, save it and send it again`, { sheet });
}

function u64(view: DataView, at: number): number {
  return view.getUint32(at, true) + view.getUint32(at + 4, true) * 2 ** 32;
}

/** The end-of-central-directory record: where the directory is and how many entries it has. */
function directoryOf(bytes: Uint8Array, view: DataView): { count: number; offset: number; size: number } {
  const lowest = Math.max(0, bytes.length - 22 - MAX_U16);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= lowest; i--) {
    if (view.getUint32(i, true) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) refuse('L00', ...TRUNCATED);
  let count = view.getUint16(eocd + 10, true);
  let size = view.getUint32(eocd + 12, true);
  let offset = view.getUint32(eocd + 16, true);
  if (count === MAX_U16 || size === MAX_U32 || offset === MAX_U32) {
    const locator = eocd - 20;
    if (locator < 0 || view.getUint32(locator, true) !== ZIP64_LOCATOR_SIGNATURE) damaged('thư mục ZIP64 không hợp lệ', 'invalid ZIP64 directory');
    const at = u64(view, locator + 8);
    if (at + 56 > bytes.length || view.getUint32(at, true) !== ZIP64_EOCD_SIGNATURE) damaged('thư mục ZIP64 không hợp lệ', 'invalid ZIP64 directory');
    count = u64(view, at + 32);
    size = u64(view, at + 40);
    offset = u64(view, at + 48);
  }
  if (offset + size > bytes.length) refuse('L00', ...TRUNCATED);
  return { count, offset, size };
}

/** Start and end of the extra field `id` of an entry, if it has one. */
function extraField(view: DataView, extraStart: number, extraEnd: number, id: number): [number, number] | null {
  for (let at = extraStart; at + 4 <= extraEnd; at += 4 + view.getUint16(at + 2, true)) {
    if (view.getUint16(at, true) === id) return [at + 4, Math.min(at + 4 + view.getUint16(at + 2, true), extraEnd)];
  }
  return null;
}

/** Sizes and offset from the ZIP64 extra field, for the fields the entry marks as 0xFFFFFFFF. */
function zip64Fields(view: DataView, extraStart: number, extraEnd: number, entry: Entry): void {
  const field = extraField(view, extraStart, extraEnd, 0x0001);
  if (!field) return;
  let [at] = field;
  const next = () => {
    const value = at + 8 <= field[1] ? u64(view, at) : MAX_U32;
    at += 8;
    return value;
  };
  if (entry.size === MAX_U32) entry.size = next();
  if (entry.compressedSize === MAX_U32) entry.compressedSize = next();
  if (entry.localOffset === MAX_U32) entry.localOffset = next();
}

function crc32(bytes: Uint8Array): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

/**
 * The name JSZip, hence ExcelJS, gives an entry, so that the guard judges the part ExcelJS parses
 * (a part named "a.bin" here and "xl/worksheets/sheet9.xml" there would pass unjudged): without
 * the UTF-8 flag, an Info-ZIP Unicode Path field (0x7075) whose CRC matches the name replaces it;
 * then `.`, `..` and empty segments are resolved (`xl/worksheets/x/../sheet1.xml` is a worksheet).
 */
function entryName(view: DataView, raw: Uint8Array, flags: number, extraStart: number, extraEnd: number): string {
  const utf8 = new TextDecoder('utf-8');
  let name = utf8.decode(raw);
  const unicode = flags & 0x800 ? null : extraField(view, extraStart, extraEnd, 0x7075);
  if (unicode && unicode[1] - unicode[0] >= 5 && view.getUint8(unicode[0]) === 1 && view.getUint32(unicode[0] + 1, true) === crc32(raw)) {
    name = utf8.decode(new Uint8Array(view.buffer, view.byteOffset + unicode[0] + 5, unicode[1] - unicode[0] - 5));
  }
  const path: string[] = [];
  name.split('/').forEach((part, i, parts) => {
    if (part === '..') path.pop();
    else if (part !== '.' && (part !== '' || i === 0 || i === parts.length - 1)) path.push(part);
  });
  return path.join('/').replace(/^\/+/, '');
}

function readDirectory(bytes: Uint8Array, view: DataView, limits: WorkbookLimits): Entry[] {
  const { count, offset, size } = directoryOf(bytes, view);
  if (count > limits.maxEntries) {
    refuse('L14', `tệp nén có ${fmt(count)} phần, quá giới hạn ${fmt(limits.maxEntries)} của một báo cáo`, `the zip holds ${fmtEn(count)} parts, beyond the ${fmtEn(limits.maxEntries)} a report can have`);
  }
  const entries: Entry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > offset + size || view.getUint32(at, true) !== CENTRAL_SIGNATURE) damaged('mục lục tệp nén không đọc được', 'unreadable zip directory');
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const extraStart = at + 46 + nameLength;
    const flags = view.getUint16(at + 8, true);
    const entry: Entry = {
      name: entryName(view, bytes.subarray(at + 46, extraStart), flags, extraStart, extraStart + extraLength),
      flags,
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localOffset: view.getUint32(at + 42, true),
    };
    zip64Fields(view, extraStart, extraStart + extraLength, entry);
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** A zip that is not an .xlsx workbook: say what it is when it is a common office format. */
function checkIsWorkbook(entries: Entry[]): void {
  const has = (test: (name: string) => boolean) => entries.some((e) => test(e.name));
  if (has((n) => n === 'xl/workbook.xml')) return;
  if (has((n) => n === 'xl/workbook.bin')) refuse('L00', 'sổ làm việc nhị phân Excel (.xlsb); hãy lưu dạng "Sổ làm việc Excel (.xlsx)"', 'an Excel binary workbook (.xlsb); save it as "Excel Workbook (.xlsx)"');
  if (has((n) => n.startsWith('word/'))) refuse('L00', 'tài liệu Word đổi đuôi thành .xlsx', 'a Word document renamed .xlsx');
  if (has((n) => n === 'content.xml')) refuse('L00', 'bảng tính OpenDocument (.ods); hãy lưu dạng .xlsx', 'an OpenDocument spreadsheet (.ods); save it as .xlsx');
  refuse('L00', 'tệp nén .zip, không phải sổ làm việc Excel', 'a .zip archive, not an Excel workbook');
}

// ---------------------------------------------------------------------------------------------
// Inflating a part, bounded

/** The compressed bytes of an entry, after its local header. */
function dataOf(bytes: Uint8Array, view: DataView, entry: Entry): Uint8Array {
  const at = entry.localOffset;
  if (at + 30 > bytes.length) refuse('L00', ...TRUNCATED);
  if (view.getUint32(at, true) !== LOCAL_SIGNATURE) damaged(`phần "${entry.name}" không đọc được`, `part "${entry.name}" unreadable`);
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  if (start + entry.compressedSize > bytes.length) refuse('L00', ...TRUNCATED);
  return bytes.subarray(start, start + entry.compressedSize);
}

/**
 * Inflates (or copies) a part, `sink` seeing the output as it grows; refuses the part when it
 * inflates beyond its declared size, or not to it.
 */
function readEntry(bytes: Uint8Array, view: DataView, entry: Entry, sheet: string | null, sink: (chunk: Uint8Array) => void): Uint8Array {
  const data = dataOf(bytes, view, entry);
  const part = `phần "${entry.name}"${sheet ? ` của trang "${sheet}"` : ''}`;
  const partEn = `part "${entry.name}"${sheet ? ` of sheet "${sheet}"` : ''}`;
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) damaged(`kích thước ${part} không khớp`, `size mismatch in ${partEn}`, sheet);
    sink(data);
    return data;
  }
  let fed = 0;
  let out: Uint8Array = new Uint8Array(0);
  let size: number;
  try {
    size = inflateRaw(data, entry.size, (buffer, end) => {
      out = buffer;
      sink(buffer.subarray(fed, end));
      fed = end;
    });
  } catch (err) {
    if (err instanceof InflateOverflow) {
      refuse(
        'L15',
        `${part} khai báo ${fmt(entry.size)} byte nhưng giải nén ra nhiều hơn: tệp được dựng để làm tràn bộ nhớ ("bom nén")`,
        `${partEn} declares ${fmtEn(entry.size)} bytes but inflates to more: a file built to exhaust memory (a "zip bomb")`,
        { sheet },
      );
    }
    if (err instanceof InflateError) damaged(`${part} không giải nén được`, `${partEn} cannot be inflated`, sheet);
    throw err;
  }
  if (size !== entry.size) damaged(`${part} ngắn hơn kích thước khai báo`, `${partEn} is shorter than declared`, sheet);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Scanning XML parts: DTDs everywhere, rows, columns and cells in worksheets

/** Excel never writes a DTD; one in a part is there to make a parser fetch or expand something. */
const DTD = /<!(DOCTYPE|ENTITY)/i;
const SHEET_TAG = /<(?:[A-Za-z_][\w.-]*:)?(row|c)(?=[\s/>])([^>]*)>/g;
const ROW_REF = /(?:^|\s)r\s*=\s*["'](\d+)["']/;
const CELL_REF = /(?:^|\s)r\s*=\s*["']\$?([A-Za-z]{1,3})\$?(\d+)["']/;
/** An unfinished tag longer than this is not something the scan needs to see. */
const MAX_CARRY = 64 * KB;

interface CellCount {
  cells: number;
}

/** Decodes an XML part chunk by chunk, keeping any tag cut between chunks for the next one. */
class XmlScan {
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
        `trang "${sheet.name}" có dữ liệu hoặc định dạng đến hàng ${fmt(this.row)}, vượt giới hạn ${fmt(L.maxRows)} hàng của một biểu mẫu; hãy xóa các hàng thừa (chọn từ hàng ${fmt(L.maxRows + 1)} đến cuối, Xóa hàng) rồi lưu lại`,
        `sheet "${sheet.name}" has data or formatting down to row ${fmtEn(this.row)}, beyond the ${fmtEn(L.maxRows)} rows a form can hold; delete the extra rows and save again`,
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
          `trang "${sheet.name}" có ô ${cellAddress(this.row, this.column)}, vượt giới hạn ${fmt(L.maxColumns)} cột; hãy xóa các cột thừa rồi lưu lại`,
          `sheet "${sheet.name}" has cell ${cellAddress(this.row, this.column)}, beyond the ${fmtEn(L.maxColumns)}-column limit; delete the extra columns and save again`,
          { sheet: sheet.name, row: this.row, column: this.column },
        );
      }
      if (++sheet.cells.cells > L.maxCells) {
        refuse(
          'L14',
          `sổ làm việc có hơn ${fmt(L.maxCells)} ô (vượt quá ở trang "${sheet.name}"), quá nhiều cho một báo cáo; hãy xóa các trang tính và vùng dữ liệu không thuộc biểu mẫu`,
          `the workbook has more than ${fmtEn(L.maxCells)} cells (passed on sheet "${sheet.name}"), too many for a report; delete sheets and ranges that are not part of the form`,
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

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function xmlText(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (all, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1));
      return code <= 0x10ffff ? String.fromCodePoint(code) : all;
    }
    return XML_ENTITIES[e] ?? all;
  });
}

function attribute(attrs: string, name: string): string | null {
  const m = new RegExp(`(?:^|\\s)(?:[\\w.-]+:)?${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attrs);
  return m ? xmlText(m[1] ?? m[2]) : null;
}

/** Worksheet part path → sheet name, from `xl/workbook.xml` and its relationships. */
function sheetNames(bytes: Uint8Array, view: DataView, entries: Entry[]): Map<string, string> {
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
const isWorksheet = (name: string) => /^xl\/worksheets\/[^/]+\.xml$/i.test(name) || EXCELJS_WORKSHEET.test(name);
/** Every part but binary media (which ExcelJS never parses; an SVG may hold a DTD) is checked for a DTD. */
const isScanned = (name: string) => isWorksheet(name) || !EXCELJS_MEDIA.test(name);

// ---------------------------------------------------------------------------------------------

/** Parts encrypted inside the zip, or compressed otherwise than stored / deflate, cannot be read. */
function checkMethods(entries: Entry[]): void {
  for (const e of entries) {
    if (e.flags & 0x1) refuse('L00', `phần "${e.name}" được mã hóa bằng mật khẩu; hãy bỏ mật khẩu rồi lưu lại`, `part "${e.name}" is encrypted; remove the password and save again`);
    if (e.method !== 0 && e.method !== 8) refuse('L00', `phần "${e.name}" dùng kiểu nén không hỗ trợ (${e.method})`, `part "${e.name}" uses an unsupported compression method (${e.method})`);
  }
}

function checkDeclaredSizes(entries: Entry[], sheetOf: (e: Entry) => string | null, limits: WorkbookLimits): void {
  let total = 0;
  for (const e of entries) {
    const sheet = sheetOf(e);
    const part = sheet ? `trang "${sheet}" (${e.name})` : `phần "${e.name}"`;
    const partEn = sheet ? `sheet "${sheet}" (${e.name})` : `part "${e.name}"`;
    // A bomb is called a bomb before it is called too big.
    const ratio = e.size / Math.max(e.compressedSize, 1);
    if (e.size >= limits.ratioFloorBytes && ratio > limits.maxRatio) {
      refuse(
        'L15',
        `${part} nén ${fmt(Math.round(ratio))} lần (giới hạn ${fmt(limits.maxRatio)}): tệp được dựng để làm tràn bộ nhớ ("bom nén")`,
        `${partEn} is compressed ${fmtEn(Math.round(ratio))} times (limit ${fmtEn(limits.maxRatio)}): a file built to exhaust memory (a "zip bomb")`,
        { sheet },
      );
    }
    if (e.size > limits.maxEntryBytes) {
      refuse('L14', `${part} giải nén ra ${mb(e.size)}, vượt giới hạn ${mb(limits.maxEntryBytes)} của một biểu mẫu`, `${partEn} inflates to ${mbEn(e.size)}, beyond the ${mbEn(limits.maxEntryBytes)} a form can hold`, { sheet });
    }
    total += e.size;
  }
  if (total > limits.maxTotalBytes) {
    refuse('L14', `tệp giải nén ra ${mb(total)}, vượt giới hạn ${mb(limits.maxTotalBytes)} của một báo cáo`, `the file inflates to ${mbEn(total)}, beyond the ${mbEn(limits.maxTotalBytes)} a report can hold`);
  }
}

/** Checks the zip; returns the inflated parts `keep` asks for (the read path parses them next). */
function checkZip(bytes: Uint8Array, limits: WorkbookLimits, keep: (name: string) => boolean): Map<string, Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = readDirectory(bytes, view, limits);
  checkIsWorkbook(entries);
  const files = entries.filter((e) => !e.name.endsWith('/'));
  checkMethods(files);
  // The sheet list is read first (small, inflated bounded) so that messages can name sheets.
  const names = sheetNames(bytes, view, files);
  const sheetOf = (e: Entry) => names.get(e.name) ?? null;
  checkDeclaredSizes(files, sheetOf, limits);
  const cells: CellCount = { cells: 0 };
  const kept = new Map<string, Uint8Array>();
  for (const entry of files) {
    const sheet = sheetOf(entry);
    const scan = isScanned(entry.name) ? new XmlScan(entry.name, isWorksheet(entry.name) ? { name: sheet ?? entry.name, cells } : null, limits) : null;
    const part = readEntry(bytes, view, entry, sheet, (chunk) => scan?.feed(chunk));
    scan?.feed(new Uint8Array(0), true);
    // A name given twice: the last part counts, as in JSZip (hence ExcelJS).
    if (keep(entry.name)) kept.set(entry.name, part);
  }
  return kept;
}

/**
 * The check on the file's size alone, for callers that know it before reading the file (a file
 * system's `stat`, a browser `File.size`): a 5 GB file need not be read to be refused.
 */
export function guardFileSize(byteLength: number, limits: WorkbookLimits = WORKBOOK_LIMITS): GuardRefusal | null {
  if (byteLength === 0) return refusal('L00', 'tệp rỗng (0 byte)', 'the file is empty (0 bytes)');
  if (byteLength <= limits.maxFileBytes) return null;
  return refusal(
    'L14',
    `tệp nặng ${mb(byteLength)}, vượt giới hạn ${mb(limits.maxFileBytes)} (một báo cáo thường dưới 100 KB)`,
    `the file weighs ${mbEn(byteLength)}, beyond the ${mbEn(limits.maxFileBytes)} limit (a report is usually under 100 KB)`,
  );
}

/** The guard's answer, with the inflated parts asked for when the file passes. */
export type InspectedWorkbook = { refusal: GuardRefusal; parts: null } | { refusal: null; parts: Map<string, Uint8Array> };

/**
 * The guard, keeping the inflated parts whose names `keep` accepts, so that the reader parses
 * them without inflating them a second time. Never throws.
 */
export function inspectWorkbook(bytes: Uint8Array, keep: (name: string) => boolean, limits: WorkbookLimits = WORKBOOK_LIMITS): InspectedWorkbook {
  const bySize = guardFileSize(bytes.byteLength, limits);
  if (bySize) return { refusal: bySize, parts: null };
  if (!startsWith(bytes, ZIP_MAGIC)) return { refusal: notZip(bytes), parts: null };
  try {
    return { refusal: null, parts: checkZip(bytes, limits, keep) };
  } catch (err) {
    if (err instanceof Refused) return { refusal: err.refusal, parts: null };
    // Anything else the directory walk trips on (offsets beyond the end, …) is damage.
    const reason = err instanceof Error ? err.message : String(err);
    return { refusal: refusal('L00', `tệp .xlsx bị hỏng (${reason})`, `damaged .xlsx file (${reason})`), parts: null };
  }
}

/**
 * Null when the bytes are an .xlsx workbook ExcelJS can safely parse whole; otherwise why not.
 * Never throws.
 */
export function guardWorkbook(bytes: Uint8Array, limits: WorkbookLimits = WORKBOOK_LIMITS): GuardRefusal | null {
  return inspectWorkbook(bytes, () => false, limits).refusal;
}

/** The refusal as the reader's issue, naming the file (and the sheet and cell where known). */
export function guardIssue(r: GuardRefusal, fileName: string): Issue {
  const lead: Text =
    r.rule === 'L00'
      ? { vi: `Không đọc được tệp "${fileName}"`, en: `Cannot read "${fileName}"` }
      : { vi: `Tệp "${fileName}" bị từ chối trước khi đọc`, en: `"${fileName}" refused before reading` };
  const at = r.row !== null && r.column !== null;
  return {
    rule: r.rule,
    severity: severityOf(r.rule),
    sheet: r.sheet,
    row: at ? r.row : null,
    column: at ? r.column : null,
    cell: at ? cellAddress(r.row!, r.column!) : null,
    message: { vi: `${lead.vi}: ${r.reason.vi}`, en: `${lead.en}: ${r.reason.en}` },
    file: fileName,
  };
}
