/**
 * Marking the cells a check finds fault with, and clearing the marks of the previous check: a
 * diff of the fills the sheet has against the fills it should have. Marks use two colours of
 * their own, so a later check recognises them (and never touches fills a person chose).
 */
import { SEVERITY_ORDER, type Issue, type Severity } from '../../core/submission';
import { rangeAddress } from '../../core/spreadsheet';
import type { BlockWrite } from './adapter';

/**
 * Light red and light yellow, one step off Excel's own "Bad" (FFC7CE) and "Neutral" (FFEB9C)
 * cell styles: they look the same, but a fill a person gave with those styles is never taken
 * for an old mark and cleared.
 */
export const MARK_FILL: Record<Exclude<Severity, 'info'>, string> = { error: 'FFC7CF', warning: 'FFEB9D' };
const MARK_COLOURS = new Set(Object.values(MARK_FILL));

export interface SheetFills {
  name: string;
  /** Current fill colours `RRGGBB` from A1. */
  fills: string[][];
}

/** The fill a cell has when unmarked (from the workbook model), `RRGGBB`. */
export type BaseFill = (sheet: string, row: number, column: number) => string;

/** Worst severity per cell of a sheet, keyed `row,column`. */
function wantedMarks(issues: readonly Issue[], sheet: string): Map<string, string> {
  const worst = new Map<string, Severity>();
  for (const i of issues) {
    if (i.sheet !== sheet || i.row === null || i.column === null || i.severity === 'info') continue;
    const key = `${i.row},${i.column}`;
    const had = worst.get(key);
    if (!had || SEVERITY_ORDER[i.severity] < SEVERITY_ORDER[had]) worst.set(key, i.severity);
  }
  return new Map([...worst].map(([k, s]) => [k, MARK_FILL[s as keyof typeof MARK_FILL]]));
}

/**
 * One block per sheet that needs changes: the bounding box of the cells whose fill must change,
 * with `{}` (leave as is) everywhere else in it.
 */
export function planMarks(sheets: readonly SheetFills[], issues: readonly Issue[], baseFill: BaseFill): BlockWrite[] {
  const writes: BlockWrite[] = [];
  for (const sheet of sheets) {
    const wanted = wantedMarks(issues, sheet.name);
    const changes = new Map<string, string>();
    sheet.fills.forEach((line, r) =>
      line.forEach((fill, c) => {
        const key = `${r + 1},${c + 1}`;
        if (!wanted.has(key) && MARK_COLOURS.has(fill)) changes.set(key, baseFill(sheet.name, r + 1, c + 1));
      }),
    );
    for (const [key, fill] of wanted) {
      const [r, c] = key.split(',').map(Number);
      if (sheet.fills[r - 1]?.[c - 1] !== fill) changes.set(key, fill);
    }
    if (changes.size === 0) continue;
    const cells = [...changes.keys()].map((k) => k.split(',').map(Number));
    const top = Math.min(...cells.map(([r]) => r));
    const bottom = Math.max(...cells.map(([r]) => r));
    const left = Math.min(...cells.map(([, c]) => c));
    const right = Math.max(...cells.map(([, c]) => c));
    const cellProperties: Excel.SettableCellProperties[][] = [];
    for (let r = top; r <= bottom; r++) {
      const line: Excel.SettableCellProperties[] = [];
      for (let c = left; c <= right; c++) {
        const fill = changes.get(`${r},${c}`);
        line.push(fill ? { format: { fill: { color: `#${fill}` } } } : {});
      }
      cellProperties.push(line);
    }
    writes.push({ sheet: sheet.name, address: rangeAddress(top, left, bottom, right), cellProperties });
  }
  return writes;
}
