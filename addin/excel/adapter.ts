/**
 * The only module that talks to Excel. Every `Excel.run` and `context.sync` of the add-in is
 * here, and each operation uses a fixed number of syncs whatever the number of rows: reads and
 * writes go through whole-range arrays, never cell by cell.
 *
 * - read: 2 syncs (the workbook's sheet list with each sheet's visibility, then the arrays of
 *   every report sheet, copy of one and the metadata at once)
 * - writeSheets, writeBlocks (cell values and the check's marks), select, watchChanges: 1 sync each
 * - openAsNewWorkbook: no sync (Excel.createWorkbook is a call of its own)
 */
import { normalizeSheetName, reportSheetOf } from '../../core/forms';
import { META_SHEET } from '../../core/layout';
import { rangeAddress } from '../../core/spreadsheet';
import { PaneError } from '../pane-error';
import type { OfficeScalar, SheetArrays } from './cells';
import { BORDER_COLOR, type FormatRun, type SheetPlan } from './render';

/**
 * The ExcelApi requirement set the adapter needs (manifest.xml names the same): 1.9 for
 * getCellProperties/setCellProperties, pageLayout and the workbook-wide onChanged event;
 * 1.8 for data validation and gridlines; 1.7 for frozen panes.
 */
export const REQUIRED_EXCEL_API = '1.9';

export type ExcelRunner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** `Excel.createWorkbook` (ExcelApi 1.8): opens a file given as base64 as a new, unsaved workbook. */
export type WorkbookOpener = (base64: string) => Promise<void>;

/**
 * From ExcelApi 1.19 Excel keeps the Undo history across the add-in's writes; below it every
 * write through the API empties that history.
 */
export const UNDO_KEEPING_EXCEL_API = '1.19';

/** Bytes as base64, in slices (a spread of a whole file would overflow the call stack). */
export function base64Of(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export interface SheetState extends SheetArrays {
  protected: boolean;
  protectionOptions: Excel.WorksheetProtectionOptions;
  /** Fill colours `RRGGBB` (upper case) over the same range, for clearing earlier marks. */
  fills: string[][];
}

/**
 * The report sheets of the open workbook (forms, targets, copies of them such as `Mẫu 03 (2)`,
 * the metadata), each read from A1 with its visibility: the reader needs them all to tell a
 * hidden official sheet from the visible copy the clerk really filled in (L13, L16, L17).
 */
export interface WorkbookSnapshot {
  sheets: SheetState[];
}

/** A block of cells to overwrite: formulas (or constants) and/or cell properties. */
export interface BlockWrite {
  sheet: string;
  address: string;
  formulas?: OfficeScalar[][];
  cellProperties?: Excel.SettableCellProperties[][];
}

/** Sheets the add-in reads: the forms, the targets sheet, copies of them, the hidden metadata. */
export function isReportSheet(name: string): boolean {
  return reportSheetOf(name) !== null || normalizeSheetName(name) === META_SHEET;
}

/** Options a sheet is protected with: users may still widen columns and see marks added. */
const PROTECTION: Excel.WorksheetProtectionOptions = {
  allowFormatCells: true,
  allowFormatColumns: true,
  allowFormatRows: true,
  selectionMode: 'Normal',
};

/**
 * How long after the add-in's own write Excel's change events are taken as that write's echo.
 * Below ExcelApi 1.14 events do not say who changed the cells (no `triggerSource`), and they
 * arrive after the sync that caused them.
 */
export const OWN_WRITE_ECHO_MS = 1000;

const fillOf = (p: Excel.CellProperties) => (p.format?.fill?.color ?? '#FFFFFF').replace(/^#/, '').toUpperCase();

export class ExcelAdapter {
  /** Writes under way, and the time until which change events are still their echo. */
  private writing = 0;
  private quietUntil = 0;

  constructor(
    private readonly run: ExcelRunner = (batch) => Excel.run(batch),
    private readonly now: () => number = Date.now,
    private readonly createWorkbook: WorkbookOpener = (base64) => Excel.createWorkbook(base64),
  ) {}

  /**
   * Opens an .xlsx file as a new workbook in its own window (a new tab in Excel on the web),
   * unsaved: the user saves it with Excel's own Save As, which works on every platform, where a
   * download from the pane does not (Excel for Mac's web view ignores it).
   */
  async openAsNewWorkbook(bytes: Uint8Array): Promise<void> {
    await this.createWorkbook(base64Of(bytes));
  }

  /** Runs a batch that changes cells, so that the change events it causes are not taken as edits. */
  private async write(batch: (context: Excel.RequestContext) => Promise<void>): Promise<void> {
    this.writing++;
    try {
      await this.run(batch);
    } finally {
      this.writing--;
      this.quietUntil = this.now() + OWN_WRITE_ECHO_MS;
    }
  }

  /**
   * Two syncs: the sheet list with visibility, then values, formulas, types, formats, fills and
   * protection of the report sheets among them.
   */
  async read(): Promise<WorkbookSnapshot> {
    return this.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load('items/name,items/visibility');
      await context.sync();
      const loads = sheets.items
        .filter((ws) => isReportSheet(ws.name))
        .map((ws) => {
          // From A1 to the last used cell, so row and column indexes match the sheet's.
          const range = ws.getRange('A1').getBoundingRect(ws.getUsedRange(true));
          range.load('values,formulas,valueTypes,numberFormat');
          const props = range.getCellProperties({ format: { fill: { color: true } } });
          ws.protection.load('protected,options');
          return { ws, range, props };
        });
      await context.sync();
      return {
        sheets: loads.map(({ ws, range, props }) => ({
          name: ws.name,
          visibility: ws.visibility,
          values: range.values as OfficeScalar[][],
          formulas: range.formulas as OfficeScalar[][],
          valueTypes: range.valueTypes as string[][],
          numberFormat: range.numberFormat as string[][],
          fills: props.value.map((row) => row.map(fillOf)),
          protected: ws.protection.protected,
          protectionOptions: ws.protection.options,
        })),
      };
    });
  }

  /**
   * One sync: (re)builds each planned sheet and deletes the `remove`d ones. An existing sheet
   * (matched by normalised name) is cleared and rewritten in place, so references to it from
   * other sheets survive.
   */
  async writeSheets(plans: SheetPlan[], snapshot: WorkbookSnapshot, remove: readonly string[] = []): Promise<void> {
    await this.write(async (context) => {
      const sheets = context.workbook.worksheets;
      const existingOf = (plan: SheetPlan) => snapshot.sheets.find((s) => normalizeSheetName(s.name) === normalizeSheetName(plan.name));
      const lifted = plans.map(existingOf).filter((s): s is SheetState => s?.protected === true);
      liftProtection(context, lifted);
      for (const name of remove) sheets.getItem(name).delete();
      plans.forEach((plan, position) => {
        const existing = existingOf(plan);
        const ws = existing ? sheets.getItem(existing.name) : sheets.add(plan.name);
        if (existing) {
          if (existing.name !== plan.name) ws.name = plan.name;
          ws.freezePanes.unfreeze();
          const all = ws.getRange();
          all.unmerge();
          all.dataValidation.clear();
          all.clear();
          all.format.useStandardHeight = true;
        }
        writePlan(ws, plan);
        ws.position = position;
        ws.visibility = plan.visibility;
      });
      const first = plans.find((p) => p.visibility === 'Visible');
      if (first) sheets.getItem(first.name).activate();
      await syncLifted(context, lifted);
    });
  }

  /** One sync: overwrites blocks of cells, lifting a sheet's protection around them if needed. */
  async writeBlocks(blocks: BlockWrite[], snapshot: WorkbookSnapshot): Promise<void> {
    if (blocks.length === 0) return;
    await this.write(async (context) => {
      const sheets = context.workbook.worksheets;
      const bySheet = new Map<string, BlockWrite[]>();
      for (const b of blocks) bySheet.set(b.sheet, [...(bySheet.get(b.sheet) ?? []), b]);
      // Formats pass under the add-in's own protection; values into locked cells do not.
      const lifted = [...bySheet].flatMap(([name, list]) => {
        const state = snapshot.sheets.find((s) => s.name === name);
        const formats = list.some((b) => b.cellProperties) && !state?.protectionOptions.allowFormatCells;
        return state?.protected === true && (list.some((b) => b.formulas) || formats) ? [state] : [];
      });
      liftProtection(context, lifted);
      for (const [name, list] of bySheet) {
        const ws = sheets.getItem(name);
        for (const b of list) {
          const range = ws.getRange(b.address);
          if (b.formulas) range.formulas = b.formulas;
          if (b.cellProperties) range.setCellProperties(b.cellProperties);
        }
      }
      for (const state of lifted) sheets.getItem(state.name).protection.protect(state.protectionOptions);
      await syncLifted(context, lifted);
    });
  }

  /** One sync: shows a cell (activating its sheet first). */
  async select(sheet: string, address: string): Promise<void> {
    await this.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      ws.activate();
      ws.getRange(address).select();
      await context.sync();
    });
  }

  /**
   * One sync: calls `onEdit` after a person changes cells. Changes during the adapter's own
   * writes, and for OWN_WRITE_ECHO_MS after them, are taken as the add-in's and left out (an
   * edit in that second goes unnoticed until the next one; the check button still sees it).
   */
  async watchChanges(onEdit: (sheetId: string) => void): Promise<void> {
    await this.run(async (context) => {
      context.workbook.worksheets.onChanged.add(async (event: Excel.WorksheetChangedEventArgs) => {
        if (this.writing > 0 || this.now() < this.quietUntil) return;
        onEdit(event.worksheetId);
      });
      await context.sync();
    });
  }
}

/**
 * Queues the lifting of the sheets' protection first in the batch, so that a sheet locked with a
 * password (which the add-in cannot lift) stops the batch before anything has changed.
 */
function liftProtection(context: Excel.RequestContext, sheets: readonly SheetState[]): void {
  for (const s of sheets) context.workbook.worksheets.getItem(s.name).protection.unprotect();
}

/**
 * Syncs a batch begun with liftProtection. When a sheet's protection could not be lifted (a
 * password), the sheets lifted before it are protected again and the user is told which sheet
 * to unlock; any other failure is passed on.
 */
async function syncLifted(context: Excel.RequestContext, lifted: readonly SheetState[]): Promise<void> {
  try {
    await context.sync();
  } catch (err) {
    if (lifted.length === 0) throw err;
    const states = lifted.map((s) => ({ s, protection: context.workbook.worksheets.getItem(s.name).protection.load('protected') }));
    await context.sync();
    const locked = states.find((x) => x.protection.protected);
    if (!locked) throw err;
    for (const x of states.slice(0, states.indexOf(locked))) x.protection.protect(x.s.protectionOptions);
    await context.sync();
    const name = locked.s.name;
    throw new PaneError({
      vi: `Trang "${name}" được khóa bằng mật khẩu nên tiện ích không ghi vào được; chưa có gì thay đổi. Hãy gỡ mật khẩu (Xem lại › Bỏ bảo vệ trang tính) rồi làm lại; tiện ích tự khóa lại trang, không cần mật khẩu.`,
      en: `Sheet "${name}" is protected with a password, so the add-in cannot write to it; nothing was changed. Remove the password (Review › Unprotect Sheet) and try again; the add-in protects the sheet again itself, without a password.`,
    });
  }
}

type BorderEdge = 'EdgeTop' | 'EdgeBottom' | 'EdgeLeft' | 'EdgeRight' | 'InsideHorizontal' | 'InsideVertical';

/** One rectangle's look; a freshly cleared sheet has no borders, so only present ones are set. */
function applyFormat(range: Excel.Range, run: FormatRun): void {
  const { format: f } = run;
  const format = range.format;
  format.font.name = f.font.name;
  format.font.size = f.font.size;
  format.font.bold = f.font.bold;
  format.font.italic = f.font.italic;
  format.font.color = f.font.color;
  format.fill.color = f.fill;
  format.horizontalAlignment = f.horizontal;
  format.verticalAlignment = f.vertical;
  format.wrapText = f.wrap;
  format.protection.locked = f.locked;
  if (!f.border) return;
  const edges: BorderEdge[] = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'];
  if (run.rows > 1) edges.push('InsideHorizontal');
  if (run.columns > 1) edges.push('InsideVertical');
  for (const edge of edges) {
    const border = format.borders.getItem(edge);
    border.style = 'Continuous';
    border.weight = 'Thin';
    border.color = BORDER_COLOR;
  }
}

function writePlan(ws: Excel.Worksheet, plan: SheetPlan): void {
  const block = ws.getRange(plan.address);
  // Number formats first: a code such as `0101` must land in a text cell to keep its zero.
  block.numberFormat = plan.numberFormat;
  block.formulas = plan.formulas;
  for (const run of plan.formats) applyFormat(ws.getRange(run.address), run);
  for (const m of plan.merges) ws.getRange(m).merge(false);
  for (const c of plan.columnWidths) ws.getRange(c.columns).format.columnWidth = c.points;
  for (const r of plan.rowHeights) ws.getRange(r.rows).format.rowHeight = r.points;
  const { rows, columns } = plan.frozen;
  if (rows > 0 && columns > 0) ws.freezePanes.freezeAt(ws.getRange(rangeAddress(1, 1, rows, columns)));
  else if (rows > 0) ws.freezePanes.freezeRows(rows);
  else if (columns > 0) ws.freezePanes.freezeColumns(columns);
  for (const v of plan.validations) {
    const dv = ws.getRange(v.range).dataValidation;
    dv.ignoreBlanks = true;
    dv.rule = { wholeNumber: { formula1: v.min, formula2: v.max, operator: 'Between' } };
    dv.errorAlert = { showAlert: true, style: 'Stop', title: v.errorTitle, message: v.error };
    dv.prompt = { showPrompt: true, title: v.promptTitle, message: v.prompt };
  }
  if (plan.visibility === 'Visible') {
    ws.showGridlines = false;
    ws.pageLayout.orientation = 'Landscape';
    ws.pageLayout.paperSize = 'A4';
    // "Fit all columns on one page": one page wide, the height left automatic.
    ws.pageLayout.zoom = { horizontalFitToPages: 1 };
    if (plan.printTitleRows) ws.pageLayout.setPrintTitleRows(plan.printTitleRows);
  }
  if (plan.protect) ws.protection.protect(PROTECTION);
}
