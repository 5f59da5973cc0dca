/** What a report workbook may hold, and the guard's refusals when a file goes beyond. */
import type { Text } from '../../forms';
import { enNumber, viNumber } from '../../format';

export const KB = 1024;
export const MB = 1024 * KB;

/**
 * What a report workbook can hold, with room to spare: a province's form has ~10–40 rows
 * (the nation's 34), 23 columns, and the whole file is 10–60 KB (docs/HARDENING.md).
 */
export const WORKBOOK_LIMITS = {
  /** The file as sent. */
  maxFileBytes: 20 * MB,
  /** Parts in the zip (a report has ~15; images, printer settings and such add a few). */
  maxEntries: 1000,
  /** One part, inflated (a 5,000-row sheet is ~5 MB). */
  maxEntryBytes: 32 * MB,
  /** All parts, inflated. */
  maxTotalBytes: 64 * MB,
  /** Inflated / compressed size of a part of `ratioFloorBytes` or more; sheet XML stays under 30. */
  maxRatio: 100,
  ratioFloorBytes: 4 * MB,
  /** Rows of any sheet (row number of its last row). */
  maxRows: 5000,
  /** Columns of any sheet (`ALL`). */
  maxColumns: 1000,
  /** Cells of the whole workbook. */
  maxCells: 250_000,
};

export type WorkbookLimits = typeof WORKBOOK_LIMITS;

/**
 * Why a file is refused before parsing: `L00` not an .xlsx workbook or damaged, `L14` beyond
 * what a report form can hold, `L15` built to harm (sizes that lie, DTDs and entities).
 */
export interface GuardRefusal {
  rule: 'L00' | 'L14' | 'L15';
  /** Without the file's name, which the caller adds. */
  reason: Text;
  sheet: string | null;
  row: number | null;
  column: number | null;
}

/** A size as messages give it: `21 MB`, `5.120 MB` (English: `5,120 MB`). */
export const megabytes = (bytes: number): Text => ({ vi: `${viNumber(bytes / MB, { upTo: 1 })} MB`, en: `${enNumber(bytes / MB, 1)} MB` });

export function refusal(rule: GuardRefusal['rule'], vi: string, en: string, where: Partial<Pick<GuardRefusal, 'sheet' | 'row' | 'column'>> = {}): GuardRefusal {
  return { rule, reason: { vi, en }, sheet: where.sheet ?? null, row: where.row ?? null, column: where.column ?? null };
}

/** Thrown inside the guard and returned as its answer; never leaves this module. */
export class Refused extends Error {
  constructor(readonly refusal: GuardRefusal) {
    super(refusal.reason.en);
  }
}

export function refuse(...args: Parameters<typeof refusal>): never {
  throw new Refused(refusal(...args));
}
