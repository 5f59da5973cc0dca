/**
 * The first files of a period consolidated for the first time, handed to the judges before its
 * batch starts: while the CLI loads DuckDB and opens the warehouse (the judging thread is ready by
 * then and would wait ~0.15 s for its first file: a month's run −2 %, paired), and, in a run of
 * several periods, while the period before, if it judged files, is checked and its outputs' data
 * gathered (the judging thread has nothing else to do then: consolidate.ts `consolidatePeriods`).
 * The batch takes their tickets when it comes to them (judge-pool.ts `judgeEarly`). A folder
 * whose outputs exist is left alone: its run is a rerun, which keeps them when nothing changed,
 * and then judges nothing. Best effort: what cannot be done here (a folder or file that cannot be
 * read, a file to convert) is left to the batch, which reports it.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Period } from '../../core/periods';
import type { UnitRegistry } from '../../core/units';
import { RECORD } from '../outputs/up-to-date';
import { listWorkbooks, sortFolder } from './discover';
import { fileKind } from './file-kind';
import { JUDGE_AHEAD, judgeEarly, type JudgeTicket } from './judge-pool';
import { readRaw } from './read-file';

/**
 * Bytes handed over early at most: a month's reports weigh well under a megabyte; large files (a
 * picture in each) are left to the batch, which bounds what it holds, instead of being held twice
 * meanwhile (here and in the batch's own reading).
 */
const EARLY_BYTES = 4 * 1024 * 1024;

/**
 * The tickets of the files handed over: by default as many as the batch hands to the judges ahead
 * of its first load.
 */
export async function judgeFirstFiles(inputDir: string, outDir: string, registry: UnitRegistry, period: Period, count = JUDGE_AHEAD + 1): Promise<JudgeTicket[]> {
  const tickets: JudgeTicket[] = [];
  try {
    if (existsSync(join(outDir, RECORD))) return tickets;
    let bytes = 0;
    for (const file of sortFolder(listWorkbooks(inputDir)).reports.slice(0, count)) {
      // An .ods or .xls is converted with the whole batch first.
      if (fileKind(file.name) === 'convertible' || bytes + statSync(file.path).size > EARLY_BYTES) break;
      const raw = await readRaw(file);
      if (!raw.data) break;
      bytes += raw.data.length;
      tickets.push(judgeEarly(raw, registry, period));
    }
  } catch {
    // The batch lists and reads the folder again, and says what is wrong with it.
  }
  return tickets;
}
