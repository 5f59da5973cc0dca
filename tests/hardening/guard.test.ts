/**
 * The guard's own pieces: the bounded deflate decoder against zlib, every limit on a genuine
 * report (tightened so that the report is the one beyond it), and zips as other writers make them.
 */
import { deflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import JSZip from 'jszip';
import { parsePeriod } from '../../core/periods';
import { guardFileSize, guardWorkbook, readWorkbookFile, WORKBOOK_LIMITS, writeSubmissionWorkbook, type WorkbookLimits } from '../../core/xlsx';
import { InflateError, InflateOverflow, inflateRaw } from '../../core/xlsx/inflate';
import { jest } from '@jest/globals';
import { usingZlib, ZLIBS } from '../support/zlib';
import { nodeZlib } from '../../pipeline/native-zlib';
import { loadRegistry } from '../../pipeline/reference';
import { provinceSubmission } from '../pipeline/fixtures';
import { readZip, textPart, withParts, writeZip } from './zip';

const registry = loadRegistry();
const PERIOD = parsePeriod('2026-H1');
let report: Uint8Array;

beforeAll(async () => {
  report = await writeSubmissionWorkbook(provinceSubmission(registry, '51', PERIOD.code, { reportDate: '2026-06-15', seed: 3 }), registry);
});

/** What inflateRaw writes, as a Buffer. */
function inflated(data: Uint8Array, limit: number): Buffer {
  let out: Uint8Array = new Uint8Array(0);
  const size = inflateRaw(data, limit, (buffer) => (out = buffer));
  return Buffer.from(out.subarray(0, size));
}

describe.each(ZLIBS)('the bounded deflate decoder, %s', (_, zlib) => {
  usingZlib(zlib);

  test(zlib ? "inflates with the pipeline's zlib, pako only where it fails" : 'inflates with pako', () => {
    const spy = jest.spyOn(nodeZlib, 'inflateRaw');
    const data = new TextEncoder().encode('<row r="1"/>'.repeat(100));
    inflated(deflateRawSync(data), data.length);
    expect(() => inflateRaw(deflateRawSync(data), data.length - 1)).toThrow(InflateOverflow);
    expect(spy).toHaveBeenCalledTimes(zlib ? 2 : 0);
    spy.mockRestore();
  });

  test('inflates what zlib deflates, at every level, byte for byte', () => {
    const content = fc.oneof(
      fc.uint8Array({ maxLength: 40_000 }),
      fc.array(fc.constantFrom('<row r="1">', '<c r="D10" s="3"><v>12</v></c>', '</row>', 'Mẫu 03', ' '), { maxLength: 4000 }).map((parts) => new TextEncoder().encode(parts.join(''))),
    );
    fc.assert(
      fc.property(content, fc.integer({ min: 0, max: 9 }), (data, level) => {
        const compressed = deflateRawSync(data, { level });
        expect(inflated(compressed, data.length).equals(Buffer.from(data))).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  test('stops at the limit, and refuses cut or foreign data', () => {
    const data = new TextEncoder().encode('<row r="1"/>'.repeat(5000));
    const compressed = deflateRawSync(data);
    expect(() => inflateRaw(compressed, data.length - 1)).toThrow(InflateOverflow);
    expect(() => inflateRaw(compressed.subarray(0, compressed.length >> 1), data.length)).toThrow(InflateError);
    expect(() => inflateRaw(Uint8Array.from([0xff, 0xff, 0xff, 0xff]), 100)).toThrow(InflateError);
    // A part declared empty that is not.
    expect(() => inflateRaw(deflateRawSync(Buffer.from('x')), 0)).toThrow(InflateOverflow);
    expect(inflated(deflateRawSync(Buffer.alloc(0)), 0).length).toBe(0);
  });
});

describe('every limit refuses a report beyond it', () => {
  const tight = (limits: Partial<WorkbookLimits>) => guardWorkbook(report, { ...WORKBOOK_LIMITS, ...limits });

  test('a genuine report is within all the limits', () => {
    expect(guardWorkbook(report)).toBeNull();
  });

  test.each([
    ['maxFileBytes', { maxFileBytes: 1000 }, 'L14', null, /tệp nặng/],
    ['maxEntries', { maxEntries: 5 }, 'L14', null, /phần, quá giới hạn 5/],
    ['maxEntryBytes', { maxEntryBytes: 10_000 }, 'L14', 'Mẫu 03', /giải nén ra .* vượt giới hạn/],
    ['maxTotalBytes', { maxTotalBytes: 30_000 }, 'L14', null, /tệp giải nén ra/],
    ['maxRatio', { maxRatio: 2, ratioFloorBytes: 1000 }, 'L15', null, /bom nén/],
    ['maxRows', { maxRows: 15 }, 'L14', 'Mẫu 03', /hàng 16/],
    ['maxColumns', { maxColumns: 10 }, 'L14', 'Mẫu 03', /ô W1,/],
    ['maxCells', { maxCells: 100 }, 'L14', 'Mẫu 03', /hơn 100 ô/],
  ] as const)('%s', (_, limits, rule, sheet, says) => {
    const refusal = tight(limits);
    expect(refusal).toMatchObject({ rule, sheet });
    expect(refusal!.reason.vi).toMatch(says);
    expect(refusal!.reason.en.length).toBeGreaterThan(10);
  });

  test('the size alone refuses a file before it is read', () => {
    expect(guardFileSize(5 * 1024 ** 3)).toMatchObject({ rule: 'L14', sheet: null });
    expect(guardFileSize(5 * 1024 ** 3)!.reason.vi).toMatch(/tệp nặng 5[.,]?120 MB/);
    expect(guardFileSize(0)).toMatchObject({ rule: 'L00' });
    expect(guardFileSize(report.length)).toBeNull();
  });

  test('rows and columns beyond the limits are named by their first cell there', () => {
    expect(tight({ maxRows: 15 })).toMatchObject({ row: 16, column: 1 });
    // W1 holds the form's name, top right: the first cell of the sheet right of column J.
    expect(tight({ maxColumns: 10 })).toMatchObject({ row: 1, column: 23 });
  });
});

test('a cell addressed far below its row counts by its own address', () => {
  const sheet = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="B900000"><v>1</v></c></row></sheetData></worksheet>';
  const bytes = writeZip(withParts(readZip(report), [textPart('xl/worksheets/sheet1.xml', sheet)]));
  expect(guardWorkbook(bytes)).toMatchObject({ rule: 'L14', sheet: 'Mẫu 03', row: 900000, column: 2 });
});

describe('zips as other writers make them', () => {
  test('a ZIP64 workbook is accepted and read', async () => {
    const zip64 = writeZip(readZip(report), true);
    expect(guardWorkbook(zip64)).toBeNull();
    const { submission, issues } = await readWorkbookFile(zip64, 'zip64.xlsx');
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(submission?.unitCode).toBe('51');
  });

  test('an encrypted zip part is refused as protected by a password', () => {
    const bytes = report.slice();
    const view = new DataView(bytes.buffer);
    // Set the "encrypted" flag of every central directory entry.
    for (let at = 0; at + 4 <= bytes.length; at++) if (view.getUint32(at, true) === 0x02014b50) view.setUint16(at + 8, view.getUint16(at + 8, true) | 1, true);
    expect(guardWorkbook(bytes)).toMatchObject({ rule: 'L00' });
    expect(guardWorkbook(bytes)!.reason.vi).toMatch(/mật khẩu/);
  });
});

/**
 * ExcelJS picks the parts it parses by unanchored patterns on the name JSZip gives them, so a
 * worksheet or an XML part can hide at a path no standard part has; the guard must judge them all.
 */
describe('parts ExcelJS parses at odd paths are judged like the standard ones', () => {
  const farRow = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="6000"><c r="A6000"><v>1</v></c></row></sheetData></worksheet>';
  const withPart = (name: string, text: string) => writeZip(withParts(readZip(report), [textPart(name, text)]));

  test.each(['z/xl/worksheets/sheet9.xml', 'xl/worksheets/sheet1.xml_', 'xl/worksheets/x/../sheet9.xml'])('a worksheet at "%s" has its rows counted', (name) => {
    expect(guardWorkbook(withPart(name, farRow))).toMatchObject({ rule: 'L14', row: 6000, column: 1 });
  });

  test.each(['z/xl/drawings/drawing1.xml~', 'xl/comments1.xml.txt', 'xl/media/../drawings/drawing1.xml'])('a DTD in "%s" is refused', (name) => {
    const refusal = guardWorkbook(withPart(name, '<!DOCTYPE x [<!ENTITY a "aaaa">]><xdr:wsDr xmlns:xdr="x">&a;</xdr:wsDr>'));
    expect(refusal).toMatchObject({ rule: 'L15' });
    expect(refusal!.reason.vi).toContain('DTD');
  });

  test('media is binary to ExcelJS and not scanned, unless it is also a worksheet', () => {
    expect(guardWorkbook(withPart('xl/media/image1.svg', '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x"><svg/>'))).toBeNull();
    expect(guardWorkbook(withPart('xl/media/xl/worksheets/sheet9.xml', farRow))).toMatchObject({ rule: 'L14', row: 6000 });
  });

  test('a worksheet named by its Unicode Path field (as JSZip reads it) is counted under that name', async () => {
    const hidden = 'xl/worksheets/sheet9.xml_ẩn';
    const zip = await JSZip.loadAsync(withPart(hidden, farRow));
    // For a non-ASCII name a custom encoding makes JSZip write the plain name "a.bin" and the real one in field 0x7075.
    const bytes = await zip.generateAsync({ type: 'uint8array', encodeFileName: (name) => (name === hidden ? 'a.bin' : name) });
    expect(Object.keys((await JSZip.loadAsync(bytes)).files)).toContain(hidden);
    expect(guardWorkbook(bytes)).toMatchObject({ rule: 'L14', row: 6000 });
  });
});
