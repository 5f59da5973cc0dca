/**
 * A zip written whole, every part deflated and dated `date`, in the order given, so that the same
 * parts always give the same bytes. The host's native zlib deflates where it has one
 * (core/native-zlib.ts), fflate otherwise. Names are marked UTF-8 where they are not ASCII. No
 * ZIP64: what this program zips (a workbook, a Word draft) is far under its 4 GB and 65,535 parts.
 */
import { deflateSync } from 'fflate';
import { crc32 } from './crc32';
import { nativeZlib } from './native-zlib';

const LOCAL_SIGNATURE = 0x04034b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const END_SIGNATURE = 0x06054b50;
const VERSION = 20;
const DEFLATED = 8;
const UTF8_NAME = 0x0800;
const MAX_U16 = 0xffff;
const MAX_U32 = 0xffffffff;

/** MS-DOS time and date of the local `date` (two-second precision, years 1980 to 2107). */
function dosDateTime(date: Date): { time: number; day: number } {
  const year = date.getFullYear();
  if (!(year >= 1980 && year <= 2107)) throw new Error(`a zip cannot date its parts ${String(date)}: years 1980 to 2107 only`);
  return {
    time: (date.getHours() << 11) | (date.getMinutes() << 5) | (date.getSeconds() >> 1),
    day: ((year - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
  };
}

interface Packed {
  name: Uint8Array;
  flags: number;
  crc: number;
  size: number;
  data: Uint8Array;
  offset: number;
}

/** The fields a local header and its central directory entry share, from `version needed`. */
function common(view: DataView, at: number, p: Packed, when: { time: number; day: number }): void {
  view.setUint16(at, VERSION, true);
  view.setUint16(at + 2, p.flags, true);
  view.setUint16(at + 4, DEFLATED, true);
  view.setUint16(at + 6, when.time, true);
  view.setUint16(at + 8, when.day, true);
  view.setUint32(at + 10, p.crc, true);
  view.setUint32(at + 14, p.data.length, true);
  view.setUint32(at + 18, p.size, true);
  view.setUint16(at + 22, p.name.length, true);
}

export function zipParts(parts: readonly (readonly [string, Uint8Array])[], date: Date): Uint8Array {
  const zlib = nativeZlib();
  const deflate = zlib ? (data: Uint8Array) => zlib.deflateRaw(data) : (data: Uint8Array) => deflateSync(data, { level: 6 });
  const checksum = zlib ? (data: Uint8Array) => zlib.crc32(data) : crc32;
  const encoder = new TextEncoder();
  const when = dosDateTime(date);
  const packed: Packed[] = [];
  let offset = 0;
  for (const [name, body] of parts) {
    const p: Packed = { name: encoder.encode(name), flags: /^[\x20-\x7e]*$/.test(name) ? 0 : UTF8_NAME, crc: checksum(body), size: body.length, data: deflate(body), offset };
    packed.push(p);
    offset += 30 + p.name.length + p.data.length;
  }
  const directorySize = packed.reduce((sum, p) => sum + 46 + p.name.length, 0);
  // 0xFFFF and 0xFFFFFFFF mean "see ZIP64" to a reader.
  if (packed.length >= MAX_U16 || offset + directorySize >= MAX_U32 || packed.some((p) => p.size >= MAX_U32)) {
    throw new Error(`zip too large for this writer: ${packed.length} parts, ${offset} bytes`);
  }
  const out = new Uint8Array(offset + directorySize + 22);
  const view = new DataView(out.buffer);
  let at = 0;
  for (const p of packed) {
    view.setUint32(at, LOCAL_SIGNATURE, true);
    common(view, at + 4, p, when);
    out.set(p.name, at + 30);
    out.set(p.data, at + 30 + p.name.length);
    at += 30 + p.name.length + p.data.length;
  }
  for (const p of packed) {
    view.setUint32(at, CENTRAL_SIGNATURE, true);
    view.setUint16(at + 4, VERSION, true);
    common(view, at + 6, p, when);
    // Extra field, comment, disk, internal and external attributes: none, 0.
    view.setUint32(at + 42, p.offset, true);
    out.set(p.name, at + 46);
    at += 46 + p.name.length;
  }
  view.setUint32(at, END_SIGNATURE, true);
  view.setUint16(at + 8, packed.length, true);
  view.setUint16(at + 10, packed.length, true);
  view.setUint32(at + 12, directorySize, true);
  view.setUint32(at + 16, offset, true);
  return out;
}
