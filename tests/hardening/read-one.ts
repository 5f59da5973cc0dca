/**
 * Reads one file through the shared reader in a process of its own and prints what happened as
 * JSON: the issues, the seconds taken and how far its memory grew while reading. The corpus test
 * runs the hostile files through it under a heap cap to show they are refused with bounded
 * memory, with the task pane's zlib and, given `native`, with the pipeline's (Node's).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { readWorkbookFile } from '../../core/xlsx';
import { peakRssMb, resetPeakRss, rssMb } from '../support/peak-memory';

const [path, zlib] = process.argv.slice(2);
if (zlib === 'native') await import('../../pipeline/native-zlib');
const bytes = readFileSync(path);
// The peak is started again here: loading the program (tsx compiling it cold) may go higher
// than the reading does, and that is not what is measured.
resetPeakRss();
const rssBeforeMb = rssMb();
const started = performance.now();
const { issues } = await readWorkbookFile(bytes, basename(path));
process.stdout.write(
  JSON.stringify({
    rules: issues.map((i) => i.rule),
    seconds: (performance.now() - started) / 1000,
    /** How far the reading took the process's memory beyond where it was. */
    grewMb: peakRssMb() - rssBeforeMb,
  }) + '\n',
);
