/**
 * One province file from disk to a verdict: fingerprint, judge it the one shared way (core/xlsx
 * `judgeWorkbookFile`: guard, grids, reader, rules), add the batch's P-rules, and decide whether
 * it can be consolidated. Never throws for a bad file: every problem becomes an issue naming the
 * file (and sheet and cell where known).
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import type { Text } from '../../core/forms';
import { isPeriodCode, parsePeriod, type Period } from '../../core/periods';
import { arrivalText } from '../../core/precedence';
import type { Issue, Submission } from '../../core/submission';
import { NATIONAL_CODE, type UnitRegistry } from '../../core/units';
import { guardFileSize, guardIssue, judgeWorkbookFile } from '../../core/xlsx';
import { convertToXlsx, libreOfficeProgram, type Conversion } from './convert';
import type { InputFile } from './discover';
import { fileKind } from './file-kind';
import { converted, localOfficeFile, nationalFile, notConverted, periodMismatch, unreadable } from './file-rules';

export interface IngestedFile {
  /** How the file is named to users: its path relative to the input folder. */
  fileName: string;
  /** sha256 of the bytes; for a file that cannot be read, of its name (so a re-run finds it). */
  hash: string;
  submission: Submission | null;
  /** Reader, rule and pipeline issues, each carrying `file`. */
  issues: Issue[];
  refused: boolean;
  /** The period the file is kept under: its own when it states a valid one, else the batch's. */
  period: string;
  /** When the file arrived (`arrivalText` of its modification time); null when it was not read. */
  arrivedAt: string | null;
}

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

/**
 * A file's bytes and fingerprint. For an .ods or .xls, `conversion` holds what LibreOffice made of
 * it (convertBatch): the fingerprint stays the original's, the bytes read are the converted ones.
 */
export async function readRaw(path: string, fileName: string, conversion?: Conversion | null): Promise<RawFile> {
  if (fileKind(fileName) === 'convertible') return convertedRaw(path, fileName, conversion ?? null);
  try {
    const info = await stat(path);
    const tooLarge = info.isFile() && info.size > 0 ? guardFileSize(info.size) : null;
    if (tooLarge) {
      return { fileName, hash: sha256(`oversize:${fileName}:${info.size}:${info.mtimeMs}`), data: null, problem: null, refusal: guardIssue(tooLarge, fileName), modifiedMs: info.mtimeMs };
    }
    const data = await readFile(path);
    return { fileName, hash: sha256(data), data, problem: null, modifiedMs: info.mtimeMs };
  } catch (err) {
    return { fileName, hash: unreadableHash(fileName), data: null, problem: diskProblem(err), modifiedMs: null };
  }
}

const unreadableHash = (fileName: string) => sha256(`unreadable:${fileName}`);

const formatOf = (fileName: string) => fileName.slice(fileName.lastIndexOf('.') + 1).toLowerCase();

async function convertedRaw(path: string, fileName: string, conversion: Conversion | null): Promise<RawFile> {
  let original: Uint8Array;
  let modifiedMs: number;
  try {
    original = await readFile(path);
    modifiedMs = (await stat(path)).mtimeMs;
  } catch (err) {
    return { fileName, hash: unreadableHash(fileName), data: null, problem: diskProblem(err), modifiedMs: null };
  }
  const hash = sha256(original);
  const format = formatOf(fileName);
  if (!conversion || 'failure' in conversion) {
    return { fileName, hash, data: null, problem: null, refusal: notConverted(format, conversion && 'failure' in conversion ? conversion.failure : null), modifiedMs };
  }
  return { fileName, hash, data: conversion.data, problem: null, notes: [converted(format)], modifiedMs };
}

/**
 * The .ods and .xls files of a batch converted in one LibreOffice run (none when the machine
 * has no LibreOffice: readRaw then refuses them with how to save as .xlsx).
 */
export async function convertBatch(files: readonly InputFile[], program = libreOfficeProgram()): Promise<Map<string, Conversion>> {
  const paths = files.filter((f) => fileKind(f.name) === 'convertible').map((f) => f.path);
  return program ? convertToXlsx(paths, program) : new Map();
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
    const raw = await readRaw(f.path, f.name, conversion);
    kept += raw.data?.byteLength ?? 0;
    // Converted bytes cannot be read again from disk: they are always kept (they are few).
    out.push({ hash: raw.hash, raw: kept <= keepBytes || conversion ? raw : null });
  }
  return out;
}

/**
 * Reads and judges a file. `batch` is the period being consolidated (null for `check`, which
 * takes every file on its own terms).
 */
export async function judgeFile(raw: RawFile, registry: UnitRegistry, batch: Period | null): Promise<IngestedFile> {
  if (raw.refusal) return finish(raw, null, [raw.refusal], batch);
  if (!raw.data) return finish(raw, null, [unreadable(raw.problem!)], batch);
  const judged = await judgeWorkbookFile(raw.data, raw.fileName, registry);
  const { submission } = judged;
  const issues = [...(raw.notes ?? []), ...judged.issues];
  if (submission?.unitCode === NATIONAL_CODE) issues.push(nationalFile());
  const local = submission && isPeriodCode(submission.period) ? registry.find(submission.unitCode, parsePeriod(submission.period)) : undefined;
  if (local?.level === 'local') issues.push(localOfficeFile(local.code, local.name, local.parentCode ?? ''));
  if (submission && batch && isPeriodCode(submission.period) && parsePeriod(submission.period).code !== batch.code) {
    issues.push(periodMismatch(parsePeriod(submission.period).code, batch.code));
  }
  return finish(raw, submission, issues, batch, registry);
}

function finish(
  { fileName, hash, modifiedMs }: RawFile,
  submission: Submission | null,
  issues: Issue[],
  batch: Period | null,
  registry?: UnitRegistry,
): IngestedFile {
  for (const issue of issues) issue.file = fileName;
  const period = submission && isPeriodCode(submission.period) ? parsePeriod(submission.period).code : (batch?.code ?? '');
  const placeable = submission !== null && registry !== undefined && isPlaceable(submission, registry);
  const errors = issues.filter((i) => i.severity === 'error');
  // A written override lets V-rule errors through (docs/FORMS.md); nothing lets through a file whose
  // unit, period or date is unknown, whose layout could not be read, or that the batch rejects.
  const blocking = errors.filter((i) => !(submission?.overrideReason && i.rule.startsWith('V')));
  const refused = !placeable || blocking.length > 0;
  return { fileName, hash, submission, issues, refused, period, arrivedAt: modifiedMs === null ? null : arrivalText(modifiedMs) };
}

/**
 * Whether the data can be filed where it belongs: a province valid in a well-formed period, with
 * a report date to order resubmissions by. (V14 has already said what is wrong, if anything.)
 */
function isPlaceable(sub: Submission, registry: UnitRegistry): boolean {
  if (!isPeriodCode(sub.period) || !isIsoDate(sub.reportDate)) return false;
  return registry.find(sub.unitCode, parsePeriod(sub.period))?.level === 'province';
}

/** A real calendar day as `YYYY-MM-DD` (not 2026-02-30, which Date.parse rolls over). */
export function isIsoDate(text: string | null | undefined): text is string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text ?? '');
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

function diskProblem(err: unknown): Text {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'EISDIR') return { vi: 'đây là một thư mục, không phải tệp', en: 'it is a directory, not a file' };
  if (code === 'ENOENT') return { vi: 'tệp không còn tồn tại', en: 'the file no longer exists' };
  if (code === 'EACCES' || code === 'EPERM') return { vi: 'không có quyền đọc tệp', en: 'permission denied' };
  return { vi: `lỗi hệ thống (${code ?? 'không rõ'})`, en: `system error (${code ?? 'unknown'})` };
}
