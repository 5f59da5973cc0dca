/**
 * Writes a DraftDocument as .docx, WordprocessingML made straight from the model and zipped
 * (core/ooxml.ts), in Node and the browser alike, in the format of Nghị định 30/2020/NĐ-CP: A4,
 * margins top/bottom 20 mm, left 30 mm, right 15 mm, Times New Roman, body 14 pt, the two-column
 * heading, the place-and-date line in italics, page numbers centred in the top margin from page 2.
 * Image slots take the PNGs given by chart id. The same document gives the same bytes: the file
 * is dated on the report's own date and pictures are numbered per document.
 *
 * (The `docx` package wrote these files before: ~280 ms a national draft, most of a report's
 * time after its charts, against a few milliseconds here. Elements are written in the order of
 * the ECMA-376 schema; LibreOffice reads them back in the tests.)
 */
import { contentTypesXml, OFFICE_REL, relationshipsXml, safe, XML_HEAD, zipPackage } from '../ooxml';
import type { Block, DraftDocument, DraftSection, DraftTable, Run } from './model';

const FONT = 'Times New Roman';
/** A4 in twentieths of a point, and the margins (1 mm = 56.7 twips). */
const PAGE = { width: 11906, height: 16838 } as const;
const mm = (v: number) => Math.round(v * 56.7);
const MARGIN = { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15), header: mm(10), footer: mm(10) };
/** Sizes in points: body 14; heading block 12-13 (national name and issuing body 12, motto and number 13); "Nơi nhận" 12 / 11. */
const PT = { body: 14, block: 13, nationalName: 12, recipientsHead: 12, recipients: 11 } as const;
/** Pictures are measured in EMU: 914,400 to the inch, 9,525 to a pixel at 96 dpi. */
const EMU_PER_PX = 9525;

const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const WP_NS = 'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing';
const A_NS = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const PIC_NS = 'http://schemas.openxmlformats.org/drawingml/2006/picture';
const WML_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml';

// ---- Runs and paragraphs ----------------------------------------------------------------------

interface RunStyle {
  bold?: boolean;
  italic?: boolean;
  /** Points; the body's 14 when absent. */
  size?: number;
  highlight?: boolean;
}

const FONTS = `<w:rFonts w:ascii="${FONT}" w:hAnsi="${FONT}" w:eastAsia="${FONT}" w:cs="${FONT}"/>`;
/** A size in points, as WordprocessingML counts it (half-points), for Latin and complex scripts. */
const sizeXml = (pt: number) => `<w:sz w:val="${pt * 2}"/><w:szCs w:val="${pt * 2}"/>`;

/** Every run names its font and size (a paragraph pasted elsewhere keeps its look). */
function runProps({ bold, italic, size = PT.body, highlight }: RunStyle): string {
  return (
    `<w:rPr>${FONTS}` +
    (bold ? '<w:b/><w:bCs/>' : '') +
    (italic ? '<w:i/><w:iCs/>' : '') +
    sizeXml(size) +
    (highlight ? '<w:highlight w:val="yellow"/>' : '') +
    '</w:rPr>'
  );
}

/**
 * A run of text. A tab and a line break are elements of their own in WordprocessingML: inside
 * `<w:t>` Word would show them as spaces (or, for a vertical tab, drop them and join the words).
 */
function run(text: string, style: RunStyle = {}): string {
  const content = text
    .split(/\r\n|[\r\n\v]/)
    .map((line) =>
      line
        .split('\t')
        .map((piece) => `<w:t xml:space="preserve">${safe(piece)}</w:t>`)
        .join('<w:tab/>'),
    )
    .join('<w:br/>');
  return `<w:r>${runProps(style)}${content}</w:r>`;
}

type Align = 'left' | 'center' | 'right' | 'both';

interface ParagraphStyle {
  align?: Align;
  keepNext?: boolean;
  /** A line under the paragraph (the short rules of the heading). */
  ruleBelow?: boolean;
  spacing?: { before?: number; after?: number; line?: number; exact?: boolean };
  indent?: { left?: number; right?: number; firstLine?: number };
  /** The section that ends with this paragraph (all but the document's last). */
  sectionEnd?: string;
}

const attrs = (pairs: Record<string, number | string | undefined>) =>
  Object.entries(pairs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` w:${k}="${v}"`)
    .join('');

/** A paragraph; its properties in the schema's order (keepNext, pBdr, spacing, ind, jc, sectPr). */
function paragraph(runs: string, p: ParagraphStyle = {}): string {
  const { spacing, indent } = p;
  const props =
    (p.keepNext ? '<w:keepNext/>' : '') +
    (p.ruleBelow ? '<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>' : '') +
    (spacing ? `<w:spacing${attrs({ before: spacing.before, after: spacing.after, line: spacing.line, lineRule: spacing.exact ? 'exact' : undefined })}/>` : '') +
    (indent ? `<w:ind${attrs(indent)}/>` : '') +
    (p.align ? `<w:jc w:val="${p.align}"/>` : '') +
    (p.sectionEnd ?? '');
  return `<w:p>${props ? `<w:pPr>${props}</w:pPr>` : ''}${runs}</w:p>`;
}

const centred = (runs: string) => paragraph(runs, { align: 'center', spacing: { before: 0, after: 0 } });

/** The short rule under the issuing body and under the motto: an empty line's bottom border, `lengthMm` long, centred. */
function rule(cellMm: number, lengthMm: number): string {
  const side = mm(Math.max(0, (cellMm - lengthMm) / 2));
  return paragraph(run('', { size: 1 }), { ruleBelow: true, spacing: { before: 0, after: 160, line: 120, exact: true }, indent: { left: side, right: side } });
}

const runsOf = (runs: readonly Run[]) => runs.map((r) => run(r.text, { bold: r.bold, italic: r.italic })).join('');

const body = (runs: string) => paragraph(runs, { align: 'both', indent: { firstLine: mm(10) }, spacing: { before: 0, after: 120, line: 276 } });

const highlighted = (text: string) => body(run(text, { italic: true, highlight: true }));

// ---- Tables -----------------------------------------------------------------------------------

const NO_BORDER = 'w:val="none" w:sz="0" w:space="0" w:color="FFFFFF"';
const THIN_BORDER = 'w:val="single" w:sz="4" w:space="0" w:color="auto"';
const borders = (look: string, sides: readonly string[]) => sides.map((side) => `<w:${side} ${look}/>`).join('');
const TABLE_SIDES = ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'] as const;
const CELL_SIDES = ['top', 'left', 'bottom', 'right'] as const;

interface TableStyle {
  widths: readonly number[];
  /** Borders of the table and of each cell; none for the layout tables of the heading and closing. */
  lines: boolean;
  indent?: number;
  /** Left and right cell margins in twips (the style's 108 when absent). */
  cellMargin?: number;
}

interface Row {
  cells: string[];
  header?: boolean;
}

function table(rows: readonly Row[], t: TableStyle): string {
  const width = t.widths.reduce((a, b) => a + b, 0);
  const look = t.lines ? THIN_BORDER : NO_BORDER;
  const props =
    `<w:tblPr><w:tblW w:w="${width}" w:type="dxa"/>` +
    (t.indent !== undefined ? `<w:tblInd w:w="${t.indent}" w:type="dxa"/>` : '') +
    `<w:tblBorders>${borders(look, TABLE_SIDES)}</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr>`;
  const grid = `<w:tblGrid>${t.widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>`;
  const cellProps = (w: number) =>
    `<w:tcPr><w:tcW w:w="${w}" w:type="dxa"/>` +
    (t.lines ? '' : `<w:tcBorders>${borders(NO_BORDER, CELL_SIDES)}</w:tcBorders>`) +
    (t.cellMargin !== undefined ? `<w:tcMar><w:left w:w="${t.cellMargin}" w:type="dxa"/><w:right w:w="${t.cellMargin}" w:type="dxa"/></w:tcMar>` : '') +
    '</w:tcPr>';
  const rowXml = (r: Row) =>
    `<w:tr><w:trPr><w:cantSplit/>${r.header ? '<w:tblHeader/>' : ''}</w:trPr>` +
    r.cells.map((content, i) => `<w:tc>${cellProps(t.widths[i])}${content}</w:tc>`).join('') +
    '</w:tr>';
  return `<w:tbl>${props}${grid}${rows.map(rowXml).join('')}</w:tbl>`;
}

/** The two-column heading: issuing body (left) and the national name and motto (right), then number and date. */
function headingTable(doc: DraftDocument, textWidth: number): string {
  // As in the decree's model, the heading reaches 10 mm into the left margin so that each line fits.
  const width = textWidth + mm(10);
  const left = Math.round(width * 0.43);
  const cellMm = (w: number) => w / 56.7 - 2;
  const issuer = [
    centred(run(doc.issuer.parent, { size: PT.nationalName })),
    centred(run(doc.issuer.unit, { size: PT.nationalName, bold: true })),
    rule(cellMm(left), 22),
    centred(run(doc.number, { size: PT.block })),
  ];
  const nation = [
    centred(run('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { size: PT.nationalName, bold: true })),
    centred(run('Độc lập - Tự do - Hạnh phúc', { size: PT.block, bold: true })),
    rule(cellMm(width - left), 58),
    centred(run(doc.placeDate, { italic: true })),
  ];
  return table([{ cells: [issuer.join(''), nation.join('')] }], { widths: [left, width - left], lines: false, indent: -mm(10) });
}

function tableOf(t: DraftTable, width: number): string {
  // A row with more cells than the grid has columns would make Word refuse the file.
  for (const cells of [t.header, t.numeric, ...t.rows.map((r) => r.cells)]) {
    if (cells.length !== t.widths.length) throw new Error(`Bảng "${t.title ?? t.header.join(', ')}": ${cells.length} ô cho ${t.widths.length} cột / ${cells.length} cells for ${t.widths.length} columns`);
  }
  const total = t.widths.reduce((a, b) => a + b, 0);
  const widths = t.widths.map((w) => Math.floor((w / total) * width));
  const cell = (value: string, opts: { bold?: boolean; align: Align }) =>
    value
      .split('\n')
      .map((line) => paragraph(run(line, { size: t.fontSize, bold: opts.bold }), { align: opts.align, spacing: { before: 20, after: 20 } }))
      .join('');
  const rows: Row[] = [
    { header: true, cells: t.header.map((h) => cell(h, { bold: true, align: 'center' })) },
    ...t.rows.map((r) => ({ cells: r.cells.map((c, i) => cell(c, { bold: r.total, align: t.numeric[i] ? 'right' : 'left' })) })),
  ];
  const title = t.title ? paragraph(run(t.title, { bold: true, italic: true }), { keepNext: true, spacing: { before: 120, after: 60 } }) : '';
  return title + table(rows, { widths, lines: true, cellMargin: 50 }) + paragraph('', { spacing: { after: 60 } });
}

/** "Nơi nhận" (left) and the signature block (right). */
function closing(doc: DraftDocument, width: number): string {
  const left = Math.round(width * 0.5);
  const line = (runs: string, align: Align = 'left') => paragraph(runs, { align, spacing: { after: 0 } });
  const recipients = [line(run('Nơi nhận:', { bold: true, italic: true, size: PT.recipientsHead })), ...doc.recipients.map((r) => line(run(`- ${r}`, { size: PT.recipients })))];
  const signer = [line(run(doc.signer.title, { bold: true }), 'center'), line(run(doc.signer.note, { italic: true }), 'center')];
  return table([{ cells: [recipients.join(''), signer.join('')] }], { widths: [left, width - left], lines: false });
}

// ---- Pictures ---------------------------------------------------------------------------------

const MAX_IMAGE_HEIGHT_MM = 180;

/** Width × height of a PNG, read from its IHDR chunk. */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  if (png.byteLength < 24 || view.getUint32(12) !== 0x49484452) throw new Error('không phải tệp PNG / not a PNG file');
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** The document's pictures: each chart's PNG once in `word/media/`, each placement numbered. */
class Pictures {
  /** Media part (by chart id) and its relationship id, in order of first use. */
  readonly media = new Map<string, { png: Uint8Array; part: string; rel: string }>();
  private placed = 0;

  constructor(
    private readonly images: ReadonlyMap<string, Uint8Array>,
    private readonly relOf: (target: string) => string,
  ) {}

  /** The `<w:drawing>` of a chart `widthMm` wide (its height following), or null when its PNG is missing. */
  drawing(id: string, caption: string, widthMm: number): string | null {
    const png = this.images.get(id);
    if (!png) return null;
    let media = this.media.get(id);
    if (!media) {
      const part = `media/image${this.media.size + 1}.png`;
      media = { png, part, rel: this.relOf(part) };
      this.media.set(id, media);
    }
    const size = pngSize(png);
    // No taller than most of a page (a tall chart would be cut off).
    const mmWide = Math.min(widthMm, (MAX_IMAGE_HEIGHT_MM * size.width) / size.height);
    const widthPx = Math.round((mmWide / 25.4) * 96);
    const heightPx = Math.round((widthPx * size.height) / size.width);
    const [cx, cy] = [widthPx * EMU_PER_PX, heightPx * EMU_PER_PX];
    const n = ++this.placed;
    return (
      `<w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="${cx}" cy="${cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>` +
      `<wp:docPr id="${n}" name="${safe(id)}" descr="${safe(caption)}" title="${safe(caption)}"/>` +
      `<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="${A_NS}" noChangeAspect="1"/></wp:cNvGraphicFramePr>` +
      `<a:graphic xmlns:a="${A_NS}"><a:graphicData uri="${PIC_NS}"><pic:pic xmlns:pic="${PIC_NS}">` +
      `<pic:nvPicPr><pic:cNvPr id="${n}" name="${safe(id)}.png"/><pic:cNvPicPr><a:picLocks noChangeAspect="1"/></pic:cNvPicPr></pic:nvPicPr>` +
      `<pic:blipFill><a:blip r:embed="${media.rel}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>` +
      `<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${cx}" cy="${cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>` +
      '</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing>'
    );
  }
}

function imageOf(block: Extract<Block, { kind: 'image' }>, pictures: Pictures): string {
  const caption = paragraph(run(block.image.caption, { italic: true, size: 12 }), { align: 'center', spacing: { before: 60, after: 160 } });
  const drawing = pictures.drawing(block.image.id, block.image.caption, block.image.widthMm);
  if (!drawing) return highlighted(`[Chưa có biểu đồ ${block.image.id}]`) + caption;
  return paragraph(`<w:r>${drawing}</w:r>`, { align: 'center', keepNext: true, spacing: { before: 120, after: 0 } }) + caption;
}

function blockOf(block: Block, width: number, pictures: Pictures): string {
  switch (block.kind) {
    case 'heading':
      return paragraph(run(block.text, { bold: true, italic: block.level === 3 }), {
        align: block.level === 1 && block.text.startsWith('PHỤ LỤC') ? 'center' : 'both',
        indent: block.level === 1 ? undefined : { firstLine: mm(10) },
        keepNext: true,
        spacing: { before: block.level === 1 ? 180 : 120, after: 120, line: 276 },
      });
    case 'paragraph':
      return body(runsOf(block.runs));
    case 'placeholder':
      return highlighted(`[${block.text}]`);
    case 'reference':
      return body(run(block.text, { italic: true }));
    case 'table':
      return tableOf(block.table, width);
    case 'image':
      return imageOf(block, pictures);
  }
}

// ---- Sections, parts and the package ----------------------------------------------------------

/** Text width of a page in twips. */
const textWidth = (orientation: DraftSection['orientation']) => (orientation === 'landscape' ? PAGE.height : PAGE.width) - MARGIN.left - MARGIN.right;

/**
 * A section's properties: its headers (`first` only on the document's first page, which carries no
 * number under Nghị định 30/2020), A4 in its orientation, the margins.
 */
function sectionProps(orientation: DraftSection['orientation'], headers: { default: string; first?: string }): string {
  const [w, h] = orientation === 'landscape' ? [PAGE.height, PAGE.width] : [PAGE.width, PAGE.height];
  return (
    '<w:sectPr>' +
    `<w:headerReference w:type="default" r:id="${headers.default}"/>` +
    (headers.first ? `<w:headerReference w:type="first" r:id="${headers.first}"/>` : '') +
    `<w:pgSz w:w="${w}" w:h="${h}" w:orient="${orientation}"/>` +
    `<w:pgMar${attrs({ top: MARGIN.top, right: MARGIN.right, bottom: MARGIN.bottom, left: MARGIN.left, header: MARGIN.header, footer: MARGIN.footer, gutter: 0 })}/>` +
    (headers.first ? '<w:titlePg/>' : '') +
    '<w:docGrid w:linePitch="360"/></w:sectPr>'
  );
}

const ROOT_NS = `xmlns:w="${W_NS}" xmlns:r="${OFFICE_REL}"`;

/** The page number, centred, as a PAGE field (its value is the reader's to compute). */
const PAGE_NUMBER_HEADER =
  `${XML_HEAD}<w:hdr ${ROOT_NS}>` +
  paragraph(
    ['<w:fldChar w:fldCharType="begin"/>', '<w:instrText xml:space="preserve"> PAGE </w:instrText>', '<w:fldChar w:fldCharType="separate"/>', '<w:fldChar w:fldCharType="end"/>']
      .map((inner) => `<w:r>${runProps({ size: PT.block })}${inner}</w:r>`)
      .join(''),
    { align: 'center' },
  ) +
  '</w:hdr>';
const EMPTY_HEADER = `${XML_HEAD}<w:hdr ${ROOT_NS}><w:p/></w:hdr>`;

const STYLES =
  `${XML_HEAD}<w:styles ${ROOT_NS}>` +
  `<w:docDefaults><w:rPrDefault><w:rPr>${FONTS}${sizeXml(PT.body)}<w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault/></w:docDefaults>` +
  '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>' +
  '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>' +
  '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>' +
  '</w:styles>';

/** Word opens the file in its current mode (15), not as a document of an older version. */
const SETTINGS =
  `${XML_HEAD}<w:settings ${ROOT_NS}><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/>` +
  '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>';

function coreProperties(title: string, date: string): string {
  const stamp = `${date}T00:00:00Z`;
  return (
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" ` +
    'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${safe(title)}</dc:title><dc:creator>bhxh-truyen-thong</dc:creator>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${stamp}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${stamp}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

const APP_PROPERTIES = `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>bhxh-truyen-thong</Application></Properties>`;

export function draftDocx(doc: DraftDocument, images: ReadonlyMap<string, Uint8Array> = new Map()): Uint8Array {
  // The document's relationships, numbered as they are asked for.
  const rels: { type: string; target: string }[] = [];
  const relOf = (type: string) => (target: string) => `rId${rels.push({ type: `${OFFICE_REL}/${type}`, target })}`;
  relOf('styles')('styles.xml');
  relOf('settings')('settings.xml');
  const headers: Record<string, string> = {};
  const header = (xml: string) => {
    const part = `header${Object.keys(headers).length + 1}.xml`;
    headers[part] = xml;
    return relOf('header')(part);
  };
  const pictures = new Pictures(images, relOf('image'));

  const width = textWidth('portrait');
  const first = sectionProps('portrait', { default: header(PAGE_NUMBER_HEADER), first: header(EMPTY_HEADER) });
  const main =
    headingTable(doc, width) +
    paragraph(run(doc.title, { bold: true }), { align: 'center', spacing: { before: 240 } }) +
    paragraph(run(doc.subject, { bold: true }), { align: 'center', spacing: { after: 240 } }) +
    doc.body.map((b) => blockOf(b, width, pictures)).join('') +
    paragraph('', { spacing: { before: 120 } }) +
    closing(doc, width);
  let content: string;
  if (doc.appendix) {
    const { orientation, blocks } = doc.appendix;
    // A section other than the last ends with a paragraph carrying its properties.
    const appendix = blocks.map((b) => blockOf(b, textWidth(orientation), pictures)).join('');
    content = main + paragraph('', { sectionEnd: first }) + appendix + sectionProps(orientation, { default: header(PAGE_NUMBER_HEADER) });
  } else {
    content = main + first;
  }

  const ns = `${ROOT_NS} xmlns:wp="${WP_NS}" xmlns:a="${A_NS}" xmlns:pic="${PIC_NS}"`;
  const parts: Record<string, string | Uint8Array> = {
    '[Content_Types].xml': contentTypesXml({ png: 'image/png' }, [
      { part: 'word/document.xml', type: `${WML_TYPE}.document.main+xml` },
      { part: 'word/styles.xml', type: `${WML_TYPE}.styles+xml` },
      { part: 'word/settings.xml', type: `${WML_TYPE}.settings+xml` },
      ...Object.keys(headers).map((part) => ({ part: `word/${part}`, type: `${WML_TYPE}.header+xml` })),
      { part: 'docProps/core.xml', type: 'application/vnd.openxmlformats-package.core-properties+xml' },
      { part: 'docProps/app.xml', type: 'application/vnd.openxmlformats-officedocument.extended-properties+xml' },
    ]),
    '_rels/.rels': relationshipsXml([
      { type: `${OFFICE_REL}/officeDocument`, target: 'word/document.xml' },
      { type: 'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties', target: 'docProps/core.xml' },
      { type: `${OFFICE_REL}/extended-properties`, target: 'docProps/app.xml' },
    ]),
    'word/document.xml': `${XML_HEAD}<w:document ${ns}><w:body>${content}</w:body></w:document>`,
    'word/_rels/document.xml.rels': relationshipsXml(rels),
    'word/styles.xml': STYLES,
    'word/settings.xml': SETTINGS,
    ...Object.fromEntries(Object.entries(headers).map(([part, xml]) => [`word/${part}`, xml])),
    ...Object.fromEntries([...pictures.media.values()].map((m) => [`word/${m.part}`, m.png])),
    'docProps/core.xml': coreProperties(`${doc.title} ${doc.subject}`, doc.date),
    'docProps/app.xml': APP_PROPERTIES,
  };
  // Zip times are local calendar fields: midnight local time gives the same fields in every time zone.
  const [year, month, day] = doc.date.split('-').map(Number);
  return zipPackage(parts, new Date(year, month - 1, day));
}
