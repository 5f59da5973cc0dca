/**
 * Bounded raw-deflate inflation for the guard (core/xlsx/guard/), on pako (zlib's own
 * algorithm, the same library JSZip and ExcelJS use): a zip part is inflated into a buffer of
 * exactly the size it declares, and the work stops the moment the data would go further, so a
 * part that lies about its size never gets the memory it asks for. Synchronous, and the same in
 * Node and in the task pane.
 */
import { Inflate } from 'pako';

/** The data is not valid deflate (damaged, cut short). */
export class InflateError extends Error {}

/** The data inflates to more than the limit: what it declares is a lie. */
export class InflateOverflow extends Error {}

/**
 * Inflates `data` into a buffer of `limit` bytes and returns how many were written. `progress`
 * is called with the output so far after every `step` bytes or so and at the end (it may throw
 * to stop). Throws InflateOverflow beyond `limit`, InflateError on invalid data.
 */
export function inflateRaw(data: Uint8Array, limit: number, progress: (out: Uint8Array, end: number) => void = () => undefined, step = 64 * 1024): number {
  const out = new Uint8Array(limit);
  let end = 0;
  const inflator = new Inflate({ raw: true, chunkSize: step });
  inflator.onData = (chunk: Uint8Array) => {
    if (end + chunk.length > limit) throw new InflateOverflow();
    out.set(chunk, end);
    end += chunk.length;
    progress(out, end);
  };
  if (!inflator.push(data, true)) throw new InflateError(inflator.msg || 'invalid deflate data');
  return end;
}
