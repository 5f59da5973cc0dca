/**
 * Writes a DraftDocument as .docx with the `docx` package (Node and the browser alike), in the
 * format of Nghị định 30/2020/NĐ-CP: A4, margins top/bottom 20 mm, left 30 mm, right 15 mm, Times
 * New Roman, body 14 pt, the two-column heading, the place-and-date line in italics, page numbers
 * centred in the top margin from page 2. Image slots take the PNGs given by chart id. The same
 * document gives the same bytes: the `docx` package stamps the clock into the zip and
 * docProps/core.xml and numbers pictures from a counter shared by every document it builds, so
 * pictures are numbered per document and the file is dated on the report's own date.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  HighlightColor,
  ImageRun,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type ISectionOptions,
} from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { Block, DraftDocument, DraftSection, DraftTable, Run } from './model';

export const FONT = 'Times New Roman';
/** A4 in twentieths of a point, and the margins (1 mm = 56.7 twips). */
export const PAGE = { width: 11906, height: 16838 } as const;
const mm = (v: number) => Math.round(v * 56.7);
export const MARGINS_MM = { top: 20, bottom: 20, left: 30, right: 15 } as const;
const MARGIN = { top: mm(MARGINS_MM.top), bottom: mm(MARGINS_MM.bottom), left: mm(MARGINS_MM.left), right: mm(MARGINS_MM.right), header: mm(10), footer: mm(10) };
/** Sizes in points: body 14; heading block 12-13 (national name and issuing body 12, motto and number 13); "Nơi nhận" 12 / 11. */
const PT = { body: 14, block: 13, nationalName: 12, recipientsHead: 12, recipients: 11 } as const;
const half = (pt: number) => pt * 2;

const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE } as const;
const LINE = { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } as const;

function text(t: string, opts: { bold?: boolean; italic?: boolean; size?: number } = {}): TextRun {
  return new TextRun({ text: t, bold: opts.bold, italics: opts.italic, size: half(opts.size ?? PT.body), font: FONT });
}

function centred(runs: TextRun[]): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, children: runs, spacing: { before: 0, after: 0 } });
}

/** The short rule under the issuing body and under the motto: an empty line's bottom border, `lengthMm` long, centred. */
function rule(cellMm: number, lengthMm: number): Paragraph {
  const side = mm(Math.max(0, (cellMm - lengthMm) / 2));
  return new Paragraph({
    spacing: { before: 0, after: 160, line: 120, lineRule: 'exact' },
    border: { bottom: LINE },
    indent: { left: side, right: side },
    children: [new TextRun({ text: '', size: 2 })],
  });
}

/** The two-column heading: issuing body (left) and the national name and motto (right), then number and date. */
function headingTable(doc: DraftDocument, textWidth: number): Table {
  // As in the decree's model, the heading reaches 10 mm into the left margin so that each line fits.
  const width = textWidth + mm(10);
  const left = Math.round(width * 0.43);
  const cellMm = (w: number) => w / 56.7 - 2;
  const cell = (children: Paragraph[], w: number) => new TableCell({ children, width: { size: w, type: WidthType.DXA }, borders: NO_BORDERS });
  return new Table({
    width: { size: width, type: WidthType.DXA },
    indent: { size: -mm(10), type: WidthType.DXA },
    columnWidths: [left, width - left],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        children: [
          cell(
            [
              centred([text(doc.issuer.parent, { size: PT.nationalName })]),
              centred([text(doc.issuer.unit, { size: PT.nationalName, bold: true })]),
              rule(cellMm(left), 22),
              centred([text(doc.number, { size: PT.block })]),
            ],
            left,
          ),
          cell(
            [
              centred([text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { size: PT.nationalName, bold: true })]),
              centred([text('Độc lập - Tự do - Hạnh phúc', { size: PT.block, bold: true })]),
              rule(cellMm(width - left), 58),
              centred([text(doc.placeDate, { size: PT.body, italic: true })]),
            ],
            width - left,
          ),
        ],
      }),
    ],
  });
}

function runsOf(runs: readonly Run[], size = PT.body): TextRun[] {
  return runs.map((r) => text(r.text, { bold: r.bold, italic: r.italic, size }));
}

const body = (children: TextRun[], opts: { indent?: boolean; italic?: boolean } = {}) =>
  new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: opts.indent === false ? undefined : { firstLine: mm(10) },
    spacing: { before: 0, after: 120, line: 276 },
    children,
  });

function tableOf(t: DraftTable, width: number): (Paragraph | Table)[] {
  const total = t.widths.reduce((a, b) => a + b, 0);
  const widths = t.widths.map((w) => Math.floor((w / total) * width));
  const cellParas = (value: string, opts: { bold?: boolean; right?: boolean; centre?: boolean }) =>
    value.split('\n').map(
      (line) =>
        new Paragraph({
          alignment: opts.centre ? AlignmentType.CENTER : opts.right ? AlignmentType.RIGHT : AlignmentType.LEFT,
          spacing: { before: 20, after: 20 },
          children: [text(line, { size: t.fontSize, bold: opts.bold })],
        }),
    );
  const row = (cells: string[], opts: { header?: boolean; total?: boolean }) =>
    new TableRow({
      tableHeader: opts.header,
      cantSplit: true,
      children: cells.map(
        (c, i) =>
          new TableCell({
            width: { size: widths[i], type: WidthType.DXA },
            margins: { left: 50, right: 50 },
            children: cellParas(c, { bold: opts.header || opts.total, centre: opts.header, right: !opts.header && t.numeric[i] }),
          }),
      ),
    });
  const out: (Paragraph | Table)[] = [];
  if (t.title) out.push(new Paragraph({ spacing: { before: 120, after: 60 }, keepNext: true, children: [text(t.title, { bold: true, italic: true })] }));
  out.push(
    new Table({
      width: { size: width, type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      rows: [row(t.header, { header: true }), ...t.rows.map((r) => row(r.cells, { total: r.total }))],
    }),
  );
  out.push(new Paragraph({ spacing: { after: 60 }, children: [] }));
  return out;
}

const MAX_IMAGE_HEIGHT_MM = 180;

/** Width × height of a PNG, read from its IHDR chunk. */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  if (png.byteLength < 24 || view.getUint32(12) !== 0x49484452) throw new Error('không phải tệp PNG / not a PNG file');
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** The chart PNGs by id, and the next picture number of the document (Word wants them unique). */
interface Pictures {
  images: ReadonlyMap<string, Uint8Array>;
  next: () => number;
}

function imageOf(block: Extract<Block, { kind: 'image' }>, { images, next }: Pictures): Paragraph[] {
  const png = images.get(block.image.id);
  const caption = new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 60, after: 160 },
    children: [text(block.image.caption, { italic: true, size: 12 })],
  });
  if (!png) {
    return [body([new TextRun({ text: `[Chưa có biểu đồ ${block.image.id}]`, italics: true, highlight: HighlightColor.YELLOW, size: half(PT.body), font: FONT })]), caption];
  }
  const size = pngSize(png);
  // No taller than most of a page (a tall chart would be cut off), then in pixels at 96 to the
  // inch, as the docx package measures pictures.
  const widthMm = Math.min(block.image.widthMm, (MAX_IMAGE_HEIGHT_MM * size.width) / size.height);
  const width = Math.round((widthMm / 25.4) * 96);
  const height = Math.round((width * size.height) / size.width);
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: true,
      spacing: { before: 120, after: 0 },
      children: [new ImageRun({ type: 'png', data: png, transformation: { width, height }, altText: { id: String(next()), name: block.image.id, title: block.image.caption, description: block.image.caption } })],
    }),
    caption,
  ];
}

function blockOf(block: Block, width: number, pictures: Pictures): (Paragraph | Table)[] {
  switch (block.kind) {
    case 'heading':
      return [
        new Paragraph({
          alignment: block.level === 1 && block.text.startsWith('PHỤ LỤC') ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
          indent: block.level === 1 ? undefined : { firstLine: mm(10) },
          keepNext: true,
          spacing: { before: block.level === 1 ? 180 : 120, after: 120, line: 276 },
          children: [text(block.text, { bold: true, italic: block.level === 3 })],
        }),
      ];
    case 'paragraph':
      return [body(runsOf(block.runs))];
    case 'placeholder':
      return [
        body([
          new TextRun({ text: `[${block.text}]`, italics: true, highlight: HighlightColor.YELLOW, size: half(PT.body), font: FONT }),
        ]),
      ];
    case 'reference':
      return [body([text(block.text, { italic: true })])];
    case 'table':
      return tableOf(block.table, width);
    case 'image':
      return imageOf(block, pictures);
  }
}

/** "Nơi nhận" (left) and the signature block (right). */
function closing(doc: DraftDocument, width: number): Table {
  const left = Math.round(width * 0.5);
  const cell = (children: Paragraph[], w: number) => new TableCell({ children, width: { size: w, type: WidthType.DXA }, borders: NO_BORDERS });
  const para = (runs: TextRun[], centre = false) => new Paragraph({ alignment: centre ? AlignmentType.CENTER : AlignmentType.LEFT, spacing: { after: 0 }, children: runs });
  return new Table({
    width: { size: width, type: WidthType.DXA },
    columnWidths: [left, width - left],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        cantSplit: true,
        children: [
          cell(
            [
              para([text('Nơi nhận:', { bold: true, italic: true, size: PT.recipientsHead })]),
              ...doc.recipients.map((r) => para([text(`- ${r}`, { size: PT.recipients })])),
            ],
            left,
          ),
          cell(
            [
              para([text(doc.signer.title, { bold: true })], true),
              para([text(doc.signer.note, { italic: true })], true),
            ],
            width - left,
          ),
        ],
      }),
    ],
  });
}

const pageNumberHeader = () =>
  new Header({
    children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], size: half(PT.block), font: FONT })] })],
  });

function sectionProps(orientation: DraftSection['orientation'], first: boolean): ISectionOptions['properties'] {
  const landscape = orientation === 'landscape';
  return {
    // The first page carries no number (Nghị định 30/2020): its own, empty header.
    titlePage: first,
    page: {
      // Given as portrait; the docx package swaps width and height for a landscape section.
      size: { width: PAGE.width, height: PAGE.height, orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
      margin: MARGIN,
    },
  };
}

/** Text width of a page in twips. */
const textWidth = (orientation: DraftSection['orientation']) =>
  (orientation === 'landscape' ? PAGE.height : PAGE.width) - MARGIN.left - MARGIN.right;

/**
 * Dates every part of the zip, and the creation and modification dates of docProps/core.xml, on
 * `date` (ISO) instead of the clock. Zip times are local calendar fields: midnight local time
 * gives the same fields in every time zone.
 */
function datedOn(docx: Uint8Array, date: string): Uint8Array {
  const parts = unzipSync(docx);
  const core = 'docProps/core.xml';
  parts[core] = strToU8(strFromU8(parts[core]).replace(/(<dcterms:(created|modified)[^>]*>)[^<]*/g, `$1${date}T00:00:00Z`));
  const [year, month, day] = date.split('-').map(Number);
  return zipSync(parts, { mtime: new Date(year, month - 1, day) });
}

export async function draftDocx(doc: DraftDocument, images: ReadonlyMap<string, Uint8Array> = new Map()): Promise<Uint8Array> {
  let picture = 0;
  const pictures: Pictures = { images, next: () => ++picture };
  const width = textWidth('portrait');
  const main: (Paragraph | Table)[] = [
    headingTable(doc, width),
    new Paragraph({ spacing: { before: 240 }, alignment: AlignmentType.CENTER, children: [text(doc.title, { bold: true })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [text(doc.subject, { bold: true })] }),
    ...doc.body.flatMap((b) => blockOf(b, width, pictures)),
    new Paragraph({ spacing: { before: 120 }, children: [] }),
    closing(doc, width),
  ];
  const sections: ISectionOptions[] = [
    { properties: sectionProps('portrait', true), headers: { default: pageNumberHeader(), first: new Header({ children: [] }) }, children: main },
  ];
  if (doc.appendix) {
    const w = textWidth(doc.appendix.orientation);
    sections.push({
      properties: sectionProps(doc.appendix.orientation, false),
      headers: { default: pageNumberHeader() },
      children: doc.appendix.blocks.flatMap((b) => blockOf(b, w, pictures)),
    });
  }
  const document = new Document({
    creator: 'bhxh-truyen-thong',
    title: `${doc.title} ${doc.subject}`,
    styles: { default: { document: { run: { font: FONT, size: half(PT.body) } } } },
    sections,
  });
  return datedOn(new Uint8Array(await Packer.toArrayBuffer(document)), doc.date);
}
