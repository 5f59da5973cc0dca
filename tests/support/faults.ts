/**
 * Real faults for the hardening tests: a small disk (tmpfs), a read-only mount, and the CLI run
 * as an unprivileged user. Mounting and changing user need root; where that is missing the tests
 * that need it are skipped, except in CI, where they must run.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const isRoot = process.getuid?.() === 0;

/** `describe` when this process can mount and change user (root); skipped elsewhere except in CI. */
export function describeAsRoot(): jest.Describe {
  if (isRoot) return describe;
  if (process.env.CI) throw new Error('The fault tests need root in CI (mount, setpriv) / Kiểm thử lỗi cần quyền root trong CI');
  return describe.skip;
}

export interface Mount {
  path: string;
  /** Unmounts and removes the mount point. */
  release(): void;
}

/**
 * A fresh tmpfs of `sizeKb` kilobytes (`options`: extra mount options such as `ro`). The kernel
 * answers ENOSPC (or EROFS) exactly as a full or read-only disk does.
 */
export function mountTmpfs(sizeKb: number, options: string[] = []): Mount {
  const path = mkdtempSync(join(tmpdir(), 'bhxh-mnt-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', [`size=${sizeKb}k`, 'mode=1777', ...options].join(','), 'tmpfs', path]);
  return {
    path,
    release() {
      spawnSync('umount', ['-l', path]);
      rmdirSync(path);
    },
  };
}

/** Turns a mounted tmpfs read-only (what a disk remounted read-only after errors does). */
export function remountReadOnly(mount: Mount): void {
  execFileSync('mount', ['-o', 'remount,ro', mount.path]);
}

/** uid/gid of `nobody`: root ignores permission bits, so a chmod 000 folder is tested as nobody. */
export const NOBODY = { uid: 65534, gid: 65534 };

/** Gives `path` to nobody (so that the unprivileged CLI can write there). */
export function giveToNobody(path: string): void {
  chownSync(path, NOBODY.uid, NOBODY.gid);
}

/** `command args…` run as nobody through setpriv (util-linux), with no supplementary groups. */
export function asNobody(command: string, args: string[]): [string, string[]] {
  return ['setpriv', [`--reuid=${NOBODY.uid}`, `--regid=${NOBODY.gid}`, '--clear-groups', command, ...args]];
}
