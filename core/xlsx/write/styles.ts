/**
 * `xl/styles.xml` of a written workbook: the model's cell looks (core/layout `CELL_STYLES`) as
 * SpreadsheetML formats, each given an index the first time a cell asks for it.
 */
import { BASE_FONT, CELL_STYLES, type CellStyle, type StyleSpec } from '../../layout';
import { safe } from '../../ooxml';

/** What a cell asks of the style table: its look, whether users may edit it, whether it holds a date. */
export interface CellLook {
  style: CellStyle | undefined;
  unlocked: boolean;
  date: boolean;
}

// Number formats Excel knows by number (ECMA-376 §18.8.30); any other gets an id from 164 on.
const BUILT_IN_FORMATS: Record<string, number> = { General: 0, '0': 1, '0.00': 2, '#,##0': 3, '#,##0.00': 4, '0%': 9, '0.00%': 10, '@': 49 };
/** Excel's short date, for a date in a cell whose look names no format. */
const SHORT_DATE = 14;
const FIRST_CUSTOM_FORMAT = 164;
const BORDER_COLOR = 'FF808080';

const HORIZONTAL = { left: 'left', center: 'center', right: 'right' } as const;
const VERTICAL = { top: 'top', middle: 'center', bottom: 'bottom' } as const;

/** An indexed list of XML fragments, each kept once. */
class Pool {
  readonly items: string[];
  private readonly index = new Map<string, number>();
  constructor(initial: string[] = []) {
    this.items = [];
    for (const item of initial) this.of(item);
  }
  of(xml: string): number {
    let i = this.index.get(xml);
    if (i === undefined) {
      i = this.items.length;
      this.items.push(xml);
      this.index.set(xml, i);
    }
    return i;
  }
}

function fontXml(s: StyleSpec): string {
  return (
    `<font>${s.bold ? '<b/>' : ''}${s.italic ? '<i/>' : ''}<sz val="${s.size ?? BASE_FONT.size}"/>` +
    `${s.color ? `<color rgb="FF${s.color}"/>` : ''}<name val="${safe(BASE_FONT.name)}"/></font>`
  );
}

const fillXml = (rgb: string) => `<fill><patternFill patternType="solid"><fgColor rgb="FF${rgb}"/><bgColor indexed="64"/></patternFill></fill>`;
const side = (name: string) => `<${name} style="thin"><color rgb="${BORDER_COLOR}"/></${name}>`;
const NO_BORDER = '<border><left/><right/><top/><bottom/><diagonal/></border>';
const THIN_BORDER = `<border>${side('left')}${side('right')}${side('top')}${side('bottom')}<diagonal/></border>`;

/**
 * The workbook's Normal font, which cells never written show and by whose digits Excel and
 * LibreOffice measure column widths: Excel's own default, as the files had when ExcelJS wrote them.
 */
const NORMAL_FONT = '<font><sz val="11"/><color rgb="FF000000"/><name val="Calibri"/><family val="2"/></font>';

/** The styles of one workbook. Index 0 is the Normal style: cells never written. */
export class StyleTable {
  // The first two fills are reserved by the format (none, gray125); the first border is none.
  private readonly fonts = new Pool([NORMAL_FONT]);
  private readonly fills = new Pool(['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>']);
  private readonly borders = new Pool([NO_BORDER]);
  private readonly formats = new Map<string, number>();
  private readonly xfs = new Pool(['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>']);
  private readonly byLook = new Map<string, number>();

  /** The `s` index of a cell of this look. */
  indexOf(look: CellLook): number {
    const key = `${look.style ?? ''}|${look.unlocked ? 1 : 0}|${look.date ? 1 : 0}`;
    let i = this.byLook.get(key);
    if (i === undefined) {
      i = this.xfs.of(this.xfXml(look));
      this.byLook.set(key, i);
    }
    return i;
  }

  private formatId(code: string | undefined, date: boolean): number {
    if (code === undefined) return date ? SHORT_DATE : 0;
    const builtIn = BUILT_IN_FORMATS[code];
    if (builtIn !== undefined) return builtIn;
    let id = this.formats.get(code);
    if (id === undefined) this.formats.set(code, (id = FIRST_CUSTOM_FORMAT + this.formats.size));
    return id;
  }

  private xfXml({ style, unlocked, date }: CellLook): string {
    const s: StyleSpec = style ? CELL_STYLES[style] : {};
    const numFmtId = this.formatId(s.numberFormat, date);
    const fontId = this.fonts.of(fontXml(s));
    const fillId = s.fill ? this.fills.of(fillXml(s.fill)) : 0;
    const borderId = s.border ? this.borders.of(THIN_BORDER) : 0;
    const alignment = style
      ? `<alignment${s.horizontal ? ` horizontal="${HORIZONTAL[s.horizontal]}"` : ''} vertical="${VERTICAL[s.vertical ?? 'middle']}"${s.wrap ? ' wrapText="1"' : ''}/>`
      : '';
    const applies =
      (numFmtId ? ' applyNumberFormat="1"' : '') +
      ' applyFont="1"' +
      (fillId ? ' applyFill="1"' : '') +
      (borderId ? ' applyBorder="1"' : '') +
      (alignment ? ' applyAlignment="1"' : '') +
      (unlocked ? ' applyProtection="1"' : '');
    const children = alignment + (unlocked ? '<protection locked="0"/>' : '');
    const open = `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"${applies}`;
    return children ? `${open}>${children}</xf>` : `${open}/>`;
  }

  xml(): string {
    const list = (name: string, items: string[]) => `<${name} count="${items.length}">${items.join('')}</${name}>`;
    const formats = [...this.formats].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${safe(code)}"/>`);
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      (formats.length ? list('numFmts', formats) : '') +
      list('fonts', this.fonts.items) +
      list('fills', this.fills.items) +
      list('borders', this.borders.items) +
      list('cellStyleXfs', ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>']) +
      list('cellXfs', this.xfs.items) +
      list('cellStyles', ['<cellStyle name="Normal" xfId="0" builtinId="0"/>']) +
      '<dxfs count="0"/><tableStyles count="0"/></styleSheet>'
    );
  }
}
