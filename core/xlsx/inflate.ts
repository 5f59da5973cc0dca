/**
 * Bounded raw-deflate inflation for the guard (core/xlsx/guard/): a zip part is inflated into a
 * buffer of the size it declares at most, and the work stops the moment the data would go further,
 * so a part that lies about its size never gets the memory it asks for. Synchronous: the host's
 * native zlib where it has one (core/native-zlib.ts), else pako (zlib's own algorithm, the same
 * library JSZip and ExcelJS use), which the task pane runs.
 */
import { Inflate } from 'pako';
import { nativeZlib } from '../native-zlib';

/** The data is not valid deflate (damaged, cut short). */
export class InflateError extends Error {}

/** The data inflates to more than the limit: what it declares is a lie. */
export class InflateOverflow extends Error {}

/**
 * Inflates `data` into a buffer of `limit` bytes at most and returns how many were written.
 * `progress` is called with the output so far after every `step` bytes or so and at the end (it
 * may throw to stop). Throws InflateOverflow beyond `limit`, InflateError on invalid data.
 *
 * With the host's zlib the part is inflated whole first, then shown to `progress` step by step,
 * so that a scan still meets the part in pieces and can stop early. Data zlib fails on (damaged,
 * cut, or going beyond `limit`) is inflated again with pako, so that what `progress` sees before
 * the failure, and hence which refusal comes first, is the same in the pipeline as in the task
 * pane.
 */
export function inflateRaw(data: Uint8Array, limit: number, progress: (out: Uint8Array, end: number) => void = () => undefined, step = 64 * 1024): number {
  const whole = nativeZlib()?.inflateRaw(data, limit);
  if (whole) {
    for (let end = Math.min(step, whole.length); ; end = Math.min(end + step, whole.length)) {
      progress(whole, end);
      if (end === whole.length) return end;
    }
  }
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
