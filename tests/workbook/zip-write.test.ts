/**
 * core/zip-write.ts writes the zip of every workbook and Word draft itself, deflating with fflate
 * in the task pane and with Node's zlib on the pipeline's threads. What it writes is read back by
 * readers we did not write (JSZip, which ExcelJS uses; Python's zipfile; `unzip -t` where the
 * machine has it), each way.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 as zlibCrc32 } from 'node:zlib';
import fc from 'fast-check';
import JSZip from 'jszip';
import { crc32 } from '../../core/crc32';
import { useNativeZlib } from '../../core/native-zlib';
import { zipParts } from '../../core/zip-write';
import { usingZlib, ZLIBS } from '../support/zlib';

const DATE = new Date(2026, 2, 31, 13, 45, 58);
const text = (s: string) => new TextEncoder().encode(s);
const PARTS: [string, Uint8Array][] = [
  ['[Content_Types].xml', text('<?xml version="1.0"?><Types/>')],
  ['xl/worksheets/sheet1.xml', text('<row r="1"><c r="A1" t="inlineStr"><is><t>Mẫu 03</t></is></c></row>'.repeat(500))],
  ['xl/empty.xml', new Uint8Array(0)],
  ['word/media/ảnh biểu đồ.png', Uint8Array.from({ length: 5000 }, (_, i) => (i * 7919) % 251)],
];

const hasProgram = (name: string) => spawnSync(name, ['-h'], { stdio: 'ignore' }).error === undefined;

describe.each(ZLIBS)('a zip deflated with %s', (_, zlib) => {
  usingZlib(zlib);

  test('JSZip reads every part back, byte for byte, under its name', async () => {
    const zip = await JSZip.loadAsync(zipParts(PARTS, DATE), { checkCRC32: true });
    expect(Object.keys(zip.files)).toEqual(PARTS.map(([name]) => name));
    for (const [name, body] of PARTS) {
      const entry = zip.file(name)!;
      expect(Buffer.from(await entry.async('uint8array')).equals(Buffer.from(body))).toBe(true);
    }
  });

  test('the same parts give the same bytes', () => {
    expect(Buffer.from(zipParts(PARTS, DATE)).equals(Buffer.from(zipParts(PARTS, DATE)))).toBe(true);
  });

  test('any parts come back through JSZip', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.stringMatching(/^[a-zA-Z0-9ạ-ỹ_-]{1,8}(\/[a-zA-Z0-9ạ-ỹ_-]{1,8}){0,2}(\.[a-z]{1,4})?$/), fc.uint8Array({ maxLength: 3000 })), { maxLength: 6 }), async (entries) => {
        // Part names as packages have them: folders and a name, each given once.
        const unique = [...new Map(entries).entries()].filter(([name], _, all) => !all.some(([other]) => other.startsWith(`${name}/`)));
        const zip = await JSZip.loadAsync(zipParts(unique, DATE), { checkCRC32: true });
        for (const [name, body] of unique) expect(Buffer.from(await zip.file(name)!.async('uint8array')).equals(Buffer.from(body))).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  test("Python's zipfile and unzip test every part's CRC; the date is the one given", () => {
    const dir = mkdtempSync(join(tmpdir(), 'bhxh-zip-'));
    try {
      const path = join(dir, 'parts.zip');
      writeFileSync(path, zipParts(PARTS, DATE));
      const python = spawnSync('python3', ['-c', 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print(z.testzip(), "|".join(z.namelist()), z.infolist()[0].date_time)', path], { encoding: 'utf8' });
      if (!python.error) expect(python.stdout.trim()).toBe(`None ${PARTS.map(([n]) => n).join('|')} (2026, 3, 31, 13, 45, 58)`);
      if (hasProgram('unzip')) expect(spawnSync('unzip', ['-tq', path], { encoding: 'utf8' }).status).toBe(0);
      expect(python.error === undefined || hasProgram('unzip')).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

test('the pipeline deflates with its zlib when installed, the task pane with fflate', () => {
  // The two deflaters make different (equally valid) streams of the same parts.
  const [portable, native] = ZLIBS.map(([, zlib]) => {
    useNativeZlib(zlib);
    return Buffer.from(zipParts(PARTS, DATE));
  });
  useNativeZlib(null);
  expect(portable.equals(native)).toBe(false);
});

test("core's CRC-32 is zlib's", () => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => crc32(bytes) === zlibCrc32(bytes)));
  expect(crc32(text('123456789'))).toBe(0xcbf43926);
});

test('a date a zip cannot hold is refused, not written wrong', () => {
  expect(() => zipParts(PARTS, new Date(1979, 11, 31))).toThrow(/1980 to 2107/);
  expect(() => zipParts(PARTS, new Date(Number.NaN))).toThrow(/1980 to 2107/);
});
