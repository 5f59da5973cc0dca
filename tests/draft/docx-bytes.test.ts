/**
 * The .docx as bytes: the same draft gives the same file, byte for byte, whenever and however
 * often it is built (dated on the report's date, pictures numbered per document); any text the
 * model carries reaches the page as it is, read back by LibreOffice.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import JSZip from 'jszip';
import { unitIndicators } from '../../addin/indicators';
import { draftDocx } from '../../core/draft/docx';
import type { DraftDocument } from '../../core/draft/model';
import { provinceDraft } from '../../core/draft/province';
import { readWorkbookFile } from '../../core/xlsx';
import { DATA_DIR, PROJECT_ROOT } from '../../pipeline/reference';
import { registry, targets } from '../pipeline/helpers';
import { docxToPdf, pdfText, squeeze } from './pdf';

const DATE = '2026-06-15';
const PNG = readFileSync(join(PROJECT_ROOT, 'assets', 'icon-64.png'));

async function draft(): Promise<DraftDocument> {
  const { submission } = await readWorkbookFile(readFileSync(join(DATA_DIR, 'samples', '2026-H1', '51_2026-H1.xlsx')), '51_2026-H1.xlsx');
  const doc = provinceDraft(submission!, registry, unitIndicators(submission!, registry, targets), DATE);
  // Two pictures, as the national draft has charts.
  doc.body.push({ kind: 'image', image: { id: 'a', caption: 'Hình 1', widthMm: 60 } }, { kind: 'image', image: { id: 'b', caption: 'Hình 2', widthMm: 60 } });
  return doc;
}

/** Builds the document with the clock set to `now`. */
async function buildAt(doc: DraftDocument, now: string): Promise<Buffer> {
  jest.useFakeTimers({ now: new Date(now), doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate', 'setTimeout', 'setInterval', 'clearImmediate', 'clearTimeout', 'clearInterval'] });
  try {
    return Buffer.from(draftDocx(doc, new Map([['a', PNG], ['b', PNG]])));
  } finally {
    jest.useRealTimers();
  }
}

test('two builds at different times give identical bytes, dated on the report date, pictures numbered from 1', async () => {
  const doc = await draft();
  const first = await buildAt(doc, '2026-06-15T08:00:00.123Z');
  const second = await buildAt(doc, '2026-12-31T23:59:58.999Z');
  expect(second.equals(first)).toBe(true);

  const zip = await JSZip.loadAsync(first);
  const core = await zip.file('docProps/core.xml')!.async('string');
  expect(core).toContain(`<dcterms:created xsi:type="dcterms:W3CDTF">${DATE}T00:00:00Z</dcterms:created>`);
  expect(core).toContain(`<dcterms:modified xsi:type="dcterms:W3CDTF">${DATE}T00:00:00Z</dcterms:modified>`);
  for (const file of Object.values(zip.files)) {
    expect([file.name, file.date.getFullYear(), file.date.getMonth() + 1, file.date.getDate()]).toEqual([file.name, 2026, 6, 15]);
  }
  const xml = await zip.file('word/document.xml')!.async('string');
  expect([...xml.matchAll(/<wp:docPr id="(\d+)"/g)].map((m) => m[1])).toEqual(['1', '2']);
});

test('text that is markup, control characters, tabs and line breaks reaches the page as written (LibreOffice)', async () => {
  const doc = await draft();
  const hostile = 'A&B <w:t> "q" ]]> x\u0001y\uFFFEz lone\uD800 col1\tcol2 line1\nline2\u000Bline3 Việt Nam 🇻🇳';
  doc.body.push({ kind: 'paragraph', runs: [{ text: hostile }] });
  doc.body.push({ kind: 'table', table: { header: ['<Tỉnh>', 'A & B'], rows: [{ cells: ['"Hà Nội"', '1.234'] }], widths: [1, 1], fontSize: 12, numeric: [false, true] } });
  const bytes = draftDocx(doc);
  const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
  expect(xml.includes('col1</w:t><w:tab/><w:t xml:space="preserve">col2 line1</w:t><w:br/><w:t xml:space="preserve">line2</w:t><w:br/>')).toBe(true);

  const dir = mkdtempSync(join(tmpdir(), 'bhxh-docx-text-'));
  let text: string;
  try {
    const file = join(dir, 'hostile.docx');
    writeFileSync(file, bytes);
    const [pdf] = await docxToPdf([file], dir);
    text = await pdfText(pdf);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // Characters XML cannot hold are dropped; everything else is there (pdftotext may place what
  // follows a tab stop out of order), the line breaks as breaks.
  for (const piece of ['A&B <w:t> "q" ]]> xyz lone col1', 'col2 line1', 'line3 Việt Nam']) expect(squeeze(text)).toContain(squeeze(piece));
  expect(text).toMatch(/line2\s*\n\s*line3/);
  for (const cell of ['<Tỉnh>', 'A & B', '"Hà Nội"', '1.234']) expect(squeeze(text)).toContain(squeeze(cell));
}, 120_000);

test('a table row with more cells than the table has columns is refused, not written', async () => {
  const doc = await draft();
  doc.body.push({ kind: 'table', table: { title: 'Bảng lỗi', header: ['a', 'b'], rows: [{ cells: ['1', '2', '3'] }], widths: [1, 1], fontSize: 12, numeric: [false, false] } });
  expect(() => draftDocx(doc)).toThrow('Bảng "Bảng lỗi": 3 ô cho 2 cột / 3 cells for 2 columns');
});
