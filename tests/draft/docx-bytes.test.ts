/**
 * The same draft gives the same .docx, byte for byte, whenever and however often it is built: the
 * `docx` package would stamp the clock into the zip and docProps/core.xml and number pictures
 * from a counter shared by every document of the process.
 */
import { readFileSync } from 'node:fs';
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
