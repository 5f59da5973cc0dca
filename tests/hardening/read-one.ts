/**
 * Reads one file through the shared reader in a process of its own and prints what happened as
 * JSON: the issues, the seconds taken and the process's peak memory. The corpus test runs the
 * hostile files through it under a heap cap to show they are refused with bounded memory, with
 * the task pane's zlib and, given `native`, with the pipeline's (Node's).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { readWorkbookFile } from '../../core/xlsx';

const [path, zlib] = process.argv.slice(2);
if (zlib === 'native') await import('../../pipeline/native-zlib');
const bytes = readFileSync(path);
const rssBeforeMb = process.memoryUsage().rss / 2 ** 20;
const started = performance.now();
const { issues } = await readWorkbookFile(bytes, basename(path));
process.stdout.write(
  JSON.stringify({
    rules: issues.map((i) => i.rule),
    seconds: (performance.now() - started) / 1000,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    /** How far the reading took the process's memory beyond where it was. */
    grewMb: process.resourceUsage().maxRSS / 1024 - rssBeforeMb,
  }) + '\n',
);
