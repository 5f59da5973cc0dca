/**
 * A raw-deflate decoder (RFC 1951) that never writes beyond a given size, for the guard
 * (core/xlsx/guard.ts): it inflates a zip part into a buffer of exactly the size the part
 * declares, and stops the moment the data would go further. Synchronous and dependency-free, so
 * it behaves the same in Node and in any browser, and costs a fraction of a Web Streams
 * DecompressionStream on the many small parts of a workbook.
 */

/** The data is not valid deflate (damaged, cut short). */
export class InflateError extends Error {}

/** The data inflates to more than the limit: what it declares is a lie. */
export class InflateOverflow extends Error {}

const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DISTANCE_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DISTANCE_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
/** Order in which the code-length code lengths are stored in a dynamic block. */
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/** Codes up to this many bits are decoded by one table lookup; longer (rare) ones bit by bit. */
const PRIMARY_BITS = 9;
const NO_CODE = -1;
const LONG_CODE = -2;

/**
 * A canonical Huffman code. `primary` is indexed by the next `bits` input bits (deflate packs
 * codes most significant bit first into a least-significant-first stream, hence the reversal):
 * `symbol << 4 | length`, NO_CODE, or LONG_CODE for the prefix of a longer code, which is then
 * decoded the canonical way from `counts` (codes per length) and `symbols` (in code order).
 */
interface Code {
  primary: Int32Array;
  bits: number;
  counts: Int32Array;
  symbols: Int32Array;
}

function buildCode(lengths: ArrayLike<number>): Code {
  const counts = new Int32Array(16);
  let longest = 0;
  for (let i = 0; i < lengths.length; i++) {
    counts[lengths[i]]++;
    longest = Math.max(longest, lengths[i]);
  }
  counts[0] = 0;
  const next = new Int32Array(16);
  const offsets = new Int32Array(16);
  for (let len = 1, code = 0; len <= 15; len++) {
    code = (code + counts[len - 1]) << 1;
    next[len] = code;
    offsets[len] = offsets[len - 1] + counts[len - 1];
    if (code + counts[len] > 1 << len) throw new InflateError('over-subscribed Huffman code');
  }
  const symbols = new Int32Array(lengths.length);
  const bits = Math.max(1, Math.min(longest, PRIMARY_BITS));
  const primary = new Int32Array(1 << bits).fill(NO_CODE);
  for (let symbol = 0; symbol < lengths.length; symbol++) {
    const len = lengths[symbol];
    if (!len) continue;
    symbols[offsets[len]++] = symbol;
    let code = next[len]++;
    let reversed = 0;
    for (let i = 0; i < len; i++, code >>= 1) reversed = (reversed << 1) | (code & 1);
    if (len > bits) primary[reversed & ((1 << bits) - 1)] = LONG_CODE;
    else for (let i = reversed; i < primary.length; i += 1 << len) primary[i] = (symbol << 4) | len;
  }
  return { primary, bits, counts, symbols };
}

const FIXED_LITERALS = buildCode(Array.from({ length: 288 }, (_, i) => (i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8)));
const FIXED_DISTANCES = buildCode(new Array<number>(30).fill(5));

/** Bit reader over the input, least significant bit first. */
class Bits {
  buffer = 0;
  count = 0;
  at = 0;

  constructor(readonly data: Uint8Array) {}

  /** Tops the buffer up to `n` bits where the input allows. */
  fill(n: number): void {
    while (this.count < n && this.at < this.data.length) {
      this.buffer |= this.data[this.at++] << this.count;
      this.count += 8;
    }
  }

  take(n: number): number {
    if (n === 0) return 0;
    this.fill(n);
    if (this.count < n) throw new InflateError('unexpected end of data');
    const value = this.buffer & ((1 << n) - 1);
    this.buffer >>>= n;
    this.count -= n;
    return value;
  }

  decode(code: Code): number {
    this.fill(code.bits);
    const entry = code.primary[this.buffer & ((1 << code.bits) - 1)];
    if (entry >= 0) {
      const len = entry & 15;
      if (len > this.count) throw new InflateError('unexpected end of data');
      this.buffer >>>= len;
      this.count -= len;
      return entry >> 4;
    }
    if (entry === NO_CODE) throw new InflateError('invalid Huffman code');
    // The canonical way, one bit at a time: codes of each length are consecutive numbers.
    for (let len = 1, value = 0, first = 0, index = 0; len <= 15; len++) {
      value |= this.take(1);
      const count = code.counts[len];
      if (value - first < count) return code.symbols[index + value - first];
      index += count;
      first = (first + count) << 1;
      value <<= 1;
    }
    throw new InflateError('invalid Huffman code');
  }
}

/**
 * Inflates `data` into a buffer of `limit` bytes and returns how many were written. `progress`
 * is called with the output so far every `step` bytes and at the end (it may throw to stop).
 * Throws InflateOverflow beyond `limit`, InflateError on invalid data.
 */
export function inflateRaw(data: Uint8Array, limit: number, progress: (out: Uint8Array, end: number) => void = () => undefined, step = 64 * 1024): number {
  const out = new Uint8Array(limit);
  const bits = new Bits(data);
  let op = 0;
  let nextProgress = step;
  for (let last = 0; !last; ) {
    last = bits.take(1);
    const type = bits.take(2);
    if (type === 0) {
      op = storedBlock(bits, out, op);
    } else {
      if (type === 3) throw new InflateError('invalid block type');
      const [literals, distances] = type === 1 ? [FIXED_LITERALS, FIXED_DISTANCES] : dynamicCodes(bits);
      for (;;) {
        const symbol = bits.decode(literals);
        if (symbol < 256) {
          if (op >= limit) throw new InflateOverflow();
          out[op++] = symbol;
        } else if (symbol === 256) {
          break;
        } else {
          const l = symbol - 257;
          if (l >= 29) throw new InflateError('invalid length code');
          const length = LENGTH_BASE[l] + bits.take(LENGTH_EXTRA[l]);
          const d = bits.decode(distances);
          if (d >= 30) throw new InflateError('invalid distance code');
          const distance = DISTANCE_BASE[d] + bits.take(DISTANCE_EXTRA[d]);
          if (distance > op) throw new InflateError('distance beyond the start');
          if (op + length > limit) throw new InflateOverflow();
          for (let i = 0; i < length; i++, op++) out[op] = out[op - distance];
        }
        if (op >= nextProgress) {
          progress(out, op);
          nextProgress = op + step;
        }
      }
    }
    if (op >= nextProgress) {
      progress(out, op);
      nextProgress = op + step;
    }
  }
  progress(out, op);
  return op;
}

/** A stored block: back to a byte boundary, LEN and its complement, then LEN bytes as they are. */
function storedBlock(bits: Bits, out: Uint8Array, op: number): number {
  bits.at -= bits.count >> 3;
  bits.buffer = 0;
  bits.count = 0;
  const { data } = bits;
  let at = bits.at;
  if (at + 4 > data.length) throw new InflateError('unexpected end of data');
  const len = data[at] | (data[at + 1] << 8);
  if ((len ^ (data[at + 2] | (data[at + 3] << 8))) !== 0xffff) throw new InflateError('stored block length mismatch');
  at += 4;
  if (at + len > data.length) throw new InflateError('unexpected end of data');
  if (op + len > out.length) throw new InflateOverflow();
  out.set(data.subarray(at, at + len), op);
  bits.at = at + len;
  return op + len;
}

/** The literal/length and distance codes of a dynamic block, read from its header. */
function dynamicCodes(bits: Bits): [Code, Code] {
  const literalCount = bits.take(5) + 257;
  const distanceCount = bits.take(5) + 1;
  const codeLengthCount = bits.take(4) + 4;
  const codeLengths = new Array<number>(19).fill(0);
  for (let i = 0; i < codeLengthCount; i++) codeLengths[CODE_LENGTH_ORDER[i]] = bits.take(3);
  const codeLengthCode = buildCode(codeLengths);
  const lengths = new Array<number>(literalCount + distanceCount).fill(0);
  for (let i = 0; i < lengths.length; ) {
    const symbol = bits.decode(codeLengthCode);
    if (symbol < 16) {
      lengths[i++] = symbol;
      continue;
    }
    // 16: the previous length 3–6 times; 17, 18: 3–10 or 11–138 zeros.
    if (symbol === 16 && i === 0) throw new InflateError('repeat with no previous length');
    const value = symbol === 16 ? lengths[i - 1] : 0;
    const repeat = symbol === 16 ? 3 + bits.take(2) : symbol === 17 ? 3 + bits.take(3) : 11 + bits.take(7);
    if (i + repeat > lengths.length) throw new InflateError('code lengths overflow');
    for (let k = 0; k < repeat; k++) lengths[i++] = value;
  }
  if (lengths[256] === 0) throw new InflateError('no end-of-block code');
  return [buildCode(lengths.slice(0, literalCount)), buildCode(lengths.slice(literalCount))];
}
