/**
 * The report workbook (docs/FORMS.md "Workbook layout"): the model both adapters render
 * (`model.ts`, `styles.ts`), where everything sits (`positions.ts`) and the builder (`build.ts`).
 */
export * from './model';
export * from './styles';
export * from './positions';
export * from './build';
// Until the reader and the add-in's adapter import them from core/spreadsheet (they are being edited elsewhere).
export { DAY_MS, EXCEL_EPOCH_MS, rangeAddress, spreadsheetSum } from '../spreadsheet';
