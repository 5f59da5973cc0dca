/**
 * Where a stored value stands in the workbook it came from: the sheet (as named in the file) and
 * the sheet column it was read from (a shifted, reordered or renamed sheet keeps its real cell),
 * or the template's for values stored before the warehouse recorded them.
 */
import { FORMS, TARGETS_SHEET, type FormId } from '../../core/forms';
import { dataColumn, TARGETS_LAYOUT } from '../../core/layout';
import { cellAddress } from '../../core/spreadsheet';
import { TARGET_COLUMNS, TARGETS_FORM } from './schema';

export function sheetCell(
  form: string,
  sheetRow: number,
  column: number,
  stored: number | null,
  storedSheet: string | null = null,
): { sheet: string; sheetColumn: number; cell: string } {
  const template =
    form === TARGETS_FORM ? (column === TARGET_COLUMNS.total ? TARGETS_LAYOUT.totalColumn : TARGETS_LAYOUT.achievedColumn) : dataColumn(column);
  const sheetColumn = stored ?? template;
  const sheet = storedSheet ?? (form === TARGETS_FORM ? TARGETS_SHEET : (FORMS[form as FormId]?.sheetName ?? form));
  return { sheet, sheetColumn, cell: cellAddress(sheetRow, sheetColumn) };
}
