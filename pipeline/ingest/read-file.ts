/**
 * A province file from disk: its bytes (regular files only, never waiting on a FIFO, bounded by
 * the size limit), its fingerprint and modification time, or why it could not be read; .ods and
 * .xls converted by LibreOffice first. Judging the bytes is ./judge-file.ts.
 */
import { createHash } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import type { Text } from '../../core/forms';
import type { Issue } from '../../core/submission';
import { guardFileSize, guardIssue, WORKBOOK_LIMITS } from '../../core/xlsx/guard';
import { convertToXlsx, libreOfficeProgram, NOT_INSTALLED, type Conversion, type LibreOffice } from './convert';
import { IS_FOLDER, type InputFile } from './discover';
import { fileKind } from './file-kind';
import { converted, notConverted } from './file-rules';
import { folderProblem, notRegular } from './walk';

export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A file's bytes and fingerprint, or why it could not be read from disk, or was not read. */
export interface RawFile {
  fileName: string;
  hash: string;
  data: Uint8Array | null;
  problem: Text | null;
  /** A file too large for any report is refused by its size alone, never loaded into memory. */
  refusal?: Issue;
  /** What was done to the file before reading it (an .ods or .xls converted by LibreOffice). */
  notes?: Issue[];
  /** Modification time in milliseconds (fractional), when the file could be looked at. */
  modifiedMs: number | null;
}

/** Opening never waits: a FIFO opened for reading would otherwise block until a writer comes. */
const OPEN_FLAGS = fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0);

/** What reading a file from disk gave: its bytes, or why there are none. */
type DiskRead = { data: Uint8Array; modifiedMs: number } | { tooLarge: number; modifiedMs: number } | { problem: Text };

/**
 * Only a regular file is read (asked of the open file itself, so a file swapped for a pipe or a
 * device after the folder was listed is still caught), and never more than the size limit: a
 * file too large by its size is not read at all, and what is actually read is counted too.
 */
async function readFromDisk(path: Buffer | string): Promise<DiskRead> {
  let handle: FileHandle | null = null;
  try {
    handle = await open(path, OPEN_FLAGS);
    const info = await handle.stat();
    if (!info.isFile()) return { problem: info.isDirectory() ? IS_FOLDER : notRegular(info) };
    const limit = WORKBOOK_LIMITS.maxFileBytes;
    const data = info.size > limit ? null : await readAtMost(handle, limit, info.size);
    return data ? { data, modifiedMs: info.mtimeMs } : { tooLarge: Math.max(info.size, limit + 1), modifiedMs: info.mtimeMs };
  } catch (err) {
    return { problem: diskProblem(err) };
  } finally {
    await handle?.close();
  }
}

/**
 * The whole content, or null as soon as it passes `limit` bytes (only `limit` + 1 are held).
 * The first read asks for the size the file declares and one byte more, so that a report is read
 * in one call into a buffer of its size (a fixed 1 MB buffer a file made a rerun of 4,080 files
 * spend a third of its time collecting garbage); a short read of a regular file is its end.
 */
async function readAtMost(handle: FileHandle, limit: number, declared: number): Promise<Uint8Array | null> {
  const chunks: Buffer[] = [];
  let total = 0;
  let ask = declared + 1;
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(ask, limit + 1 - total));
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
    chunks.push(chunk.subarray(0, bytesRead));
    total += bytesRead;
    if (total > limit) return null;
    if (bytesRead < chunk.length) return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
    // It grew since it was looked at: read on in steps.
    ask = 1 << 20;
  }
}

/**
 * A file's bytes and fingerprint (`readFromDisk`). For an .ods or .xls, `conversion` holds what
 * LibreOffice made of it (convertBatch): the fingerprint stays the original's, the bytes read are
 * the converted ones.
 */
export async function readRaw(file: InputFile, conversion?: Conversion | null): Promise<RawFile> {
  const fileName = file.name;
  const read: DiskRead = file.problem ? { problem: file.problem } : await readFromDisk(file.path);
  if ('problem' in read) return { fileName, hash: unreadableHash(fileName), data: null, problem: read.problem, modifiedMs: null };
  const { modifiedMs } = read;
  if ('tooLarge' in read) {
    const refusal = guardIssue(guardFileSize(read.tooLarge)!, fileName);
    return { fileName, hash: sha256(`oversize:${fileName}:${read.tooLarge}:${modifiedMs}`), data: null, problem: null, refusal, modifiedMs };
  }
  const hash = sha256(read.data);
  if (fileKind(fileName) !== 'convertible') return { fileName, hash, data: read.data, problem: null, modifiedMs };
  const format = formatOf(fileName);
  if (!conversion || 'failure' in conversion) {
    return { fileName, hash, data: null, problem: null, refusal: notConverted(format, conversion && 'failure' in conversion ? conversion.failure : NOT_INSTALLED), modifiedMs };
  }
  return { fileName, hash, data: conversion.data, problem: null, notes: [converted(format)], modifiedMs };
}

const unreadableHash = (fileName: string) => sha256(`unreadable:${fileName}`);

const formatOf = (fileName: string) => fileName.slice(fileName.lastIndexOf('.') + 1).toLowerCase();

/**
 * The .ods and .xls files of a batch converted in one LibreOffice run; without LibreOffice, each
 * gets why (readRaw then refuses it with how to save it as .xlsx).
 */
export async function convertBatch(files: readonly InputFile[], libreOffice: LibreOffice = libreOfficeProgram()): Promise<Map<InputFile['path'], Conversion>> {
  const paths = files.filter((f) => fileKind(f.name) === 'convertible' && !f.problem).map((f) => f.path);
  if (paths.length === 0) return new Map();
  return 'program' in libreOffice ? convertToXlsx(paths, libreOffice.program) : new Map(paths.map((p) => [p, { failure: libreOffice.missing }]));
}

/** Bytes of a batch kept between fingerprinting and judging; beyond, files are read again. */
const KEEP_BYTES = 64 * 1024 * 1024;

/**
 * Every file read and fingerprinted, in order. The bytes are kept for judging while they add up
 * to less than `keepBytes` (a folder of reports is a few megabytes); past that, `raw` is null
 * and the file is read again when it is judged.
 */
export async function readAll(files: readonly InputFile[], keepBytes = KEEP_BYTES): Promise<{ hash: string; raw: RawFile | null }[]> {
  const conversions = await convertBatch(files);
  let kept = 0;
  const out: { hash: string; raw: RawFile | null }[] = [];
  for (const f of files) {
    const conversion = conversions.get(f.path);
    const raw = await readRaw(f, conversion);
    kept += raw.data?.byteLength ?? 0;
    // Converted bytes cannot be read again from disk: they are always kept (they are few).
    out.push({ hash: raw.hash, raw: kept <= keepBytes || conversion ? raw : null });
  }
  return out;
}

function diskProblem(err: unknown): Text {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'EISDIR') return IS_FOLDER;
  if (code === 'ENOENT') return { vi: 'tệp không còn tồn tại', en: 'the file no longer exists' };
  return folderProblem(err);
}
