/**
 * The memory of this process alone, from Linux's /proc. Node's `resourceUsage().maxRSS` is the
 * kernel's ru_maxrss, which in a spawned process also counts the parent's pages copied at fork
 * before exec: a 340 MB parent gave its 110 MB child a "peak" of 304 MB, so a child's figure
 * followed whatever its parent (a Jest worker, the bench) held. VmHWM is the high-water mark of
 * the process's own address space, and it can be reset to measure one stretch of work.
 */
import { readFileSync, writeFileSync } from 'node:fs';

function statusMb(field: 'VmHWM' | 'VmRSS'): number {
  const kb = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(readFileSync('/proc/self/status', 'utf8'));
  if (!kb) throw new Error(`/proc/self/status has no ${field}: these measures need Linux`);
  return Number(kb[1]) / 1024;
}

/** The highest resident memory of this process since it started or since `resetPeakRss`. */
export const peakRssMb = (): number => statusMb('VmHWM');

/** The resident memory of this process now. */
export const rssMb = (): number => statusMb('VmRSS');

/** Starts the high-water mark again from the memory resident now (clear_refs, Linux 4.0+). */
export function resetPeakRss(): void {
  writeFileSync('/proc/self/clear_refs', '5');
}
