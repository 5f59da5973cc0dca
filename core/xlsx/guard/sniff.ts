/** What the bytes are when they are not a zip: an old .xls, an encrypted workbook, another document. */
import { KB, refusal, type GuardRefusal } from './limits';

export const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** OLE2 compound file: an Excel 97–2003 .xls, or an .xlsx encrypted with a password. */
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

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

export function notZip(bytes: Uint8Array): GuardRefusal {
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
