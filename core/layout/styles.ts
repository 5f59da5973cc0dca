/** The looks of the model's cells (`CellStyle`), as plain data that both adapters render alike. */
import type { CellStyle } from './model';

export interface StyleSpec {
  bold?: boolean;
  italic?: boolean;
  /** Points; default `BASE_FONT.size`. */
  size?: number;
  horizontal?: 'left' | 'center' | 'right';
  vertical?: 'top' | 'middle' | 'bottom';
  wrap?: boolean;
  /** Thin border on all four sides. */
  border?: boolean;
  /** Background, `RRGGBB`. */
  fill?: string;
  /** Font colour, `RRGGBB`. */
  color?: string;
  /** Excel number format code. */
  numberFormat?: string;
}

export const BASE_FONT = { name: 'Times New Roman', size: 12 } as const;

const HEADER_FILL = 'DDEBF7';
const INPUT_FILL = 'FFFFFF';
const GREY_FILL = 'D9D9D9';
const TOTAL_FILL = 'F2F2F2';
const COUNT_FORMAT = '#,##0';

export const CELL_STYLES: Record<CellStyle, StyleSpec> = {
  issuer: { bold: true, horizontal: 'center', vertical: 'middle', wrap: true },
  formName: { bold: true, italic: true, horizontal: 'right' },
  title: { bold: true, size: 14, horizontal: 'center', vertical: 'middle' },
  subtitle: { italic: true, horizontal: 'center' },
  label: { bold: true, horizontal: 'right' },
  meta: { horizontal: 'left', numberFormat: '@' },
  date: { horizontal: 'center', border: true, fill: INPUT_FILL, numberFormat: 'dd/mm/yyyy', color: '1F4E79' },
  header: { bold: true, horizontal: 'center', vertical: 'middle', wrap: true, border: true, fill: HEADER_FILL, size: 11 },
  columnNumber: { italic: true, horizontal: 'center', border: true, fill: HEADER_FILL, size: 10 },
  unit: { vertical: 'middle', wrap: true, border: true, numberFormat: '@' },
  input: { horizontal: 'right', border: true, fill: INPUT_FILL, numberFormat: COUNT_FORMAT },
  greyed: { horizontal: 'right', border: true, fill: GREY_FILL, numberFormat: COUNT_FORMAT },
  totalLabel: { bold: true, border: true, fill: TOTAL_FILL, numberFormat: '@' },
  total: { bold: true, horizontal: 'right', border: true, fill: TOTAL_FILL, numberFormat: COUNT_FORMAT },
  percent: { horizontal: 'right', border: true, fill: TOTAL_FILL, numberFormat: '0.0%' },
  ratio: { horizontal: 'right', border: true, fill: TOTAL_FILL, numberFormat: '#,##0.00' },
  target: { horizontal: 'right', border: true, fill: TOTAL_FILL, numberFormat: '0%' },
  targetCount: { horizontal: 'right', border: true, fill: TOTAL_FILL, numberFormat: 'General' },
  note: { italic: true, size: 11 },
};
