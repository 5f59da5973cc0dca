/**
 * An in-memory stand-in for Excel's JavaScript API, strict where the real one is strict:
 * properties read before `load` + `sync` throw, an error inside a batch rejects `sync` and skips
 * the rest of the batch, locked cells of a protected sheet refuse writes, a sheet protected with a
 * password refuses `unprotect()` without it, text that looks like a number becomes a number unless
 * the cell is formatted as text, a leading apostrophe makes the input text and is not kept (so
 * `formulas` gives such a cell back without it, as Excel does), and cell changes made through the
 * API raise `onChanged` after the sync, with no `triggerSource` (a host below ExcelApi 1.14).
 * Every `sync` is counted, so the adapter's batching can be measured. Used by the jest tests and, bundled, as the Office.js stub
 * of the browser test. Only the API surface the add-in uses is implemented.
 */
import { cellAddress, parseRange, type Rect } from '../../core/spreadsheet';

type Scalar = string | number | boolean;

interface FakeFormat {
  fill?: string;
  bold?: boolean;
  italic?: boolean;
  fontName?: string;
  fontSize?: number;
  fontColor?: string;
  horizontal?: string;
  vertical?: string;
  wrap?: boolean;
  border?: boolean;
  locked: boolean;
}

interface FakeCell {
  value: Scalar | null;
  formula: string | null;
  error: string | null;
  numberFormat: string;
  format: FakeFormat;
}

interface FakeValidation {
  rect: Rect;
  rule: unknown;
  errorAlert: unknown;
  prompt: unknown;
}

export interface FakeSheet {
  id: string;
  name: string;
  visibility: 'Visible' | 'Hidden' | 'VeryHidden';
  cells: Map<string, FakeCell>;
  merges: Rect[];
  columnWidths: Map<number, number>;
  rowHeights: Map<number, number>;
  frozen: Rect | null;
  showGridlines: boolean;
  validations: FakeValidation[];
  protection: { protected: boolean; options: Excel.WorksheetProtectionOptions; password?: string };
  pageLayout: { orientation?: string; paperSize?: string; zoom?: Excel.PageLayoutZoomOptions; printTitleRows?: string };
}

const key = (row: number, column: number) => `${row},${column}`;
const blankCell = (): FakeCell => ({ value: null, formula: null, error: null, numberFormat: 'General', format: { locked: true } });

class ExcelError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

export class FakeWorkbook {
  readonly sheets: FakeSheet[] = [];
  private nextId = 1;
  activeSheet: FakeSheet | null = null;
  selection: { sheet: string; address: string } | null = null;
  /** Syncs of every context, in order; tests read and reset it. */
  syncs = 0;
  readonly changeHandlers: ((args: Excel.WorksheetChangedEventArgs) => Promise<unknown>)[] = [];
  /** Files opened as new workbooks through `Excel.createWorkbook`, as the base64 it was given. */
  readonly createdWorkbooks: string[] = [];
  /** When set, `Excel.createWorkbook` rejects with this error (a host that refuses it). */
  createWorkbookError: string | null = null;
  /** Change events raised by API writes, delivered one by one after the sync that caused them. */
  private delivery: Promise<void> = Promise.resolve();

  addSheet(name: string): FakeSheet {
    if (this.findSheet(name)) throw new ExcelError('ItemAlreadyExists', `sheet ${name}`);
    const sheet: FakeSheet = {
      id: `{sheet-${this.nextId++}}`,
      name,
      visibility: 'Visible',
      cells: new Map(),
      merges: [],
      columnWidths: new Map(),
      rowHeights: new Map(),
      frozen: null,
      showGridlines: true,
      validations: [],
      protection: { protected: false, options: {} },
      pageLayout: {},
    };
    this.sheets.push(sheet);
    this.activeSheet ??= sheet;
    return sheet;
  }

  findSheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  sheet(name: string): FakeSheet {
    const s = this.findSheet(name);
    if (!s) throw new ExcelError('ItemNotFound', `sheet ${name}`);
    return s;
  }

  cell(sheet: string, address: string): FakeCell {
    const { top, left } = parseRange(address);
    return this.sheet(sheet).cells.get(key(top, left)) ?? blankCell();
  }

  /** The value a cell shows: its constant, or its formula's result. */
  valueAt(sheet: FakeSheet, row: number, column: number): Scalar | null {
    const c = sheet.cells.get(key(row, column));
    if (!c) return null;
    return c.formula !== null ? this.evaluate(sheet, c.formula) : c.value;
  }

  /** A user typing into a cell: the value lands, then `onChanged` fires. */
  async edit(sheetName: string, address: string, input: Scalar | null): Promise<void> {
    const sheet = this.sheet(sheetName);
    const { top, left } = parseRange(address);
    writeInput(sheet, top, left, input);
    await Promise.all(this.changeHandlers.map((h) => h(changedArgs(sheet, address))));
  }

  /** An API write changed cells: `onChanged` fires once the sync is over, as in Excel. */
  apiChanged(sheet: FakeSheet, address: string): void {
    if (this.changeHandlers.length === 0) return;
    const args = changedArgs(sheet, address);
    this.delivery = this.delivery
      .then(() => new Promise((resolve) => setTimeout(resolve, 0)))
      .then(() => Promise.all(this.changeHandlers.map((h) => h(args))))
      .then(() => undefined);
  }

  /** Resolves once every change event raised so far has been handled. */
  eventsDelivered(): Promise<void> {
    return this.delivery;
  }

  /** The formulas the add-in writes: SUM over a block, a guarded ratio, a guarded reference. */
  evaluate(sheet: FakeSheet, formula: string): Scalar | null {
    const f = formula.replace(/^=/, '').replace(/\$/g, '');
    let m = /^SUM\(([A-Z]+\d+):([A-Z]+\d+)\)$/.exec(f);
    if (m) {
      const r = parseRange(`${m[1]}:${m[2]}`);
      let sum = 0;
      for (let row = r.top; row <= r.bottom; row++) {
        for (let col = r.left; col <= r.right; col++) {
          const v = this.valueAt(sheet, row, col);
          if (typeof v === 'number') sum += v;
        }
      }
      return sum;
    }
    m = /^IF\(([A-Z]+\d+)>0,([A-Z]+\d+)\/([A-Z]+\d+),""\)$/.exec(f);
    if (m) {
      const at = (a: string) => {
        const p = parseRange(a);
        return this.valueAt(sheet, p.top, p.left);
      };
      const total = at(m[1]);
      return typeof total === 'number' && total > 0 ? Number(at(m[2]) ?? 0) / total : '';
    }
    m = /^IF\('([^']+)'!([A-Z]+\d+)="","",'([^']+)'!([A-Z]+\d+)\)$/.exec(f);
    if (m) {
      const p = parseRange(m[4]);
      const v = this.valueAt(this.sheet(m[3]), p.top, p.left);
      return v === null ? '' : v;
    }
    throw new Error(`fake Excel cannot evaluate =${f}`);
  }
}

/** ExcelApi 1.9's event arguments: no `triggerSource` (ExcelApi 1.14), so own writes look like edits. */
function changedArgs(sheet: FakeSheet, address: string): Excel.WorksheetChangedEventArgs {
  return { address, changeType: 'RangeEdited', source: 'Local', type: 'WorksheetChanged', worksheetId: sheet.id } as unknown as Excel.WorksheetChangedEventArgs;
}

const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * What typing or writing `input` does to a cell: `=…` is a formula, numeric text a number, and a
 * leading apostrophe makes the rest text (Excel keeps it only as a hidden prefix, not in the text).
 */
function writeInput(sheet: FakeSheet, row: number, column: number, input: Scalar | null): void {
  const k = key(row, column);
  const c = sheet.cells.get(k) ?? blankCell();
  c.formula = null;
  c.error = null;
  if (input === null || input === '') c.value = null;
  else if (typeof input === 'string' && input.startsWith("'")) c.value = input.slice(1) || null;
  else if (typeof input === 'string' && input.startsWith('=')) c.formula = input;
  else if (typeof input === 'string' && /^#(REF!|VALUE!|DIV\/0!|N\/A|NAME\?|NUM!|NULL!)$/.test(input)) c.error = input;
  else if (typeof input === 'string' && c.numberFormat !== '@' && NUMERIC.test(input.trim())) c.value = Number(input);
  else c.value = input;
  sheet.cells.set(k, c);
}

function* cellsOf(r: Rect): Generator<[number, number]> {
  for (let row = r.top; row <= r.bottom; row++) for (let col = r.left; col <= r.right; col++) yield [row, col];
}

function usedRect(sheet: FakeSheet, valuesOnly: boolean): Rect {
  let bottom = 0;
  let right = 0;
  for (const [k, c] of sheet.cells) {
    const has = c.value !== null || c.formula !== null || c.error !== null;
    const formatted = c.numberFormat !== 'General' || Object.keys(c.format).length > 1 || !c.format.locked;
    if (!has && (valuesOnly || !formatted)) continue;
    const [row, col] = k.split(',').map(Number);
    bottom = Math.max(bottom, row);
    right = Math.max(right, col);
  }
  // An empty sheet's used range is A1, as in Excel.
  return bottom === 0 ? { top: 1, left: 1, bottom: 1, right: 1 } : { top: 1, left: 1, bottom, right };
}

/** One request context: queues operations, runs them on `sync`, counts syncs. */
export class FakeContext {
  syncs = 0;
  private queue: (() => void)[] = [];
  private readonly afterSync: (() => void)[] = [];
  readonly workbook: FakeWorkbookApi;

  constructor(readonly book: FakeWorkbook) {
    this.workbook = new FakeWorkbookApi(this);
  }

  get pending(): boolean {
    return this.queue.length > 0;
  }

  enqueue(op: () => void, onSynced?: () => void): void {
    this.queue.push(op);
    if (onSynced) this.afterSync.push(onSynced);
  }

  async sync(): Promise<void> {
    this.syncs++;
    this.book.syncs++;
    const ops = this.queue;
    const done = this.afterSync.splice(0);
    this.queue = [];
    await Promise.resolve();
    for (const op of ops) op(); // the first error rejects the sync; the rest of the batch is skipped
    for (const d of done) d();
  }
}

/** Holds a loaded value; reading it before the sync that loads it throws, as in Office.js. */
class Loadable<T> {
  private value: { v: T } | null = null;
  constructor(private readonly what: string) {}
  set(v: T): void {
    this.value = { v };
  }
  get(): T {
    if (!this.value) throw new ExcelError('PropertyNotLoaded', `${this.what} read before load() and sync()`);
    return this.value.v;
  }
}

function requestedProps(props: string | string[] | undefined): string[] {
  if (props === undefined) return [];
  return (Array.isArray(props) ? props : props.split(',')).map((p) => p.trim()).filter(Boolean);
}

class FakeWorkbookApi {
  readonly worksheets: FakeWorksheetCollection;
  constructor(readonly ctx: FakeContext) {
    this.worksheets = new FakeWorksheetCollection(ctx);
  }
}

class FakeWorksheetCollection {
  private readonly loadedItems = new Loadable<FakeWorksheet[]>('worksheets.items');
  readonly onChanged: { add: (h: (args: Excel.WorksheetChangedEventArgs) => Promise<unknown>) => void };

  constructor(private readonly ctx: FakeContext) {
    this.onChanged = {
      add: (h) => this.ctx.enqueue(() => void this.ctx.book.changeHandlers.push(h)),
    };
  }

  get items(): FakeWorksheet[] {
    return this.loadedItems.get();
  }

  load(props?: string | string[]): this {
    const fields = requestedProps(props).map((p) => p.replace(/^items\//, ''));
    let snapshot: FakeWorksheet[] = [];
    this.ctx.enqueue(
      () => {
        snapshot = this.ctx.book.sheets.map((s) => {
          const ws = new FakeWorksheet(this.ctx, () => s);
          ws.fill(s, fields);
          return ws;
        });
      },
      () => this.loadedItems.set(snapshot),
    );
    return this;
  }

  getItem(name: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => this.ctx.book.sheet(name));
  }

  add(name: string): FakeWorksheet {
    let created: FakeSheet | null = null;
    this.ctx.enqueue(() => {
      created = this.ctx.book.addSheet(name);
    });
    return new FakeWorksheet(this.ctx, () => {
      if (!created) throw new ExcelError('InvalidReference', `sheet ${name} not added yet`);
      return created;
    });
  }
}

class FakeWorksheet {
  private readonly loadedName = new Loadable<string>('worksheet.name');
  private readonly loadedVisibility = new Loadable<string>('worksheet.visibility');
  readonly protection: FakeProtection;
  readonly freezePanes: {
    freezeAt: (r: FakeRange | string) => void;
    freezeRows: (n: number) => void;
    freezeColumns: (n: number) => void;
    unfreeze: () => void;
  };
  readonly pageLayout: FakePageLayout;

  constructor(
    private readonly ctx: FakeContext,
    readonly resolve: () => FakeSheet,
  ) {
    this.protection = new FakeProtection(ctx, resolve);
    this.freezePanes = {
      freezeAt: (r) =>
        ctx.enqueue(() => {
          resolve().frozen = typeof r === 'string' ? parseRange(r) : r.rect();
        }),
      freezeRows: (n) => ctx.enqueue(() => void (resolve().frozen = { top: 1, left: 1, bottom: n, right: 0 })),
      freezeColumns: (n) => ctx.enqueue(() => void (resolve().frozen = { top: 1, left: 1, bottom: 0, right: n })),
      unfreeze: () => ctx.enqueue(() => void (resolve().frozen = null)),
    };
    this.pageLayout = new FakePageLayout(ctx, resolve);
  }

  /** Fills loaded fields from a collection load. */
  fill(sheet: FakeSheet, fields: string[]): void {
    if (fields.includes('name')) this.loadedName.set(sheet.name);
    if (fields.includes('visibility')) this.loadedVisibility.set(sheet.visibility);
  }

  get name(): string {
    return this.loadedName.get();
  }

  set name(name: string) {
    this.ctx.enqueue(() => {
      const sheet = this.resolve();
      const clash = this.ctx.book.findSheet(name);
      if (clash && clash !== sheet) throw new ExcelError('ItemAlreadyExists', `sheet ${name}`);
      sheet.name = name;
    });
  }

  set showGridlines(show: boolean) {
    this.ctx.enqueue(() => void (this.resolve().showGridlines = show));
  }

  get visibility(): string {
    return this.loadedVisibility.get();
  }

  set visibility(v: string) {
    this.ctx.enqueue(() => {
      const sheet = this.resolve();
      if (v !== 'Visible' && this.ctx.book.sheets.filter((s) => s.visibility === 'Visible' && s !== sheet).length === 0) {
        throw new ExcelError('InvalidOperation', 'a workbook needs one visible sheet');
      }
      sheet.visibility = v as FakeSheet['visibility'];
    });
  }

  set position(p: number) {
    this.ctx.enqueue(() => {
      const sheet = this.resolve();
      const list = this.ctx.book.sheets;
      list.splice(list.indexOf(sheet), 1);
      list.splice(Math.min(p, list.length), 0, sheet);
    });
  }

  load(props?: string | string[]): this {
    const fields = requestedProps(props);
    let sheet: FakeSheet | null = null;
    this.ctx.enqueue(
      () => {
        sheet = this.resolve();
      },
      () => sheet && this.fill(sheet, fields),
    );
    return this;
  }

  getRange(address?: string): FakeRange {
    return new FakeRange(this.ctx, this.resolve, () => (address ? parseRange(address) : parseRange('A1:XFD1048576')));
  }

  getUsedRange(valuesOnly?: boolean): FakeRange {
    return new FakeRange(this.ctx, this.resolve, () => usedRect(this.resolve(), valuesOnly ?? false));
  }

  activate(): void {
    this.ctx.enqueue(() => {
      this.ctx.book.activeSheet = this.resolve();
    });
  }

  delete(): void {
    this.ctx.enqueue(() => {
      const sheet = this.resolve();
      const book = this.ctx.book;
      if (book.sheets.filter((s) => s.visibility === 'Visible' && s !== sheet).length === 0) {
        throw new ExcelError('InvalidOperation', 'a workbook needs one visible sheet');
      }
      book.sheets.splice(book.sheets.indexOf(sheet), 1);
      if (book.activeSheet === sheet) book.activeSheet = book.sheets.find((s) => s.visibility === 'Visible') ?? null;
    });
  }
}

class FakeProtection {
  private readonly loadedProtected = new Loadable<boolean>('protection.protected');
  private readonly loadedOptions = new Loadable<Excel.WorksheetProtectionOptions>('protection.options');

  constructor(
    private readonly ctx: FakeContext,
    private readonly resolve: () => FakeSheet,
  ) {}

  get protected(): boolean {
    return this.loadedProtected.get();
  }

  get options(): Excel.WorksheetProtectionOptions {
    return this.loadedOptions.get();
  }

  load(props?: string | string[]): this {
    const fields = requestedProps(props);
    let snap: FakeSheet['protection'] | null = null;
    this.ctx.enqueue(
      () => {
        snap = structuredClone(this.resolve().protection);
      },
      () => {
        if (!snap) return;
        if (fields.includes('protected')) this.loadedProtected.set(snap.protected);
        if (fields.includes('options')) this.loadedOptions.set(snap.options);
      },
    );
    return this;
  }

  protect(options?: Excel.WorksheetProtectionOptions, password?: string): void {
    this.ctx.enqueue(() => {
      const sheet = this.resolve();
      if (sheet.protection.protected) throw new ExcelError('InvalidOperation', 'sheet is already protected');
      sheet.protection = { protected: true, options: { ...options }, ...(password === undefined ? {} : { password }) };
    });
  }

  unprotect(password?: string): void {
    this.ctx.enqueue(() => {
      const sheet = this.resolve();
      const p = sheet.protection;
      if (p.protected && p.password !== undefined && p.password !== password) {
        throw new ExcelError('InvalidOperation', `sheet ${sheet.name} is protected with a password`);
      }
      sheet.protection = { protected: false, options: {} };
    });
  }
}

class FakePageLayout {
  constructor(
    private readonly ctx: FakeContext,
    private readonly resolve: () => FakeSheet,
  ) {}
  set orientation(v: string) {
    this.ctx.enqueue(() => void (this.resolve().pageLayout.orientation = v));
  }
  set paperSize(v: string) {
    this.ctx.enqueue(() => void (this.resolve().pageLayout.paperSize = v));
  }
  set zoom(v: Excel.PageLayoutZoomOptions) {
    this.ctx.enqueue(() => void (this.resolve().pageLayout.zoom = v));
  }
  setPrintTitleRows(rows: string): void {
    this.ctx.enqueue(() => void (this.resolve().pageLayout.printTitleRows = rows));
  }
}

/** `#REF!` etc. in Office's `values` come as the error text with valueType `Error`. */
function readGrid<T>(r: Rect, at: (row: number, col: number) => T): T[][] {
  const out: T[][] = [];
  for (let row = r.top; row <= r.bottom; row++) {
    const line: T[] = [];
    for (let col = r.left; col <= r.right; col++) line.push(at(row, col));
    out.push(line);
  }
  return out;
}

class FakeRange {
  private readonly loaded = new Map<string, Loadable<unknown>>();
  readonly format: FakeRangeFormat;
  readonly dataValidation: FakeDataValidation;

  constructor(
    private readonly ctx: FakeContext,
    private readonly sheetOf: () => FakeSheet,
    private readonly rectOf: () => Rect,
  ) {
    this.format = new FakeRangeFormat(ctx, sheetOf, rectOf);
    this.dataValidation = new FakeDataValidation(ctx, sheetOf, rectOf);
  }

  rect(): Rect {
    return this.rectOf();
  }

  private prop<T>(name: string): T {
    const l = this.loaded.get(name);
    if (!l) throw new ExcelError('PropertyNotLoaded', `range.${name} read before load() and sync()`);
    return l.get() as T;
  }

  get address(): string {
    return this.prop('address');
  }
  get rowIndex(): number {
    return this.prop('rowIndex');
  }
  get columnIndex(): number {
    return this.prop('columnIndex');
  }
  get rowCount(): number {
    return this.prop('rowCount');
  }
  get columnCount(): number {
    return this.prop('columnCount');
  }
  get values(): Scalar[][] {
    return this.prop('values');
  }
  get formulas(): Scalar[][] {
    return this.prop('formulas');
  }
  get valueTypes(): string[][] {
    return this.prop('valueTypes');
  }
  get numberFormat(): string[][] {
    return this.prop('numberFormat');
  }

  load(props?: string | string[]): this {
    const fields = requestedProps(props);
    const snapshot = new Map<string, unknown>();
    for (const f of fields) if (!this.loaded.has(f)) this.loaded.set(f, new Loadable(`range.${f}`));
    this.ctx.enqueue(
      () => {
        const sheet = this.sheetOf();
        const r = this.rectOf();
        const book = this.ctx.book;
        const cell = (row: number, col: number) => sheet.cells.get(key(row, col)) ?? blankCell();
        const readers: Record<string, () => unknown> = {
          address: () => `'${sheet.name}'!${cellAddress(r.top, r.left)}:${cellAddress(r.bottom, r.right)}`,
          rowIndex: () => r.top - 1,
          columnIndex: () => r.left - 1,
          rowCount: () => r.bottom - r.top + 1,
          columnCount: () => r.right - r.left + 1,
          values: () => readGrid(r, (row, col) => cell(row, col).error ?? book.valueAt(sheet, row, col) ?? ''),
          formulas: () =>
            readGrid(r, (row, col) => {
              const c = cell(row, col);
              return c.formula ?? c.error ?? c.value ?? '';
            }),
          valueTypes: () =>
            readGrid(r, (row, col) => {
              if (cell(row, col).error) return 'Error';
              const v = book.valueAt(sheet, row, col);
              if (v === null || v === '') return 'Empty';
              return typeof v === 'number' ? 'Double' : typeof v === 'boolean' ? 'Boolean' : 'String';
            }),
          numberFormat: () => readGrid(r, (row, col) => cell(row, col).numberFormat),
        };
        for (const f of fields) {
          const read = readers[f];
          if (!read) throw new Error(`fake Excel cannot load range.${f}`);
          snapshot.set(f, read());
        }
      },
      () => {
        for (const [f, v] of snapshot) this.loaded.get(f)!.set(v);
      },
    );
    return this;
  }

  private writeGrid<T>(grid: T[][], apply: (sheet: FakeSheet, row: number, col: number, v: T) => void, what: string, changesCells = false): void {
    this.ctx.enqueue(() => {
      const sheet = this.sheetOf();
      const r = this.rectOf();
      const rows = r.bottom - r.top + 1;
      const cols = r.right - r.left + 1;
      if (grid.length !== rows || grid.some((line) => line.length !== cols)) {
        throw new ExcelError('InvalidArgument', `${what}: ${grid.length}×${grid[0]?.length} for a ${rows}×${cols} range`);
      }
      assertEditable(sheet, r, what);
      grid.forEach((line, i) => line.forEach((v, j) => apply(sheet, r.top + i, r.left + j, v)));
      if (changesCells) this.ctx.book.apiChanged(sheet, rectAddress(r));
    });
  }

  set values(grid: (Scalar | null)[][]) {
    this.writeGrid(grid, writeInput, 'values', true);
  }

  set formulas(grid: (Scalar | null)[][]) {
    this.writeGrid(grid, writeInput, 'formulas', true);
  }

  set numberFormat(grid: string[][]) {
    this.writeGrid(
      grid,
      (sheet, row, col, f) => {
        const k = key(row, col);
        const c = sheet.cells.get(k) ?? blankCell();
        c.numberFormat = f;
        sheet.cells.set(k, c);
      },
      'numberFormat',
    );
  }

  getCellProperties(options: Excel.CellPropertiesLoadOptions): { value: Excel.CellProperties[][] } {
    const result = new Loadable<Excel.CellProperties[][]>('cellProperties');
    let snap: Excel.CellProperties[][] = [];
    this.ctx.enqueue(
      () => {
        const sheet = this.sheetOf();
        snap = readGrid(this.rectOf(), (row, col) => {
          const c = sheet.cells.get(key(row, col)) ?? blankCell();
          const format: Excel.CellPropertiesFormat = {};
          if (options.format?.fill) format.fill = { color: c.format.fill ? `#${c.format.fill}` : '#FFFFFF' };
          if (options.format?.protection) format.protection = { locked: c.format.locked };
          return { format };
        });
      },
      () => result.set(snap),
    );
    return {
      get value() {
        return result.get();
      },
    };
  }

  setCellProperties(grid: Excel.SettableCellProperties[][]): void {
    this.ctx.enqueue(() => {
      const sheet = this.sheetOf();
      const r = this.rectOf();
      if (sheet.protection.protected && !sheet.protection.options.allowFormatCells) {
        throw new ExcelError('AccessDenied', `setCellProperties on protected sheet ${sheet.name}`);
      }
      grid.forEach((line, i) =>
        line.forEach((p, j) => {
          const k = key(r.top + i, r.left + j);
          const c = sheet.cells.get(k) ?? blankCell();
          applyFormat(c.format, p.format ?? {});
          sheet.cells.set(k, c);
        }),
      );
    });
  }

  getBoundingRect(other: FakeRange): FakeRange {
    return new FakeRange(this.ctx, this.sheetOf, () => {
      const a = this.rectOf();
      const b = other.rectOf();
      return {
        top: Math.min(a.top, b.top),
        left: Math.min(a.left, b.left),
        bottom: Math.max(a.bottom, b.bottom),
        right: Math.max(a.right, b.right),
      };
    });
  }

  merge(): void {
    this.ctx.enqueue(() => {
      const sheet = this.sheetOf();
      assertUnprotected(sheet, 'merge');
      const r = this.rectOf();
      if (sheet.merges.some((m) => overlaps(m, r))) throw new ExcelError('InvalidOperation', 'merge overlaps a merged area');
      sheet.merges.push(r);
    });
  }

  unmerge(): void {
    this.ctx.enqueue(() => {
      const sheet = this.sheetOf();
      assertUnprotected(sheet, 'unmerge');
      const r = this.rectOf();
      sheet.merges = sheet.merges.filter((m) => !overlaps(m, r));
    });
  }

  clear(): void {
    this.ctx.enqueue(() => {
      const sheet = this.sheetOf();
      assertUnprotected(sheet, 'clear');
      const r = this.rectOf();
      for (const k of [...sheet.cells.keys()]) {
        const [row, col] = k.split(',').map(Number);
        if (row >= r.top && row <= r.bottom && col >= r.left && col <= r.right) sheet.cells.delete(k);
      }
      sheet.merges = sheet.merges.filter((m) => !overlaps(m, r));
      this.ctx.book.apiChanged(sheet, rectAddress(r));
    });
  }

  select(): void {
    this.ctx.enqueue(() => {
      const sheet = this.sheetOf();
      const r = this.rectOf();
      if (this.ctx.book.activeSheet !== sheet) throw new ExcelError('InvalidSelection', 'select() on an inactive sheet');
      this.ctx.book.selection = { sheet: sheet.name, address: cellAddress(r.top, r.left) };
    });
  }
}

function rectAddress(r: Rect): string {
  return `${cellAddress(r.top, r.left)}:${cellAddress(r.bottom, r.right)}`;
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}

function assertUnprotected(sheet: FakeSheet, what: string): void {
  if (sheet.protection.protected) throw new ExcelError('AccessDenied', `${what} on protected sheet ${sheet.name}`);
}

/** Writing into a locked cell of a protected sheet fails, as in Excel. */
function assertEditable(sheet: FakeSheet, r: Rect, what: string): void {
  if (!sheet.protection.protected) return;
  for (const [row, col] of cellsOf(r)) {
    if ((sheet.cells.get(key(row, col))?.format.locked ?? true) !== false) {
      throw new ExcelError('AccessDenied', `${what} into locked cell ${sheet.name}!${cellAddress(row, col)}`);
    }
  }
}

function applyFormat(f: FakeFormat, p: Excel.CellPropertiesFormat): void {
  if (p.fill?.color !== undefined) f.fill = p.fill.color.replace(/^#/, '').toUpperCase();
  if (p.font?.bold !== undefined) f.bold = p.font.bold;
  if (p.font?.italic !== undefined) f.italic = p.font.italic;
  if (p.font?.name !== undefined) f.fontName = p.font.name;
  if (p.font?.size !== undefined) f.fontSize = p.font.size;
  if (p.font?.color !== undefined) f.fontColor = p.font.color.replace(/^#/, '').toUpperCase();
  if (p.horizontalAlignment !== undefined) f.horizontal = p.horizontalAlignment;
  if (p.verticalAlignment !== undefined) f.vertical = p.verticalAlignment;
  if (p.wrapText !== undefined) f.wrap = p.wrapText;
  if (p.borders?.top?.style !== undefined) f.border = p.borders.top.style !== 'None';
  if (p.protection?.locked !== undefined) f.locked = p.protection.locked;
}

class FakeRangeFormat {
  readonly font: Record<'name' | 'size' | 'bold' | 'italic' | 'color', unknown>;
  readonly fill: { color: string };
  readonly protection: { locked: boolean };
  readonly borders: { getItem: (edge: string) => { style: string; weight: string; color: string } };

  constructor(
    private readonly ctx: FakeContext,
    private readonly sheetOf: () => FakeSheet,
    private readonly rectOf: () => Rect,
  ) {
    const setter = <T>(apply: (f: FakeFormat, v: T) => void, what: string, isProtection = false) => (v: T) =>
      this.eachCell(what, isProtection, (f) => apply(f, v));
    this.font = writeOnly({
      name: setter<string>((f, v) => (f.fontName = v), 'font.name'),
      size: setter<number>((f, v) => (f.fontSize = v), 'font.size'),
      bold: setter<boolean>((f, v) => (f.bold = v), 'font.bold'),
      italic: setter<boolean>((f, v) => (f.italic = v), 'font.italic'),
      color: setter<string>((f, v) => (f.fontColor = v.replace(/^#/, '').toUpperCase()), 'font.color'),
    });
    this.fill = writeOnly({ color: setter<string>((f, v) => (f.fill = v.replace(/^#/, '').toUpperCase()), 'fill.color') });
    this.protection = writeOnly({ locked: setter<boolean>((f, v) => (f.locked = v), 'protection.locked', true) });
    this.borders = {
      getItem: (edge) => {
        if (!['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideHorizontal', 'InsideVertical'].includes(edge)) {
          throw new Error(`fake Excel cannot set border ${edge}`);
        }
        // Inside borders need two rows (columns) to lie between.
        const check = () => {
          const r = this.rectOf();
          if ((edge === 'InsideHorizontal' && r.top === r.bottom) || (edge === 'InsideVertical' && r.left === r.right)) {
            throw new ExcelError('InvalidArgument', `${edge} on a single row or column`);
          }
        };
        const what = `borders.${edge}`;
        return writeOnly({
          style: (v: string) => this.eachCell(what, false, (f) => (f.border = v !== 'None'), check),
          weight: (_: string) => this.eachCell(what, false, () => undefined, check),
          color: (_: string) => this.eachCell(what, false, () => undefined, check),
        });
      },
    };
  }

  private eachCell(what: string, isProtection: boolean, apply: (f: FakeFormat) => void, check?: () => void): void {
    this.ctx.enqueue(() => {
      check?.();
      const sheet = this.sheetOf();
      const p = sheet.protection;
      if (p.protected && (isProtection || !p.options.allowFormatCells)) throw new ExcelError('AccessDenied', `${what} on protected sheet ${sheet.name}`);
      for (const [row, col] of cellsOf(this.rectOf())) {
        const k = key(row, col);
        const c = sheet.cells.get(k) ?? blankCell();
        apply(c.format);
        sheet.cells.set(k, c);
      }
    });
  }

  set horizontalAlignment(v: string) {
    this.eachCell('horizontalAlignment', false, (f) => (f.horizontal = v));
  }
  set verticalAlignment(v: string) {
    this.eachCell('verticalAlignment', false, (f) => (f.vertical = v));
  }
  set wrapText(v: boolean) {
    this.eachCell('wrapText', false, (f) => (f.wrap = v));
  }
  set columnWidth(points: number) {
    this.ctx.enqueue(() => {
      const r = this.rectOf();
      for (let c = r.left; c <= r.right; c++) this.sheetOf().columnWidths.set(c, points);
    });
  }
  set rowHeight(points: number) {
    this.ctx.enqueue(() => {
      const r = this.rectOf();
      for (let row = r.top; row <= Math.min(r.bottom, r.top + 10_000); row++) this.sheetOf().rowHeights.set(row, points);
    });
  }
  set useStandardHeight(v: boolean) {
    this.ctx.enqueue(() => {
      if (v) this.sheetOf().rowHeights.clear();
    });
  }
}

/** An object whose properties can only be assigned, each assignment calling its setter. */
function writeOnly<T extends Record<string, (v: never) => unknown>>(setters: T): { [K in keyof T]: Parameters<T[K]>[0] } {
  const target = {} as { [K in keyof T]: Parameters<T[K]>[0] };
  for (const [name, set] of Object.entries(setters)) {
    Object.defineProperty(target, name, {
      set: set as (v: unknown) => void,
      get: () => {
        throw new ExcelError('PropertyNotLoaded', `format.${name} is write-only in this fake`);
      },
    });
  }
  return target;
}

class FakeDataValidation {
  constructor(
    private readonly ctx: FakeContext,
    private readonly sheetOf: () => FakeSheet,
    private readonly rectOf: () => Rect,
  ) {}
  private current(): FakeValidation {
    const sheet = this.sheetOf();
    const r = this.rectOf();
    let v = sheet.validations.find((x) => x.rect.top === r.top && x.rect.left === r.left && x.rect.bottom === r.bottom && x.rect.right === r.right);
    if (!v) sheet.validations.push((v = { rect: r, rule: null, errorAlert: null, prompt: null }));
    return v;
  }
  clear(): void {
    this.ctx.enqueue(() => {
      const sheet = this.sheetOf();
      assertUnprotected(sheet, 'dataValidation.clear');
      const r = this.rectOf();
      sheet.validations = sheet.validations.filter((v) => !overlaps(v.rect, r));
    });
  }
  set rule(rule: unknown) {
    this.ctx.enqueue(() => void (this.current().rule = rule));
  }
  set errorAlert(a: unknown) {
    this.ctx.enqueue(() => void (this.current().errorAlert = a));
  }
  set prompt(p: unknown) {
    this.ctx.enqueue(() => void (this.current().prompt = p));
  }
  set ignoreBlanks(_: boolean) {
    this.ctx.enqueue(() => undefined);
  }
}

/** `Excel.run` over a fake workbook, with the context typed as the real one for the adapter. */
export function fakeRun(book: FakeWorkbook) {
  return async <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    const ctx = new FakeContext(book);
    const result = await batch(ctx as unknown as Excel.RequestContext);
    // Like Excel.run, flush whatever the batch queued after its last sync (and count it).
    if (ctx.pending) await ctx.sync();
    return result;
  };
}

/** `Excel.createWorkbook` over a fake workbook: records the file, or refuses as the test asks. */
export function fakeCreateWorkbook(book: FakeWorkbook) {
  return async (base64: string): Promise<void> => {
    await Promise.resolve();
    if (book.createWorkbookError) throw new ExcelError('GeneralException', book.createWorkbookError);
    book.createdWorkbooks.push(base64);
  };
}
