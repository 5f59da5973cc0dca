/** Shared fixtures of the workbook tests: a small registry and "a person filling in Excel". */
import ExcelJS from 'exceljs';
import { FORMS, TARGETS, TARGETS_SHEET, type FormId, type TargetCode } from '../../core/forms';
import { FORM_LAYOUT, TARGETS_LAYOUT, TITLE_BLOCK, dataColumn, targetRowOf } from '../../core/layout';
import type { RawValue } from '../../core/submission';
import { UnitRegistry } from '../../core/units';

/** Province 01 (leading zero) with its office and three local offices; 35 ceased in 2025; 51 current. */
export const registry = UnitRegistry.fromCsv(`code,name,level,parent_code,valid_from,valid_to,successor_code,communes,placeholder
01,Hà Nội,province,,2025-07-01,,,126,0
0100,Văn phòng BHXH tỉnh,office,01,2025-07-01,,,,0
0101,BHXH cơ sở Ba Đình,local,01,2025-07-01,,,,0
0102,BHXH cơ sở Hoàn Kiếm,local,01,2025-07-01,,,,0
0103,BHXH cơ sở Tây Hồ,local,01,2025-07-01,,,,0
35,Hà Nam,province,,,2025-06-30,37,,0
3500,Văn phòng BHXH tỉnh,office,35,,2025-06-30,,,0
51,Quảng Ngãi,province,,2025-07-01,,,96,0
5100,Văn phòng BHXH tỉnh,office,51,2025-07-01,,,,0
5101,BHXH cơ sở Sơn Hà,local,51,2025-07-01,,,,0
`);

export const UNIT_ROWS_01 = ['0100', '0101', '0102', '0103'];

/**
 * What a person types into unit row `i` (0 = the provincial office), column `no`: distinct whole
 * numbers, some zeros, some cells left blank; provincial-only columns on the office row only.
 */
export function typedValue(form: FormId, i: number, no: number): number | null {
  if (FORMS[form].columns[no - 1].provincialOnly && i > 0) return null;
  if ((i + no) % 7 === 3) return null;
  if ((i * no) % 11 === 5) return 0;
  return 1000 * (i + 1) + 10 * no + (form === 'F04' ? 1 : 0);
}

export function typedTarget(code: TargetCode): { total: number | null; achieved: number } {
  const n = Number(code.slice(1));
  return code === 'T7' ? { total: null, achieved: 12 } : { total: 100 * n, achieved: 37 * n };
}

export async function loadBook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

export async function saveBook(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** Fills every form column of every unit row, the targets and the report date, as typed values. */
export async function fillAsPerson(bytes: Uint8Array, unitRows: number, reportDate: Date): Promise<Uint8Array> {
  const wb = await loadBook(bytes);
  wb.getWorksheet(FORMS.F03.sheetName)!.getCell(TITLE_BLOCK.reportDate.row, TITLE_BLOCK.reportDate.column).value = reportDate;
  for (const form of ['F03', 'F04'] as FormId[]) {
    const ws = wb.getWorksheet(FORMS[form].sheetName);
    if (!ws) continue;
    for (let i = 0; i < unitRows; i++) {
      for (const col of FORMS[form].columns) {
        ws.getCell(FORM_LAYOUT.firstDataRow + i, dataColumn(col.no)).value = typedValue(form, i, col.no);
      }
    }
  }
  const targets = wb.getWorksheet(TARGETS_SHEET);
  if (targets) {
    for (const t of TARGETS) {
      const v = typedTarget(t.code);
      targets.getCell(targetRowOf(t.code), TARGETS_LAYOUT.totalColumn).value = v.total;
      targets.getCell(targetRowOf(t.code), TARGETS_LAYOUT.achievedColumn).value = v.achieved;
    }
  }
  return saveBook(wb);
}

/** Sets one cell of a sheet to a raw value (text, decimal, error…). */
export async function setCell(bytes: Uint8Array, sheet: string, address: string, value: RawValue): Promise<Uint8Array> {
  const wb = await loadBook(bytes);
  wb.getWorksheet(sheet)!.getCell(address).value = value as ExcelJS.CellValue;
  return saveBook(wb);
}
