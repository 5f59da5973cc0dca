/**
 * The charts' PNG files are encoded by pipeline/outputs/report/png-file.ts, not by resvg. Read
 * back by a decoder we did not write (resvg's own: `pngPixels`), they give the very pixels
 * encoded; their chunks are whole and in order, their rows exactly the image's; a chart encoded
 * by resvg and by this module gives the same pixels.
 */
import { Resvg } from '@resvg/resvg-js';
import { crc32, inflateSync } from 'node:zlib';
import fc from 'fast-check';
import { opaquePng } from '../../pipeline/outputs/report/png-file';
import { svgToPng } from '../../pipeline/outputs/report/png';
import { pngPixels } from './svg';

const opaque = (bytes: Uint8Array) => bytes.map((b, i) => (i % 4 === 3 ? 255 : b));
const image = (width: number, height: number, seed: number) => opaque(Uint8Array.from({ length: width * height * 4 }, (_, i) => (i * 7919 + seed) % 256));

/**
 * The file's chunks after its signature, each checked for its length and CRC; nothing after IEND.
 */
function chunks(png: Buffer): { type: string; data: Buffer }[] {
  const found: { type: string; data: Buffer }[] = [];
  let at = 8;
  while (at < png.length) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    expect(data.length).toBe(length);
    expect(png.readUInt32BE(at + 8 + length)).toBe(crc32(png.subarray(at + 4, at + 8 + length)));
    found.push({ type, data });
    at += 12 + length;
    if (type === 'IEND') break;
  }
  expect(at).toBe(png.length);
  return found;
}

/**
 * Fails unless the file has IHDR, IDAT and IEND only, as said, and one unfiltered row per pixel
 * row.
 */
function expectWellFormed(png: Buffer, width: number, height: number): void {
  const found = chunks(png);
  expect(found.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
  const [ihdr, idat, iend] = found;
  expect([...ihdr.data]).toEqual([0, 0, width >> 8, width & 255, 0, 0, height >> 8, height & 255, 8, 6, 0, 0, 0]);
  expect(iend.data.length).toBe(0);
  const rows = inflateSync(idat.data);
  expect(rows.length).toBe((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) expect(rows[y * (width * 4 + 1)]).toBe(0);
}

test('any opaque image comes back pixel for pixel, in a well-formed file', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 30 }), fc.infiniteStream(fc.integer({ min: 0, max: 255 })), (width, height, stream) => {
      const pixels = opaque(Uint8Array.from(stream.take(width * height * 4)));
      const png = opaquePng(width, height, pixels)!;
      expectWellFormed(png, width, height);
      expect(Buffer.from(pngPixels(png)).equals(Buffer.from(pixels))).toBe(true);
    }),
    { numRuns: 30 },
  );
});

test('a small image after a large one carries its own rows only', () => {
  opaquePng(300, 200, image(300, 200, 1));
  const small = image(3, 2, 2);
  const png = opaquePng(3, 2, small)!;
  expectWellFormed(png, 3, 2);
  expect(Buffer.from(pngPixels(png)).equals(Buffer.from(small))).toBe(true);
});

test('an image with any pixel not opaque is left to resvg (its pixels are premultiplied)', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 20 }), fc.nat(), fc.integer({ min: 0, max: 254 }), (width, height, which, alpha) => {
      const pixels = image(width, height, 3);
      pixels[(which % (width * height)) * 4 + 3] = alpha;
      expect(opaquePng(width, height, pixels)).toBeNull();
    }),
  );
});

test('pixels that do not make the size given are refused', () => {
  expect(() => opaquePng(3, 2, new Uint8Array(23))).toThrow('23 bytes are not 3 × 2 RGBA pixels');
  expect(() => opaquePng(2.5, 2, new Uint8Array(20))).toThrow('20 bytes are not 2.5 × 2 RGBA pixels');
});

test('a chart drawn and encoded here has the pixels resvg encodes itself', async () => {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60"><rect x="10.5" y="5" width="70" height="30" fill="#2166ac"/><circle cx="95" cy="40" r="14" fill="#f4a582" fill-opacity="0.6"/><path d="M5 55 L115 10" stroke="#1a1a1a" stroke-width="1.5"/></svg>`;
  const ours = await svgToPng(svg);
  const theirs = new Resvg(svg, { background: 'white', fitTo: { mode: 'zoom', value: 2 } }).render().asPng();
  expectWellFormed(ours, 240, 120);
  expect(Buffer.from(pngPixels(ours)).equals(Buffer.from(pngPixels(theirs)))).toBe(true);
});
