/**
 * The filesystem walk of an input folder: what is there, and what can safely be read. Names are
 * taken as bytes (a name copied from an old Windows share need not be valid UTF-8, and decoding
 * it would give a path that does not exist); only regular files are offered for reading; links
 * are followed only while they stay inside the folder; a subfolder that cannot be read is listed
 * with the reason and the walk goes on. Which files are reports is decided by the caller
 * (discover.ts, file-kind.ts), from the names this walk hands it.
 */
import { lstatSync, readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { sep } from 'node:path';
import type { Text } from '../../core/forms';

export type WalkEntry =
  /** A regular file (directly, or through a link that stays inside the folder). */
  | { kind: 'file'; path: Buffer; name: string }
  /** A folder, walked into. */
  | { kind: 'folder'; path: Buffer; name: string }
  /** Found but not read; `folder`: it is, leads to or may be a folder, which may hold reports. */
  | { kind: 'not-read'; path: Buffer; name: string; folder: boolean; reason: Text };

const decoder = new TextDecoder('utf-8');
const SEP = Buffer.from(sep);

/** A name as users see it: UTF-8, with U+FFFD where the bytes are not. */
export const displayName = (bytes: Buffer): string => decoder.decode(bytes);

/** Every entry under `root`, depth first, in byte order of names (the same every time). */
export function walkFolder(root: string): WalkEntry[] {
  const rootPath = Buffer.from(root);
  const rootReal = realpathSync(rootPath, { encoding: 'buffer' });
  const entries: WalkEntry[] = [];
  const visited = new Set<string>([rootReal.toString('hex')]);

  const walk = (folder: Buffer, prefix: string) => {
    let names: Buffer[];
    try {
      names = readdirSync(folder, { encoding: 'buffer' }).sort(Buffer.compare);
    } catch (err) {
      const why = folderProblem(err);
      entries.push({
        kind: 'not-read',
        path: folder,
        name: prefix || './',
        folder: true,
        reason: { vi: `thư mục không đọc được (${why.vi}); các tệp trong đó chưa được tổng hợp`, en: `the folder cannot be read (${why.en}); the files in it are not consolidated` },
      });
      return;
    }
    for (const bytes of names) {
      const name = displayName(bytes);
      const path = Buffer.concat([folder, SEP, bytes]);
      const shown = `${prefix}${name}`;
      const found = look(path, rootReal);
      if ('reason' in found) {
        entries.push({ kind: 'not-read', path, name: found.folder ? `${shown}/` : shown, folder: found.folder, reason: found.reason });
      } else if (found.stats.isDirectory()) {
        const key = found.real.toString('hex');
        if (visited.has(key)) continue; // a link back to a folder already walked
        visited.add(key);
        entries.push({ kind: 'folder', path, name: shown });
        walk(path, `${shown}/`);
      } else {
        entries.push({ kind: 'file', path, name: shown });
      }
    }
  };
  walk(rootPath, '');
  return entries;
}

type Look = { stats: Stats; real: Buffer } | { reason: Text; folder: boolean };

/** What an entry is, following a link only when its target lies inside `rootReal`. */
function look(path: Buffer, rootReal: Buffer): Look {
  let stats: Stats;
  try {
    stats = lstatSync(path);
    if (stats.isFile()) return { stats, real: path };
    if (stats.isDirectory()) return { stats, real: realpathSync(path, { encoding: 'buffer' }) };
    if (!stats.isSymbolicLink()) return { reason: notRegular(stats), folder: false };
  } catch (err) {
    // Not even its type is known (a path past the limit): it may be a folder of reports.
    return { reason: folderProblem(err), folder: true };
  }
  let real: Buffer;
  try {
    real = realpathSync(path, { encoding: 'buffer' });
    stats = statSync(real);
  } catch {
    return { reason: { vi: 'liên kết trỏ tới nơi không tồn tại', en: 'a link to something that does not exist' }, folder: false };
  }
  const inside = real.equals(rootReal) || (real.length > rootReal.length && real.subarray(0, rootReal.length + 1).equals(Buffer.concat([rootReal, SEP])));
  if (!inside) {
    const target = displayName(real);
    return {
      reason: { vi: `liên kết trỏ ra ngoài thư mục đang tổng hợp (${target}), không được đọc`, en: `a link to outside the input folder (${target}), not followed` },
      folder: stats.isDirectory(),
    };
  }
  if (!stats.isDirectory() && !stats.isFile()) return { reason: notRegular(stats), folder: false };
  return { stats, real };
}

/** Why something that is not a regular file or a folder is not read (a FIFO would hang the run). */
export function notRegular(stats: Stats): Text {
  if (stats.isFIFO()) return { vi: 'đây là một đường ống (FIFO), không phải tệp thường', en: 'it is a named pipe (FIFO), not a regular file' };
  if (stats.isSocket()) return { vi: 'đây là một socket, không phải tệp thường', en: 'it is a socket, not a regular file' };
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return { vi: 'đây là một thiết bị, không phải tệp thường', en: 'it is a device, not a regular file' };
  return { vi: 'đây không phải tệp thường', en: 'it is not a regular file' };
}

/** Why a folder (or an entry) could not be looked into. */
export function folderProblem(err: unknown): Text {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'EACCES' || code === 'EPERM') return { vi: 'không có quyền đọc', en: 'permission denied' };
  if (code === 'ENAMETOOLONG') return { vi: 'đường dẫn quá dài, hãy chuyển tệp lên thư mục nông hơn', en: 'the path is too long; move the files to a shallower folder' };
  if (code === 'ENOENT') return { vi: 'không còn tồn tại', en: 'it no longer exists' };
  if (code === 'ELOOP') return { vi: 'liên kết vòng', en: 'a loop of links' };
  return { vi: `lỗi hệ thống (${code ?? 'không rõ'})`, en: `system error (${code ?? 'unknown'})` };
}
