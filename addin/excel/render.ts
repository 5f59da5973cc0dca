/**
 * A sheet of the workbook model (core/layout) as what Office.js writes in one batch: whole-range
 * arrays for formulas and number formats, the cells' looks as a few rectangles (a per-cell
 * format array would exceed Excel on the web's 5 MB request limit on a large sheet), and the
 * per-sheet settings.
 * Pure: the adapter only hands these arrays to Excel, so their content is tested without Office.
 */
import { BASE_FONT, CELL_STYLES, type CellModel, type CellStyle, type SheetModel, type StyleSpec, type ValidationModel } from '../../core/layout';
import { columnLetter, parseRange, rangeAddress, type Rect } from '../../core/spreadsheet';
import { formulaInput, type OfficeScalar } from './cells';

export interface SheetPlan {
  name: string;
  visibility: 'Visible' | 'VeryHidden';
  /** The written block, from A1 to the model's last row and column. */
  address: string;
  formulas: OfficeScalar[][];
  numberFormat: string[][];
  /** Rectangles of one look each: a handful per sheet however many rows it has. */
  formats: FormatRun[];
  merges: string[];
  columnWidths: { columns: string; points: number }[];
  rowHeights: { rows: string; points: number }[];
  frozen: { rows: number; columns: number };
  validations: ValidationModel[];
  protect: boolean;
  printTitleRows: string | null;
}

/** What Office.js's `Range.format` is given for one rectangle. */
export interface CellFormat {
  font: { name: string; size: number; bold: boolean; italic: boolean; color: string };
  /** `#RRGGBB`; model cells without a fill show white, as in the written files. */
  fill: string;
  horizontal: 'General' | 'Left' | 'Center' | 'Right';
  vertical: 'Top' | 'Center' | 'Bottom';
  wrap: boolean;
  border: boolean;
  locked: boolean;
}

export interface FormatRun {
  address: string;
  /** Rows and columns the rectangle spans (inside borders only exist across more than one). */
  rows: number;
  columns: number;
  format: CellFormat;
}

export const BORDER_COLOR = '#808080';
const HORIZONTAL = { left: 'Left', center: 'Center', right: 'Right' } as const;
const VERTICAL = { top: 'Top', middle: 'Center', bottom: 'Bottom' } as const;

/**
 * Column widths in the model are Excel character widths (as in the file format); Office.js takes
 * points: a character of the default font is 7 px plus 5 px of padding, and a pixel is ¾ point.
 */
export function pointsOfCharacterWidth(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

function formatOf(style: StyleSpec | null, locked: boolean): CellFormat {
  const s = style ?? {};
  return {
    font: { name: BASE_FONT.name, size: s.size ?? BASE_FONT.size, bold: s.bold ?? false, italic: s.italic ?? false, color: `#${s.color ?? '000000'}` },
    fill: `#${s.fill ?? 'FFFFFF'}`,
    horizontal: s.horizontal ? HORIZONTAL[s.horizontal] : 'General',
    vertical: VERTICAL[s.vertical ?? 'middle'],
    wrap: s.wrap ?? false,
    border: s.border ?? false,
    locked,
  };
}

const within = (rects: Rect[], row: number, column: number) =>
  rects.some((r) => row >= r.top && row <= r.bottom && column >= r.left && column <= r.right);

export function styleOf(cell: CellModel | null): StyleSpec | null {
  return cell?.style ? CELL_STYLES[cell.style] : null;
}

/**
 * Cuts a grid of look keys into rectangles: runs of equal keys along each row, then runs that
 * repeat on the rows below merged into one rectangle.
 */
export function rectangles(keys: string[][]): { key: string; rect: Rect }[] {
  const done: { key: string; rect: Rect }[] = [];
  let open = new Map<string, { key: string; rect: Rect }>();
  keys.forEach((line, r) => {
    const next = new Map<string, { key: string; rect: Rect }>();
    for (let c = 0; c < line.length; ) {
      let end = c;
      while (end + 1 < line.length && line[end + 1] === line[c]) end++;
      const id = `${c}:${end}:${line[c]}`;
      const prev = open.get(id);
      if (prev) {
        prev.rect.bottom = r + 1;
        open.delete(id);
        next.set(id, prev);
      } else next.set(id, { key: line[c], rect: { top: r + 1, left: c + 1, bottom: r + 1, right: end + 1 } });
      c = end + 1;
    }
    done.push(...open.values());
    open = next;
  });
  return [...done, ...open.values()].sort((a, b) => a.rect.top - b.rect.top || a.rect.left - b.rect.left);
}

export function planSheet(sheet: SheetModel): SheetPlan {
  const rows = Math.max(sheet.cells.length, 1);
  const columns = Math.max(1, sheet.columnWidths.length, ...sheet.cells.map((r) => r.length));
  const unlocked = sheet.unlocked.map(parseRange);
  const formulas: OfficeScalar[][] = [];
  const numberFormat: string[][] = [];
  const keys: string[][] = [];
  for (let r = 0; r < rows; r++) {
    const line = sheet.cells[r] ?? [];
    const f: OfficeScalar[] = [];
    const n: string[] = [];
    const k: string[] = [];
    for (let c = 0; c < columns; c++) {
      const cell = line[c] ?? null;
      f.push(formulaInput(cell));
      n.push(styleOf(cell)?.numberFormat ?? 'General');
      k.push(`${cell?.style ?? ''}|${within(unlocked, r + 1, c + 1) ? 'unlocked' : 'locked'}`);
    }
    formulas.push(f);
    numberFormat.push(n);
    keys.push(k);
  }
  const formats = rectangles(keys).map(({ key, rect }) => {
    const [style, lock] = key.split('|');
    return {
      address: rangeAddress(rect.top, rect.left, rect.bottom, rect.right),
      rows: rect.bottom - rect.top + 1,
      columns: rect.right - rect.left + 1,
      format: formatOf(style ? CELL_STYLES[style as CellStyle] : null, lock === 'locked'),
    };
  });
  return {
    name: sheet.name,
    visibility: sheet.state === 'veryHidden' ? 'VeryHidden' : 'Visible',
    address: rangeAddress(1, 1, rows, columns),
    formulas,
    numberFormat,
    formats,
    merges: sheet.merges.map((m) => rangeAddress(m.top, m.left, m.bottom, m.right)),
    columnWidths: sheet.columnWidths.map((w, i) => {
      const letter = columnLetter(i + 1);
      return { columns: `${letter}:${letter}`, points: pointsOfCharacterWidth(w) };
    }),
    rowHeights: sheet.rowHeights.map((h) => ({ rows: `${h.row}:${h.row}`, points: h.height })),
    frozen: sheet.frozen,
    validations: sheet.validations,
    protect: sheet.protect,
    printTitleRows: sheet.print.titleRows ? sheet.print.titleRows.replace(/(\d+)/g, '$$$1') : null,
  };
}
