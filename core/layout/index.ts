/**
 * The report workbook (docs/FORMS.md "Workbook layout"): the model both adapters render
 * (`model.ts`, `styles.ts`), where everything sits (`positions.ts`) and the builder (`build.ts`).
 */
export * from './model';
export * from './styles';
export * from './positions';
export * from './build';
