/**
 * Node's zlib as core's (core/native-zlib.ts), installed in the thread that imports this: the
 * modules that read or write zips on the pipeline's threads import it for this effect.
 */
import { constants, crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { useNativeZlib, type NativeZlib } from '../core/native-zlib';

export const nodeZlib: NativeZlib = {
  deflateRaw: (data) => deflateRawSync(data),
  inflateRaw: (data, limit) => {
    let out: Buffer;
    try {
      // One output buffer a byte larger than the limit: a part of its declared size is inflated
      // into it without a copy; one going further fills it and is stopped there, before zlib
      // would take another buffer.
      out = inflateRawSync(data, { maxOutputLength: Math.max(limit, 1), chunkSize: Math.max(limit + 1, constants.Z_MIN_CHUNK) });
    } catch {
      // Beyond the limit (ERR_BUFFER_TOO_LARGE), damaged or cut.
      return null;
    }
    return out.length > limit ? null : out;
  },
  crc32,
};

useNativeZlib(nodeZlib);
