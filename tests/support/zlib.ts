/**
 * Core's zips are read and written with two zlibs (core/native-zlib.ts): the task pane's
 * JavaScript (fflate, pako) and Node's on the pipeline's threads. Tests of them run with each.
 */
import { useNativeZlib, type NativeZlib } from '../../core/native-zlib';
import { nodeZlib } from '../../pipeline/native-zlib';

export const ZLIBS: [string, NativeZlib | null][] = [
  ['fflate and pako (task pane)', null],
  ['node:zlib (pipeline)', nodeZlib],
];

/** Uses `zlib` for the tests of the enclosing `describe`, then the portable code again. */
export function usingZlib(zlib: NativeZlib | null): void {
  beforeAll(() => useNativeZlib(zlib));
  afterAll(() => useNativeZlib(null));
}
