/**
 * zlib as the host has it natively (Node's node:zlib, installed by pipeline/native-zlib.ts). Core
 * reads and writes zips through it when a host installs it, through portable JavaScript otherwise
 * (pako, fflate: what the task pane runs). Native zlib is several times faster, most of all in a
 * short run, where the JavaScript has not been compiled yet: a month's 35 workbooks took ~215 ms
 * of fflate on a fresh thread, ~35 ms of zlib. Both give valid zips of the same parts.
 */
export interface NativeZlib {
  /** Raw DEFLATE (RFC 1951) of `data`. */
  deflateRaw(data: Uint8Array): Uint8Array;
  /**
   * Raw DEFLATE data inflated whole, never beyond `limit` bytes; null beyond, or for invalid or
   * cut data (core/xlsx/inflate.ts then lets pako tell which, as the task pane does).
   */
  inflateRaw(data: Uint8Array, limit: number): Uint8Array | null;
  crc32(data: Uint8Array): number;
}

let installed: NativeZlib | null = null;

/** Installs the host's zlib for this thread (null: back to the portable code). */
export function useNativeZlib(zlib: NativeZlib | null): void {
  installed = zlib;
}

export const nativeZlib = (): NativeZlib | null => installed;
