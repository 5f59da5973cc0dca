/**
 * Random workbooks for the differential test of the fast read path (fast-grids.test.ts), seeded so
 * that a failure can be replayed. Two makers:
 *
 * - `rawWorkbook`: SpreadsheetML written here the way Excel and LibreOffice write it, choosing at
 *   random among the forms a value can take there: shared strings (plain, rich runs, phonetic
 *   runs, `_x000D_` escapes, empty), inline strings, numbers in any notation, dates by built-in and
 *   custom formats (1900 and 1904 systems), booleans, errors, formulas with a cached number, text,
 *   boolean or error or none, shared formulas (a master and the cells that copy it), array
 *   formulas, formatted blank cells, merges over values, hyperlinks, sparse rows and columns,
 *   hidden and very hidden sheets, Vietnamese names and text in NFC and NFD.
 * - `exceljsWorkbook`: the same kinds of content written through ExcelJS's own writer.
 */
import ExcelJS from 'exceljs';
import { textPart, writeZip, type ZipPart } from '../hardening/zip';
import { seededRandom as random } from '../pipeline/fixtures';

type Rand = () => number;
const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const pick = <T>(r: Rand, items: readonly T[]): T => items[Math.floor(r() * items.length)];
const chance = (r: Rand, p: number) => r() < p;

const WORDS = [
  'Mẫu 03', 'Hội nghị', 'Tuyên truyền', 'Bảo hiểm xã hội', 'Đắk Lắk', 'Thừa Thiên Huế', 'Tổng cộng', 'Người tham gia', 'Số lượt',
  'ghi chú', 'Ngày báo cáo:', 'Đơn vị', 'tờ rơi', 'Bà Rịa – Vũng Tàu', 'Khánh Hòa', 'ướp', 'Ỷ', 'nghìn',
];
const AWKWARD = [' leading', 'trailing ', 'a & b', '<tag>', '"quoted"', "it's", 'tab\there', 'line\nbreak', '_x000D_', 'x_x0041_y', '&amp;', '=SUM(A1)', '0101', '1.234', ''];

/** Vietnamese text, sometimes decomposed (NFD, as some Mac and web tools send it) or awkward. */
function text(r: Rand): string {
  let s = Array.from({ length: int(r, 1, 3) }, () => pick(r, WORDS)).join(' ');
  if (chance(r, 0.2)) s = s.normalize('NFD');
  if (chance(r, 0.25)) s += pick(r, AWKWARD);
  return s;
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const tElement = (s: string) => `<t${/^\s|\s$|\n/.test(s) ? ' xml:space="preserve"' : ''}>${escapeXml(s)}</t>`;

function letters(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function numberText(r: Rand): string {
  return pick(r, [
    () => String(int(r, 0, 5000)),
    () => String(-int(r, 1, 99)),
    () => (r() * 1000).toFixed(int(r, 1, 6)),
    () => `${int(r, 1, 9)}.${int(r, 0, 99)}E${pick(r, ['+', '-'])}${int(r, 1, 12)}`,
    () => String(int(r, 40000, 50000) + r()), // a date serial with a time of day
    () => '-0',
    () => '0',
  ])();
}

/** Custom number formats: dates, times, numbers, text, and traps for the date test (quotes, brackets). */
const CUSTOM_FORMATS = ['dd/mm/yyyy', '[$-42A]dd/mm/yyyy', 'd"/"m"/"yyyy', '#,##0', '0.00', '@', '"Ngày" dd', 'mm:ss', '[h]:mm', '"d"0', '[Red]0', '0" đ"', 'yyyy\\-mm\\-dd', ''];
/** Built-in format ids: General, numbers, percent, dates, times, text. */
const BUILT_IN_FORMATS = [0, 1, 2, 3, 4, 9, 10, 14, 15, 17, 20, 22, 45, 47, 49];

function stylesXml(r: Rand): { xml: string; count: number } {
  const custom = CUSTOM_FORMATS.filter(() => chance(r, 0.6));
  const ids = [...BUILT_IN_FORMATS, ...custom.map((_, i) => 164 + i)];
  const xfs = [0, ...Array.from({ length: int(r, 2, 12) }, () => pick(r, ids))];
  const numFmts = custom.length ? `<numFmts count="${custom.length}">${custom.map((c, i) => `<numFmt numFmtId="${164 + i}" formatCode="${escapeXml(c)}"/>`).join('')}</numFmts>` : '';
  const xml =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${numFmts}` +
    '<fonts count="1"><font><sz val="11"/><name val="Times New Roman"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills>' +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    `<cellXfs count="${xfs.length}">${xfs.map((id) => `<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0"${id ? ' applyNumberFormat="1"' : ''}>${chance(r, 0.3) ? '<alignment wrapText="1"/>' : ''}</xf>`).join('')}</cellXfs>` +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';
  return { xml, count: xfs.length };
}

class SharedStrings {
  readonly items: string[] = [];
  add(r: Rand): number {
    const s = text(r);
    const form = r();
    if (form < 0.6) this.items.push(`<si>${tElement(s)}</si>`);
    else if (form < 0.8) {
      const cut = int(r, 0, s.length);
      this.items.push(`<si><r>${tElement(s.slice(0, cut))}</r><r><rPr><b/><sz val="11"/><rFont val="Times New Roman"/></rPr>${tElement(s.slice(cut))}</r></si>`);
    } else if (form < 0.9) this.items.push(`<si>${tElement(s)}<rPh sb="0" eb="1"><t>ふ</t></rPh><phoneticPr fontId="1"/></si>`);
    else if (form < 0.95) this.items.push('<si><t/></si>');
    else this.items.push('<si/>');
    return this.items.length - 1;
  }
  xml(): string {
    return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${this.items.length}" uniqueCount="${this.items.length}">${this.items.join('')}</sst>`;
  }
}

const FORMULAS = ['SUM(D10:D20)', 'D10+E10', '$A$1*2', "'Mẫu 03'!G11", 'Sheet1!B2+B3', 'IF(C5="",0,C5/D5)', 'LOG10(A2)', 'ROUND(H12,0)', 'A1&" đ"', 'COUNTA($B$10:B15)', 'XFD1+XFE2', 'SUM(A:A)'];
const ERRORS = ['#REF!', '#DIV/0!', '#N/A', '#VALUE!', '#NAME?'];

/** One cell's XML, chosen among the forms Excel and LibreOffice write. */
function cellXml(r: Rand, ref: string, styles: number, strings: SharedStrings): string {
  const s = chance(r, 0.5) ? ` s="${int(r, 0, styles - 1)}"` : '';
  const kind = r();
  if (kind < 0.22) return `<c r="${ref}"${s}><v>${numberText(r)}</v></c>`;
  if (kind < 0.42) return `<c r="${ref}"${s} t="s"><v>${strings.add(r)}</v></c>`;
  if (kind < 0.48) {
    const t = text(r);
    if (chance(r, 0.5)) return `<c r="${ref}"${s} t="inlineStr"><is>${tElement(t)}</is></c>`;
    return `<c r="${ref}"${s} t="inlineStr"><is><r>${tElement(t.slice(0, 3))}</r><r><rPr><i/></rPr>${tElement(t.slice(3))}</r></is></c>`;
  }
  if (kind < 0.52) return `<c r="${ref}"${s} t="b"><v>${int(r, 0, 1)}</v></c>`;
  if (kind < 0.56) return `<c r="${ref}"${s} t="e"><v>${pick(r, ERRORS)}</v></c>`;
  if (kind < 0.58) return `<c r="${ref}"${s} t="str"><v>${escapeXml(text(r))}</v></c>`;
  if (kind < 0.78) {
    const f = `<f>${escapeXml(pick(r, FORMULAS))}</f>`;
    return pick(r, [
      () => `<c r="${ref}"${s}>${f}<v>${numberText(r)}</v></c>`,
      () => `<c r="${ref}"${s} t="str">${f}<v>${escapeXml(text(r))}</v></c>`,
      () => `<c r="${ref}"${s} t="str">${f}<v></v></c>`,
      () => `<c r="${ref}"${s} t="b">${f}<v>1</v></c>`,
      () => `<c r="${ref}"${s} t="e">${f}<v>${pick(r, ERRORS)}</v></c>`,
      () => `<c r="${ref}"${s}>${f}</c>`, // no cached result: rule L12
      () => `<c r="${ref}"${s}><f t="array" ref="${ref}">${escapeXml(pick(r, FORMULAS))}</f><v>${numberText(r)}</v></c>`,
    ])();
  }
  if (kind < 0.9) return `<c r="${ref}" s="${int(r, 1, styles - 1)}"/>`; // formatted blank
  if (kind < 0.95) return `<c r="${ref}"/>`;
  return `<c r="${ref}" s="0"/>`;
}

interface Region {
  top: number;
  left: number;
  bottom: number;
  right: number;
}
const overlaps = (a: Region, b: Region) => !(b.bottom < a.top || b.top > a.bottom || b.right < a.left || b.left > a.right);

function worksheetXml(r: Rand, styles: number, strings: SharedStrings, withLinks: boolean): { xml: string; links: string[] } {
  const rows: string[] = [];
  const lastRow = int(r, 1, 60);
  const maxColumn = pick(r, [5, 12, 23, 40]);
  const cells: string[] = [];
  let shared = 0;
  for (let row = 1; row <= lastRow; row++) {
    if (chance(r, 0.3)) continue; // sparse rows
    const parts: string[] = [];
    for (let column = 1; column <= maxColumn; column++) {
      if (chance(r, 0.45)) continue; // sparse cells
      const ref = `${letters(column)}${row}`;
      cells.push(ref);
      parts.push(cellXml(r, ref, styles, strings));
    }
    // A shared formula down the next column: the master, then the cells that copy it.
    if (chance(r, 0.15) && row + 3 <= lastRow) {
      const column = maxColumn + 1;
      const si = shared++;
      const down = int(r, 1, 3);
      const master = `${letters(column)}${row}`;
      parts.push(`<c r="${master}"><f t="shared" ref="${master}:${letters(column)}${row + down}" si="${si}">${escapeXml(pick(r, FORMULAS))}</f><v>${numberText(r)}</v></c>`);
      rows.push(`<row r="${row}"${chance(r, 0.5) ? ` spans="1:${column}"` : ''}>${parts.join('')}</row>`);
      for (let k = 1; k <= down; k++) {
        const ref = `${letters(column)}${row + k}`;
        rows.push(`<row r="${row + k}"><c r="${ref}"${chance(r, 0.3) ? ' t="str"' : ''}><f t="shared" si="${si}"/>${chance(r, 0.8) ? `<v>${numberText(r)}</v>` : ''}</c></row>`);
      }
      row += down;
      continue;
    }
    const attrs = `${chance(r, 0.3) ? ` spans="1:${maxColumn}"` : ''}${chance(r, 0.1) ? ` s="${int(r, 1, styles - 1)}" customFormat="1"` : ''}${chance(r, 0.1) ? ' hidden="1"' : ''}${chance(r, 0.2) ? ' ht="24" customHeight="1"' : ''}`;
    rows.push(`<row r="${row}"${attrs}>${parts.join('')}</row>`);
  }
  const merges: Region[] = [];
  for (let i = int(r, 0, 6); i > 0; i--) {
    const top = int(r, 1, lastRow + 3);
    // Merges stay left of the shared formulas' column (Excel keeps a formula's master unmerged).
    const left = int(r, 1, maxColumn - 1);
    const region = { top, left, bottom: top + int(r, 0, 2), right: Math.min(maxColumn, left + int(r, 0, 3)) };
    if (!merges.some((m) => overlaps(m, region))) merges.push(region);
  }
  const mergeXml = merges.length ? `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${letters(m.left)}${m.top}:${letters(m.right)}${m.bottom}"/>`).join('')}</mergeCells>` : '';
  // Every third link points into the workbook (a location, no relationship).
  const links = withLinks ? cells.filter(() => chance(r, 0.05)) : [];
  const linkXml = links.length ? `<hyperlinks>${links.map((ref, i) => (i % 3 === 2 ? `<hyperlink ref="${ref}" location="'Mẫu 03'!A1" display="x"/>` : `<hyperlink ref="${ref}" r:id="rId${i + 1}"/>`)).join('')}</hyperlinks>` : '';
  const xml =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" mc:Ignorable="x14ac">` +
    `<dimension ref="A1:${letters(maxColumn + 1)}${lastRow}"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15" x14ac:dyDescent="0.25"/>` +
    `<cols><col min="1" max="2" width="12" customWidth="1"/></cols><sheetData>${rows.join('')}</sheetData>${mergeXml}${linkXml}` +
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>';
  return { xml, links: links.map((_, i) => `rId${i + 1}`).filter((_, i) => i % 3 !== 2) };
}

const SHEET_NAMES = ['Mẫu 03', 'Mẫu 04', 'Mục tiêu', '_meta', 'Mẫu 03 (2)', 'Trang tính1', 'Ghi chú', 'Sheet1', 'MẪU 04 cũ'];

/** A workbook of 1–4 sheets written as SpreadsheetML by hand, as Excel and LibreOffice write it. */
export function rawWorkbook(seed: number): Uint8Array {
  const r = random(seed);
  const names = SHEET_NAMES.filter(() => chance(r, 0.45)).slice(0, 4);
  if (names.length === 0) names.push(pick(r, SHEET_NAMES));
  const styles = stylesXml(r);
  const strings = new SharedStrings();
  const parts: ZipPart[] = [];
  const sheetEntries: string[] = [];
  const rels: string[] = [];
  names.forEach((name, i) => {
    const sheet = worksheetXml(r, styles.count, strings, chance(r, 0.4));
    parts.push(textPart(`xl/worksheets/sheet${i + 1}.xml`, sheet.xml));
    if (sheet.links.length) {
      const linkRels = sheet.links.map((id, k) => `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://baohiemxahoi.gov.vn/${k}" TargetMode="External"/>`);
      parts.push(textPart(`xl/worksheets/_rels/sheet${i + 1}.xml.rels`, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${linkRels.join('')}</Relationships>`));
    }
    const state = i === 0 ? '' : pick(r, ['', '', ' state="hidden"', ' state="veryHidden"', ' state="visible"']);
    sheetEntries.push(`<sheet name="${escapeXml(chance(r, 0.1) ? name.normalize('NFD') : name)}" sheetId="${i + 1}"${state} r:id="rId${i + 1}"/>`);
    rels.push(`<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="${chance(r, 0.2) ? '/xl/' : ''}worksheets/sheet${i + 1}.xml"/>`);
  });
  const n = names.length;
  rels.push(`<Relationship Id="rId${n + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`);
  rels.push(`<Relationship Id="rId${n + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`);
  const date1904 = chance(r, 0.2) ? ' date1904="1"' : '';
  const workbook =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">` +
    `<fileVersion appName="xl" lastEdited="7" rupBuild="27328"/><workbookPr${date1904} defaultThemeVersion="166925"/>` +
    '<mc:AlternateContent><mc:Choice Requires="x15"><x15ac:absPath xmlns:x15ac="http://schemas.microsoft.com/office/spreadsheetml/2010/11/ac" url="C:\\BHXH\\"/></mc:Choice></mc:AlternateContent>' +
    `<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="12300"/></bookViews><sheets>${sheetEntries.join('')}</sheets><calcPr calcId="191029"/></workbook>`;
  const contentTypes =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    names.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('') +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>';
  return writeZip([
    textPart('[Content_Types].xml', contentTypes),
    textPart('_rels/.rels', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
    textPart('xl/workbook.xml', workbook),
    textPart('xl/_rels/workbook.xml.rels', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`),
    textPart('xl/styles.xml', styles.xml),
    ...parts,
    textPart('xl/sharedStrings.xml', strings.xml()),
  ]);
}

/** A workbook of random content written through ExcelJS's own writer. */
export async function exceljsWorkbook(seed: number): Promise<Uint8Array> {
  const r = random(seed);
  const wb = new ExcelJS.Workbook();
  if (chance(r, 0.2)) wb.properties.date1904 = true;
  const names = SHEET_NAMES.filter(() => chance(r, 0.45)).slice(0, 4);
  if (names.length === 0) names.push(pick(r, SHEET_NAMES));
  for (const [i, name] of names.entries()) {
    const ws = wb.addWorksheet(name, { state: i === 0 ? 'visible' : pick(r, ['visible', 'hidden', 'veryHidden'] as const) });
    const lastRow = int(r, 1, 50);
    for (let row = 1; row <= lastRow; row++) {
      if (chance(r, 0.3)) continue;
      for (let column = 1; column <= 23; column++) {
        if (chance(r, 0.5)) continue;
        const cell = ws.getCell(row, column);
        const kind = r();
        if (kind < 0.25) cell.value = pick(r, [int(r, 0, 9999), -int(r, 1, 50), r() * 100, 0]);
        else if (kind < 0.45) cell.value = text(r);
        else if (kind < 0.5) cell.value = { richText: [{ text: text(r) }, { text: text(r), font: { bold: true } }] };
        else if (kind < 0.57) {
          cell.value = new Date(Date.UTC(int(r, 2000, 2030), int(r, 0, 11), int(r, 1, 28), chance(r, 0.3) ? int(r, 0, 23) : 0));
          cell.numFmt = pick(r, ['dd/mm/yyyy', 'yyyy-mm-dd', 'd-mmm-yy', 'mm:ss']);
        } else if (kind < 0.6) cell.value = chance(r, 0.5);
        else if (kind < 0.63) cell.value = { error: pick(r, ERRORS) } as ExcelJS.CellErrorValue;
        else if (kind < 0.78) cell.value = { formula: pick(r, FORMULAS), result: pick(r, [int(r, 0, 99), text(r), undefined, true]) } as ExcelJS.CellFormulaValue;
        else if (kind < 0.82) cell.value = { text: text(r), hyperlink: 'https://baohiemxahoi.gov.vn' };
        else if (kind < 0.9) cell.numFmt = pick(r, ['#,##0', 'dd/mm/yyyy', '@']); // formatted, blank
        else cell.value = int(r, 1, 9) * 1000;
      }
    }
    // A shared formula down column X, as ExcelJS writes one.
    if (chance(r, 0.4) && lastRow > 3) {
      ws.getCell('X2').value = { formula: 'SUM(D2:W2)', result: int(r, 0, 99), shareType: 'shared', ref: 'X2:X4' } as ExcelJS.CellFormulaValue;
      ws.getCell('X3').value = { sharedFormula: 'X2', result: int(r, 0, 99) } as ExcelJS.CellSharedFormulaValue;
      ws.getCell('X4').value = { sharedFormula: 'X2', result: int(r, 0, 99) } as ExcelJS.CellSharedFormulaValue;
    }
    const merges: Region[] = [];
    for (let k = int(r, 0, 4); k > 0; k--) {
      const top = int(r, 1, lastRow);
      const left = int(r, 1, 20);
      const region = { top, left, bottom: top + int(r, 0, 2), right: left + int(r, 0, 2) };
      if (merges.some((m) => overlaps(m, region)) || (region.top === region.bottom && region.left === region.right)) continue;
      merges.push(region);
      ws.mergeCells(region.top, region.left, region.bottom, region.right);
    }
  }
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
