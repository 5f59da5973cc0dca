/**
 * Who and when a workbook reports for: unit code, period and report date, from the title block the
 * clerk sees (found by its captions, above the column headings) and the hidden `_meta` sheet.
 */
import type { Text } from '../forms';
import { META_SHEET } from '../layout';
import { shorten } from '../safe-text';
import { cellAddress } from '../spreadsheet';
import { cellIssue, fileIssue, type Issue, type RawValue } from '../submission';
import { captionKey, isBlank, rawAt, rowCount, SCAN_COLUMNS, shownValue, textAt, type GridSheet } from './cells';
import { parseReportDate } from './report-date';

export interface Found<T> {
  value: T;
  sheet: string;
  row: number;
  column: number;
}

/**
 * The value of a title-block caption within the first `lastRow` rows (the rows above the column
 * headings, so that a heading such as "Mã đơn vị" is never taken for a caption): the first value
 * right of the caption (merged captions leave blanks in between), or the text after the colon
 * when caption and value were typed into one cell (`Ngày báo cáo: 15/06/2026`).
 */
export function captionValue(sheet: GridSheet, caption: string, lastRow: number): Found<RawValue> | null {
  const key = captionKey(caption);
  for (let row = 1; row <= Math.min(lastRow, rowCount(sheet)); row++) {
    for (let column = 1; column <= SCAN_COLUMNS; column++) {
      const text = textAt(sheet, row, column);
      const cellKey = captionKey(text);
      if (cellKey !== key) {
        const inline = cellKey.startsWith(key) ? /^\s*:\s*(.+)$/.exec(cellKey.slice(key.length)) : null;
        if (inline) return { value: text.slice(text.indexOf(':') + 1).trim(), sheet: sheet.name, row, column };
        continue;
      }
      for (let c = column + 1; c <= column + 6; c++) {
        const value = rawAt(sheet, row, c);
        if (!isBlank(value)) return { value, sheet: sheet.name, row, column: c };
      }
      // The caption with nothing beside it: the value cell is the first one after the caption's merge.
      return { value: null, sheet: sheet.name, row, column: column + 2 };
    }
  }
  return null;
}

export function readMeta(sheet: GridSheet | undefined): Map<string, RawValue> {
  const meta = new Map<string, RawValue>();
  if (!sheet) return meta;
  for (let row = 1; row <= rowCount(sheet); row++) {
    const key = textAt(sheet, row, 1).toLowerCase();
    if (key) meta.set(key, rawAt(sheet, row, 2));
  }
  return meta;
}

export interface Source {
  where: string;
  value: string;
}

/**
 * The title block the clerk sees and edits wins: the first title cell with a value, any other
 * title cell that disagrees is an error naming both cells. The hidden metadata only fills in
 * when no title cell has a value; when it disagrees with title cells that agree among
 * themselves it is out of date (a workbook reused from an earlier report), said as a warning.
 */
export function agree(what: Text, titles: Source[], meta: string, sheet: string | null, issues: Issue[]): string {
  const present = titles.filter((s) => s.value !== '');
  const chosen = present[0];
  if (!chosen) return meta;
  let consistent = true;
  for (const other of present.slice(1)) {
    if (other.value === chosen.value) continue;
    consistent = false;
    issues.push(
      fileIssue(
        'L11', {
          vi: `${what.vi} không thống nhất: "${chosen.value}" (${chosen.where}) nhưng "${other.value}" (${other.where}); sửa cho giống nhau rồi gửi lại`,
          en: `${what.en} disagree: "${chosen.value}" (${chosen.where}) but "${other.value}" (${other.where}); make them the same and send the file again`,
        },
        sheet,
      ),
    );
  }
  if (consistent && meta !== '' && meta !== chosen.value) {
    issues.push(
      fileIssue(
        'L18', {
          vi: `${what.vi} trên trang tính là "${chosen.value}" (${chosen.where}) nhưng siêu dữ liệu ẩn ${META_SHEET} còn ghi "${meta}" (tệp dùng lại từ kỳ trước?); dùng "${chosen.value}". Add-in sẽ cập nhật siêu dữ liệu ở lần làm mới tiếp theo`,
          en: `${what.en}: the sheet shows "${chosen.value}" (${chosen.where}) but the hidden ${META_SHEET} sheet still says "${meta}" (a workbook reused from an earlier report?); using "${chosen.value}". The add-in rewrites the metadata on its next refresh`,
        },
        sheet,
      ),
    );
  }
  return chosen.value;
}

export const plainText = (v: RawValue) => shownValue(v).normalize('NFC').trim();
/** A period code as found; a real one has 4–7 characters, anything longer is quoted shortened. */
export const periodText = (v: RawValue) => shorten(plainText(v));
export const at = (f: Found<RawValue>) => `${f.sheet}!${cellAddress(f.row, f.column)}`;

export function readReportDate(titleDate: Found<RawValue> | null, metaDate: RawValue, issues: Issue[]): string | null {
  if (titleDate && !isBlank(titleDate.value)) {
    const iso = parseReportDate(titleDate.value);
    if (iso !== 'invalid') return iso;
    issues.push(
      cellIssue('L10', titleDate.sheet, titleDate.row, titleDate.column, {
        vi: `Ngày báo cáo "${shorten(shownValue(titleDate.value))}" không đọc được; nhập ngày dạng dd/mm/yyyy`,
        en: `Report date "${shorten(shownValue(titleDate.value))}" cannot be read; enter a date as dd/mm/yyyy`,
      }),
    );
    return null;
  }
  const iso = parseReportDate(metaDate);
  return iso === 'invalid' ? null : iso;
}
