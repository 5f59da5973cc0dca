/**
 * A minimal zip reader and writer for crafting hostile workbooks: parts replaced byte for byte,
 * sizes declared falsely, streams deflated from generators without holding them whole.
 */
import { crc32, deflateRawSync, inflateRawSync, createDeflateRaw } from 'node:zlib';

export interface ZipPart {
  name: string;
  /** Deflated bytes as stored in the zip. */
  compressed: Uint8Array;
  /** Inflated size as declared in the headers (may lie). */
  size: number;
  crc: number;
}

/** The parts of a zip, in order (central directory; no ZIP64, no encryption). */
export function readZip(bytes: Uint8Array): ZipPart[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = bytes.length - 22;
  while (eocd >= 0 && view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const parts: ZipPart[] = [];
  for (let i = 0; i < count; i++) {
    const nameLength = view.getUint16(at + 28, true);
    const name = Buffer.from(bytes.subarray(at + 46, at + 46 + nameLength)).toString('utf8');
    const compressedSize = view.getUint32(at + 20, true);
    const local = view.getUint32(at + 42, true);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const method = view.getUint16(at + 10, true);
    const stored = bytes.subarray(start, start + compressedSize);
    parts.push({
      name,
      compressed: method === 8 ? stored : deflateRawSync(stored),
      size: view.getUint32(at + 24, true),
      crc: view.getUint32(at + 16, true),
    });
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return parts;
}

export function partText(part: ZipPart): string {
  return inflateRawSync(part.compressed).toString('utf8');
}

export function textPart(name: string, text: string): ZipPart {
  const data = Buffer.from(text, 'utf8');
  return { name, compressed: deflateRawSync(data), size: data.length, crc: crc32(data) };
}

/** Deflates the chunks a generator yields as one stream; the inflated whole is never in memory. */
export async function streamedPart(name: string, chunks: Iterable<Uint8Array | string>, level = 1): Promise<ZipPart> {
  const deflate = createDeflateRaw({ level });
  const out: Buffer[] = [];
  deflate.on('data', (b: Buffer) => out.push(b));
  const ended = new Promise<void>((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  let size = 0;
  let crc = 0;
  for (const chunk of chunks) {
    const data = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    size += data.length;
    crc = crc32(data, crc);
    if (!deflate.write(data)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await ended;
  return { name, compressed: Buffer.concat(out), size, crc };
}

/**
 * Writes parts as a zip (deflate), with the sizes they declare. `zip64` writes the sizes, offsets
 * and counts in ZIP64 records instead (as some writers do even for small files).
 */
export function writeZip(parts: readonly ZipPart[], zip64 = false): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  const u32 = (n: number) => (zip64 ? 0xffffffff : n);
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const extra = Buffer.alloc(zip64 ? 28 : 0);
    if (zip64) {
      extra.writeUInt16LE(0x0001, 0);
      extra.writeUInt16LE(24, 2);
      extra.writeBigUInt64LE(BigInt(p.size), 4);
      extra.writeBigUInt64LE(BigInt(p.compressed.length), 12);
      extra.writeBigUInt64LE(BigInt(offset), 20);
    }
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(zip64 ? 45 : 20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(p.crc >>> 0, 14);
    local.writeUInt32LE(u32(p.compressed.length), 18);
    local.writeUInt32LE(u32(p.size), 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(zip64 ? 20 : 0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(45, 4);
    central.writeUInt16LE(zip64 ? 45 : 20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(p.crc >>> 0, 16);
    central.writeUInt32LE(u32(p.compressed.length), 20);
    central.writeUInt32LE(u32(p.size), 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(extra.length, 30);
    central.writeUInt32LE(u32(offset), 42);
    const localExtra = Buffer.from(extra.subarray(0, zip64 ? 20 : 0));
    if (zip64) localExtra.writeUInt16LE(16, 2); // sizes only
    locals.push(local, name, localExtra, Buffer.from(p.compressed));
    centrals.push(central, name, extra);
    offset += 30 + name.length + (zip64 ? 20 : 0) + p.compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const records: Buffer[] = [];
  if (zip64) {
    const end64 = Buffer.alloc(56);
    end64.writeUInt32LE(0x06064b50, 0);
    end64.writeBigUInt64LE(44n, 4);
    end64.writeUInt16LE(45, 12);
    end64.writeUInt16LE(45, 14);
    end64.writeBigUInt64LE(BigInt(parts.length), 24);
    end64.writeBigUInt64LE(BigInt(parts.length), 32);
    end64.writeBigUInt64LE(BigInt(directory.length), 40);
    end64.writeBigUInt64LE(BigInt(offset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(offset + directory.length), 8);
    locator.writeUInt32LE(1, 16);
    records.push(end64, locator);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(zip64 ? 0xffff : parts.length, 8);
  end.writeUInt16LE(zip64 ? 0xffff : parts.length, 10);
  end.writeUInt32LE(u32(directory.length), 12);
  end.writeUInt32LE(u32(offset), 16);
  return new Uint8Array(Buffer.concat([...locals, directory, ...records, end]));
}

/** Replaces (or adds) parts by name, keeping the order of the others. */
export function withParts(parts: readonly ZipPart[], replacements: readonly ZipPart[]): ZipPart[] {
  const byName = new Map(replacements.map((p) => [p.name, p]));
  const kept = parts.map((p) => byName.get(p.name) ?? p);
  return [...kept, ...replacements.filter((r) => !parts.some((p) => p.name === r.name))];
}
