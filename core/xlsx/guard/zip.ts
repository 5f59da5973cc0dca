/**
 * The zip's central directory, read by hand (sizes, methods, names, ZIP64), and one part inflated
 * into a buffer of the size it declares, never further (../inflate.ts).
 */
import { crc32 } from '../../crc32';
import { enNumber, viNumber } from '../../format';
import { InflateError, InflateOverflow, inflateRaw } from '../inflate';
import { refuse, type WorkbookLimits } from './limits';

export interface Entry {
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

export function readDirectory(bytes: Uint8Array, view: DataView, limits: WorkbookLimits): Entry[] {
  const { count, offset, size } = directoryOf(bytes, view);
  if (count > limits.maxEntries) {
    refuse('L14', `tệp nén có ${viNumber(count)} phần, quá giới hạn ${viNumber(limits.maxEntries)} của một báo cáo`, `the zip holds ${enNumber(count)} parts, beyond the ${enNumber(limits.maxEntries)} a report can have`);
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
export function checkIsWorkbook(entries: Entry[]): void {
  const has = (test: (name: string) => boolean) => entries.some((e) => test(e.name));
  if (has((n) => n === 'xl/workbook.xml')) return;
  if (has((n) => n === 'xl/workbook.bin')) refuse('L00', 'sổ làm việc nhị phân Excel (.xlsb); hãy lưu dạng "Sổ làm việc Excel (.xlsx)"', 'an Excel binary workbook (.xlsb); save it as "Excel Workbook (.xlsx)"');
  if (has((n) => n.startsWith('word/'))) refuse('L00', 'tài liệu Word đổi đuôi thành .xlsx', 'a Word document renamed .xlsx');
  if (has((n) => n === 'content.xml')) refuse('L00', 'bảng tính OpenDocument (.ods); hãy lưu dạng .xlsx', 'an OpenDocument spreadsheet (.ods); save it as .xlsx');
  refuse('L00', 'tệp nén .zip, không phải sổ làm việc Excel', 'a .zip archive, not an Excel workbook');
}


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
export function readEntry(bytes: Uint8Array, view: DataView, entry: Entry, sheet: string | null, sink: (chunk: Uint8Array) => void): Uint8Array {
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
        `${part} khai báo ${viNumber(entry.size)} byte nhưng giải nén ra nhiều hơn: tệp được dựng để làm tràn bộ nhớ ("bom nén")`,
        `${partEn} declares ${enNumber(entry.size)} bytes but inflates to more: a file built to exhaust memory (a "zip bomb")`,
        { sheet },
      );
    }
    if (err instanceof InflateError) damaged(`${part} không giải nén được`, `${partEn} cannot be inflated`, sheet);
    throw err;
  }
  if (size !== entry.size) damaged(`${part} ngắn hơn kích thước khai báo`, `${partEn} is shorter than declared`, sheet);
  return out;
}
