/**
 * The workbooks clerks really send, made the way they make them: ExcelJS edits of a filled
 * report (reused last-period files, captions retyped, tables pasted, formulas, hidden and copied
 * sheets, extra columns and rows, other date styles, odd names, other file kinds) and
 * LibreOffice saves (.xlsx, .ods, .xls, one soffice run per format). Each comes with what must
 * happen to it: read exactly, refused with rule, sheet and cell, or listed as skipped.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { FORMS, TARGETS_SHEET } from '../../core/forms';
import { FORM_LAYOUT, META_SHEET, TITLE_BLOCK, TITLE_CAPTIONS, dataColumn, totalRowOf } from '../../core/layout';
import type { RuleId } from '../../core/rule-catalogue';
import { type Submission } from '../../core/submission';
import { cellAddress } from '../../core/spreadsheet';
import { writeSubmissionWorkbook } from '../../core/xlsx';
import { loadRegistry } from '../../pipeline/reference';
import { provinceSubmission } from '../pipeline/fixtures';
import { saveAllWithLibreOffice } from '../support/libreoffice';

export const registry = loadRegistry();

const F03 = FORMS.F03.sheetName;
const F04 = FORMS.F04.sheetName;
const addr = (row: number, column: number) => cellAddress(row, column);
const PERIOD_CELL = addr(TITLE_BLOCK.periodCode.row, TITLE_BLOCK.periodCode.column);
const UNIT_CELL = addr(TITLE_BLOCK.unitCode.row, TITLE_BLOCK.unitCode.column);
const DATE_CELL = addr(TITLE_BLOCK.reportDate.row, TITLE_BLOCK.reportDate.column);
const FIRST = FORM_LAYOUT.firstDataRow;

export type Expectation =
  /** Read exactly (every value compared with `sub`); `notes` are the warnings and infos expected. */
  | { kind: 'read'; sub: Submission; notes: RuleId[] }
  | { kind: 'refused'; rule: RuleId; sheet: string | null; cell: string | null }
  | { kind: 'skipped'; rule: RuleId };

export interface Variant {
  file: string;
  how: string;
  expect: Expectation;
  /** Judged as on a machine without LibreOffice. */
  withoutLibreOffice?: boolean;
}

// Reports the variants start from: six-month (three sheets), month (one), year.
const H1 = provinceSubmission(registry, '51', '2026-H1', { reportDate: '2026-06-15', seed: 51 });
const MONTH = provinceSubmission(registry, '01', '2026-03', { reportDate: '2026-03-20', seed: 1 });
const YEAR = provinceSubmission(registry, '79', '2026', { reportDate: '2026-12-18', seed: 79 });
const LOCAL = provinceSubmission(registry, '5101', '2026-03', { reportDate: '2026-03-18', seed: 5101 });

type Edit = (wb: ExcelJS.Workbook) => void;
const ws = (wb: ExcelJS.Workbook, name: string) => wb.getWorksheet(name)!;

async function bytesOf(sub: Submission, edit?: Edit): Promise<Uint8Array> {
  const bytes = await writeSubmissionWorkbook(sub, registry);
  if (!edit) return bytes;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  edit(wb);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

const read = (sub: Submission, ...notes: RuleId[]): Expectation => ({ kind: 'read', sub, notes });
const refused = (rule: RuleId, sheet: string | null, cell: string | null): Expectation => ({ kind: 'refused', rule, sheet, cell });

/** Every sheet's title-block cell set to `value` (as a clerk retyping it everywhere). */
const onTitles = (cell: string, value: ExcelJS.CellValue): Edit => (wb) => {
  for (const name of [F03, F04, TARGETS_SHEET]) {
    const sheet = wb.getWorksheet(name);
    if (sheet) sheet.getCell(cell).value = value;
  }
};
const metaRow = (key: string) => ({ unit_code: 1, period: 2, report_date: 3 })[key]!;
const setMeta = (key: string, value: ExcelJS.CellValue): Edit => (wb) => void (ws(wb, META_SHEET).getCell(`B${metaRow(key)}`).value = value);
const both = (...edits: Edit[]): Edit => (wb) => edits.forEach((e) => e(wb));

/** A copy of sheet `name` added as `copyName` (as Excel's Move or Copy makes it). */
function copySheet(wb: ExcelJS.Workbook, name: string, copyName: string, change?: (copy: ExcelJS.Worksheet) => void): ExcelJS.Worksheet {
  const source = ws(wb, name);
  const copy = wb.addWorksheet(copyName);
  source.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (cell.type !== ExcelJS.ValueType.Merge) copy.getCell(r, c).value = cell.value;
    });
  });
  change?.(copy);
  return copy;
}

/**
 * Rows inserted as a spreadsheet inserts them: formulas below follow (ExcelJS's spliceRows
 * leaves them pointing at the old rows).
 */
function insertRows(sheet: ExcelJS.Worksheet, at: number, count: number): void {
  sheet.spliceRows(at, 0, ...Array.from({ length: count }, () => []));
  sheet.eachRow((row) =>
    row.eachCell((cell) => {
      const v = cell.value as ExcelJS.CellFormulaValue | null;
      if (!v || typeof v !== 'object' || !('formula' in v) || !v.formula) return;
      const formula = v.formula.replace(/([A-Z]+)(\d+)/g, (_, c: string, r: string) => `${c}${Number(r) >= at ? Number(r) + count : r}`);
      cell.value = { formula, result: v.result } as ExcelJS.CellFormulaValue;
    }),
  );
}

/** The value of a form cell, unit row `i` (0-based), form column `no`. */
const unitValue = (sub: Submission, form: 'F03' | 'F04', i: number, no: number) => sub.forms[form]!.rows[i].values[no - 1];

async function exceljsVariants(): Promise<(Variant & { bytes: Uint8Array | string })[]> {
  const h1Rows = H1.forms.F03!.rows.length;
  const monthRows = MONTH.forms.F03!.rows.length;
  const monthTotal = totalRowOf(monthRows);
  const lastF03 = dataColumn(FORMS.F03.columns.length);
  const list: [string, string, Expectation, Uint8Array | string][] = [
    ['51_2026-H1.xlsx', 'six-month report as written', read(H1), await bytesOf(H1)],
    ['01_2026-03.xlsx', 'monthly report as written', read(MONTH), await bytesOf(MONTH)],
    ['79_2026.xlsx', 'annual report as written', read(YEAR), await bytesOf(YEAR)],
    ['Bình Định báo cáo 6 tháng.xlsx'.normalize('NFD'), 'NFD file name (macOS)', read(H1), await bytesOf(H1)],
    ['Báo cáo (bản cuối) #2 – tỉnh 01.xlsx', 'odd file name', read(MONTH), await bytesOf(MONTH)],
    ['01_2026-03.xlsm', 'saved as a macro-enabled workbook', read(MONTH), await bytesOf(MONTH)],
    // Reused last period's workbook: the visible title updated, the hidden metadata not.
    ['reused-period.xlsx', 'last period reused, _meta period stale', read(MONTH, 'L18'), await bytesOf(MONTH, setMeta('period', '2026-02'))],
    ['reused-h1.xlsx', 'last year reused, _meta period stale', read(H1, 'L18'), await bytesOf(H1, setMeta('period', '2025-H1'))],
    ['reused-date.xlsx', 'last period reused, _meta date stale', read(MONTH), await bytesOf(MONTH, setMeta('report_date', '2026-02-20'))],
    ['reused-unit.xlsx', 'neighbour province file reused, _meta unit stale', read(MONTH, 'L18'), await bytesOf(MONTH, setMeta('unit_code', '04'))],
    // Captions retyped or typed with their value.
    ['caption-edited.xlsx', 'unit caption retyped on every sheet', read(H1), await bytesOf(H1, onTitles(addr(TITLE_BLOCK.unitCode.row, TITLE_BLOCK.codeCaptionColumn), 'Mã ĐV'))],
    ['caption-deleted.xlsx', 'period caption deleted', read(MONTH), await bytesOf(MONTH, onTitles(addr(TITLE_BLOCK.periodCode.row, TITLE_BLOCK.codeCaptionColumn), null))],
    [
      'caption-one-cell-date.xlsx',
      'report date typed with its caption in one cell',
      read(MONTH),
      await bytesOf(MONTH, both(onTitles(DATE_CELL, null), (wb) => void (ws(wb, F03).getCell(addr(TITLE_BLOCK.reportDate.row, 1)).value = `${TITLE_CAPTIONS.reportDate} 20/03/2026`))),
    ],
    [
      'caption-one-cell-unit.xlsx',
      'unit code typed with its caption in one cell',
      read(MONTH),
      await bytesOf(MONTH, both(onTitles(UNIT_CELL, null), onTitles(addr(TITLE_BLOCK.unitCode.row, TITLE_BLOCK.codeCaptionColumn), 'Mã đơn vị: 01'))),
    ],
    ['date-text-vn.xlsx', 'report date typed as text dd/mm/yyyy', read(MONTH), await bytesOf(MONTH, (wb) => void (ws(wb, F03).getCell(DATE_CELL).value = '20/03/2026'))],
    ['date-text-words.xlsx', 'report date in words', read(MONTH), await bytesOf(MONTH, (wb) => void (ws(wb, F03).getCell(DATE_CELL).value = 'ngày 20 tháng 3 năm 2026'))],
    ['date-text-iso.xlsx', 'report date as ISO text', read(MONTH), await bytesOf(MONTH, (wb) => void (ws(wb, F03).getCell(DATE_CELL).value = '2026-03-20'))],
    ['date-serial.xlsx', 'report date as a serial number', read(MONTH), await bytesOf(MONTH, (wb) => void (ws(wb, F03).getCell(DATE_CELL).value = 46101))],
    ['date-dots.xlsx', 'report date dd.mm.yyyy', read(MONTH), await bytesOf(MONTH, (wb) => void (ws(wb, F03).getCell(DATE_CELL).value = '20.03.2026'))],
    // Extra columns and rows.
    [
      'extra-numbered-column.xlsx',
      'a notes column numbered (21)',
      read(MONTH, 'L19'),
      await bytesOf(MONTH, (wb) => {
        const s = ws(wb, F03);
        s.getCell(FORM_LAYOUT.numberRow, lastF03 + 1).value = `(${FORMS.F03.columns.length + 1})`;
        s.getCell(FIRST, lastF03 + 1).value = 'ghi chú';
      }),
    ],
    [
      'extra-notes-column.xlsx',
      'an unnumbered notes column',
      read(H1, 'L19'),
      await bytesOf(H1, (wb) => {
        const s = ws(wb, F04);
        s.getCell(FORM_LAYOUT.labelRow, dataColumn(FORMS.F04.columns.length) + 2).value = 'Ghi chú';
        s.getCell(FIRST + 1, dataColumn(FORMS.F04.columns.length) + 2).value = 'đã đối chiếu';
      }),
    ],
    [
      'title-rows-added.xlsx',
      'two lines inserted above the title',
      read(MONTH, 'L09'),
      await bytesOf(MONTH, (wb) => {
        const s = ws(wb, F03);
        insertRows(s, 1, 2);
        s.getCell('A1').value = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
        s.getCell('A2').value = 'Độc lập - Tự do - Hạnh phúc';
      }),
    ],
    [
      'total-row-above.xlsx',
      'the total row moved above the unit rows',
      read(MONTH, 'L20'),
      await bytesOf(MONTH, (wb) => {
        // Typed as the clerk sees it: the label, the unit's code and each column's sum.
        const s = ws(wb, F03);
        s.spliceRows(monthTotal, 1);
        s.spliceRows(FIRST, 0, []);
        s.getCell(FIRST, FORM_LAYOUT.nameColumn).value = 'Tổng cộng';
        s.getCell(FIRST, FORM_LAYOUT.codeColumn).value = MONTH.unitCode;
        FORMS.F03.columns.forEach((c, i) => {
          const v = MONTH.forms.F03!.total!.values[i];
          s.getCell(FIRST, dataColumn(c.no)).value = v === null ? null : (v as number);
        });
      }),
    ],
    ['blank-row-inside.xlsx', 'a blank row between unit rows', read(H1), await bytesOf(H1, (wb) => insertRows(ws(wb, F03), FIRST + 1, 1))],
    // Sheets hidden, copied, renamed, reordered.
    ['sheet-hidden.xlsx', 'Mẫu 04 hidden, no copy', read(H1, 'L17'), await bytesOf(H1, (wb) => void (ws(wb, F04).state = 'hidden'))],
    ['sheet-copy-identical.xlsx', 'a visible identical copy Mẫu 03 (2)', read(MONTH, 'L16'), await bytesOf(MONTH, (wb) => void copySheet(wb, F03, `${F03} (2)`))],
    [
      'sheet-copy-hidden.xlsx',
      "a hidden scratch copy with other figures beside the visible sheet",
      read(MONTH),
      await bytesOf(MONTH, (wb) => {
        copySheet(wb, F03, `${F03} (2)`, (c) => void (c.getCell(FIRST, dataColumn(1)).value = 999)).state = 'hidden';
      }),
    ],
    ['sheet-names-upper.xlsx', 'sheet name in capitals, NFD', read(H1), await bytesOf(H1, (wb) => void (ws(wb, F03).name = F03.toLocaleUpperCase('vi').normalize('NFD')))],
    ['sheet-names-spaces.xlsx', 'sheet name with a trailing space', read(MONTH), await bytesOf(MONTH, (wb) => void (ws(wb, F03).name = `${F03} `))],
    ['sheet-order.xlsx', 'targets sheet moved first', read(H1), await bytesOf(H1, (wb) => void ((ws(wb, TARGETS_SHEET) as unknown as { orderNo: number }).orderNo = -1))],
    ['sheet-extra.xlsx', 'an extra sheet of notes', read(H1), await bytesOf(H1, (wb) => void (wb.addWorksheet('Ghi chú').getCell('A1').value = 'Ghi chú của cán bộ'))],
    ['no-meta.xlsx', 'table copied into a fresh workbook with its title, no _meta', read(H1), await bytesOf(H1, (wb) => void wb.removeWorksheet(ws(wb, META_SHEET).id))],
    // Values as spreadsheets store them.
    [
      'formula-with-result.xlsx',
      'unit cells holding formulas with saved results',
      read(MONTH),
      await bytesOf(MONTH, (wb) => {
        const v = unitValue(MONTH, 'F03', 0, 1) as number;
        ws(wb, F03).getCell(FIRST, dataColumn(1)).value = { formula: `${v - 1}+1`, result: v };
      }),
    ],
    [
      'total-typed.xlsx',
      'total row typed as numbers',
      read(MONTH),
      await bytesOf(MONTH, (wb) => {
        const s = ws(wb, F03);
        FORMS.F03.columns.forEach((c, i) => {
          const v = MONTH.forms.F03!.total!.values[i];
          s.getCell(monthTotal, dataColumn(c.no)).value = v === null ? null : (v as number);
        });
      }),
    ],
    ['code-as-number.xlsx', 'unit codes turned into numbers', read(MONTH), await bytesOf(MONTH, (wb) => void (ws(wb, F03).getCell(FIRST + 1, FORM_LAYOUT.codeColumn).value = 101))],
    ['code-spaces.xlsx', 'unit code typed with spaces', read(H1), await bytesOf(H1, (wb) => void (ws(wb, F04).getCell(FIRST + 1, FORM_LAYOUT.codeColumn).value = ` ${H1.forms.F04!.rows[1].unitCode} `))],
    ['period-lower.xlsx', 'period code typed in lower case', read(H1), await bytesOf(H1, onTitles(PERIOD_CELL, '2026-h1'))],
    // Refused: the file does not hold the figures, or cannot say which are real.
    [
      'formula-no-result.xlsx',
      'a program that does not calculate wrote a formula',
      refused('L12', F03, addr(FIRST, dataColumn(2))),
      await bytesOf(MONTH, (wb) => void (ws(wb, F03).getCell(FIRST, dataColumn(2)).value = { formula: `D${FIRST}*2` } as ExcelJS.CellFormulaValue)),
    ],
    [
      'formula-no-result-targets.xlsx',
      'a target computed by a formula never calculated',
      refused('L12', TARGETS_SHEET, 'D9'),
      await bytesOf(H1, (wb) => void (ws(wb, TARGETS_SHEET).getCell('D9').value = { formula: 'C9/2' } as ExcelJS.CellFormulaValue)),
    ],
    [
      'hidden-official-visible-copy.xlsx',
      'Mẫu 03 hidden, the real figures in a visible Mẫu 03 (2)',
      refused('L13', F03, null),
      await bytesOf(MONTH, (wb) => {
        copySheet(wb, F03, `${F03} (2)`, (c) => void (c.getCell(FIRST, dataColumn(1)).value = 7));
        ws(wb, F03).state = 'hidden';
      }),
    ],
    [
      'two-visible-sheets.xlsx',
      'two visible Mẫu 03 with different figures',
      refused('L13', `${F03} (2)`, null),
      await bytesOf(MONTH, (wb) => void copySheet(wb, F03, `${F03} (2)`, (c) => void (c.getCell(FIRST, dataColumn(1)).value = 7))),
    ],
    ['period-disagrees.xlsx', 'Mẫu 04 still shows last period', refused('L11', F03, null), await bytesOf(H1, (wb) => void (ws(wb, F04).getCell(PERIOD_CELL).value = '2025-H1'))],
    [
      'duplicate-column.xlsx',
      'a column numbered twice',
      refused('L05', F03, addr(FORM_LAYOUT.numberRow, lastF03 + 1)),
      await bytesOf(MONTH, (wb) => void (ws(wb, F03).getCell(FORM_LAYOUT.numberRow, lastF03 + 1).value = '(3)')),
    ],
    [
      'missing-column.xlsx',
      'a column deleted',
      refused('L04', F04, addr(FORM_LAYOUT.numberRow, dataColumn(FORMS.F04.columns.length))),
      await bytesOf(H1, (wb) => void ws(wb, F04).spliceColumns(dataColumn(FORMS.F04.columns.length), 1)),
    ],
    ['shifted-columns.xlsx', 'a column inserted before the table', refused('L03', F03, addr(FORM_LAYOUT.numberRow, dataColumn(1) + 1)), await bytesOf(MONTH, (wb) => void ws(wb, F03).spliceColumns(2, 0, []))],
    ['number-as-text.xlsx', 'a number stored as text', refused('V01', F03, addr(FIRST + 1, dataColumn(3))), await bytesOf(MONTH, (wb) => void (ws(wb, F03).getCell(FIRST + 1, dataColumn(3)).value = '1.234'))],
    ['unit-row-deleted.xlsx', 'a local office row deleted', refused('V14', F03, null), await bytesOf(H1, (wb) => void ws(wb, F03).spliceRows(FIRST + h1Rows - 1, 1))],
    ['duplicate-unit-row.xlsx', 'a unit row pasted twice', refused('L08', F03, addr(FIRST + 2, FORM_LAYOUT.codeColumn)), await bytesOf(MONTH, (wb) => void (ws(wb, F03).getCell(FIRST + 2, FORM_LAYOUT.codeColumn).value = MONTH.forms.F03!.rows[1].unitCode))],
    ['no-total-row.xlsx', 'total row deleted', refused('L06', F03, addr(monthTotal, FORM_LAYOUT.nameColumn)), await bytesOf(MONTH, (wb) => void ws(wb, F03).spliceRows(monthTotal, 1))],
    ['date-impossible.xlsx', 'a report date that does not exist', refused('L10', F03, DATE_CELL), await bytesOf(MONTH, (wb) => void (ws(wb, F03).getCell(DATE_CELL).value = '30/02/2026'))],
    [
      'pasted-no-title.xlsx',
      'the table pasted into a fresh workbook, no title block, no _meta',
      refused('V14', F03, null),
      await bytesOf(MONTH, (wb) => {
        wb.removeWorksheet(ws(wb, META_SHEET).id);
        ws(wb, F03).spliceRows(1, FORM_LAYOUT.groupRow - 1);
      }),
    ],
    ['5101_2026-03.xlsx', "a local office's own workbook", refused('P08', null, null), await bytesOf(LOCAL)],
    ['empty.xlsx', 'an empty file', refused('L00', null, null), new Uint8Array()],
    ['old-excel-renamed.xlsx', 'an Excel 97 file renamed .xlsx', refused('L00', null, null), new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)])],
    // Other files that land in the folder.
    ['so-lieu.csv', 'a CSV export', { kind: 'skipped', rule: 'P06' }, 'Mã đơn vị,Hội nghị\n01,3\n'],
    ['cong-van.pdf', 'the covering letter', { kind: 'skipped', rule: 'P06' }, '%PDF-1.4\n'],
    ['cong-van.docx', 'a Word document', { kind: 'skipped', rule: 'P06' }, 'PK\u0003\u0004'],
    ['anh-chup.png', 'a photo of the printed report', { kind: 'skipped', rule: 'P06' }, '\u0089PNG'],
    ['~$01_2026-03.xlsx', 'Excel lock file of an open workbook', { kind: 'skipped', rule: 'P07' }, 'lock'],
    ['.~lock.51_2026-H1.ods#', 'LibreOffice lock file', { kind: 'skipped', rule: 'P07' }, 'lock'],
  ];
  return list.map(([file, how, expect, bytes]) => ({ file, how, expect, bytes }));
}

/** Writes the corpus into `dir` (LibreOffice saves made in `work`); returns the variants. */
export async function writeCorpus(dir: string, work: string): Promise<Variant[]> {
  mkdirSync(dir, { recursive: true });
  const made = await exceljsVariants();
  for (const v of made) writeFileSync(join(dir, v.file), v.bytes);
  const variants: Variant[] = made.map(({ bytes, ...v }) => v);

  // Saved through LibreOffice, as clerks do: one soffice run per format.
  const sources: Record<string, string[]> = {
    xlsx: ['51_2026-H1.xlsx', '01_2026-03.xlsx', '79_2026.xlsx', 'reused-period.xlsx', 'extra-notes-column.xlsx', 'sheet-order.xlsx', 'hidden-official-visible-copy.xlsx'],
    ods: ['51_2026-H1.xlsx', '01_2026-03.xlsx', 'reused-h1.xlsx', 'total-row-above.xlsx', 'code-as-number.xlsx', 'duplicate-column.xlsx'],
    xls: ['51_2026-H1.xlsx', '01_2026-03.xlsx', 'caption-one-cell-date.xlsx', 'sheet-hidden.xlsx', 'number-as-text.xlsx'],
  };
  const byFile = new Map(variants.map((v) => [v.file, v]));
  for (const [format, files] of Object.entries(sources)) {
    const out = join(work, `lo-${format}`);
    const saved = await saveAllWithLibreOffice(files.map((f) => join(dir, f)), format, out, work);
    saved.forEach((path, i) => {
      const source = byFile.get(files[i])!;
      const file = `lo-${format}_${files[i].replace(/\.xlsx$/, `.${format}`)}`;
      copyFileSync(path, join(dir, file));
      const converted = format !== 'xlsx';
      let expect: Expectation = source.expect.kind === 'read' && converted ? { ...source.expect, notes: [...source.expect.notes, 'P04'] } : source.expect;
      // LibreOffice shows the sheet that was active, hidden or not: the official sheet comes
      // back visible, and two visible sheets with different figures are still refused.
      if (files[i] === 'hidden-official-visible-copy.xlsx') expect = refused('L13', `${F03} (2)`, null);
      variants.push({ file, how: `${source.how}, saved by LibreOffice as .${format}`, expect });
    });
  }
  // An .ods on a machine without LibreOffice: refused with how to save as .xlsx.
  copyFileSync(join(dir, 'lo-ods_01_2026-03.ods'), join(dir, 'no-libreoffice.ods'));
  variants.push({ file: 'no-libreoffice.ods', how: '.ods where LibreOffice is not installed', expect: refused('P05', null, null), withoutLibreOffice: true });
  return variants;
}
