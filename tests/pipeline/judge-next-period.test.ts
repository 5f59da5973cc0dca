/**
 * `consolidatePeriods` hands each next period's files to the judges once a period is loaded
 * (judge-early.ts), and only when that period judged files: the module is watched, not replaced.
 */
import { jest } from '@jest/globals';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { parsePeriod } from '../../core/periods';
import type { ConsolidateOptions } from '../../pipeline/consolidate';
import { DATA_DIR } from '../../pipeline/reference';
import { Warehouse } from '../../pipeline/warehouse/warehouse';
import { registry, targets, tempDir } from './helpers';

const handedOver: string[] = [];
const early = await import('../../pipeline/ingest/judge-early');
jest.unstable_mockModule('../../pipeline/ingest/judge-early', () => ({
  ...early,
  judgeFirstFiles: (...args: Parameters<typeof early.judgeFirstFiles>) => {
    handedOver.push(args[3].code);
    return early.judgeFirstFiles(...args);
  },
}));
const { consolidatePeriods } = await import('../../pipeline/consolidate');

const dir = tempDir('judge-next-period');
const months = (root: string): ConsolidateOptions[] =>
  ['2026-03', '2026-04', '2026-05'].map((code) => {
    const inputDir = join(dir, 'in', code);
    cpSync(join(DATA_DIR, 'samples', code), inputDir, { recursive: true });
    return { inputDir, period: parsePeriod(code), outDir: join(dir, root, code), registry, targets, report: false, progress: { write: () => true } };
  });

test('each next period is handed over once the period before is loaded; none after periods whose files were all accepted before', async () => {
  const wh = await Warehouse.open(join(dir, 'w.duckdb'));
  try {
    const heard: string[] = [];
    await consolidatePeriods(wh, months('out'), (s) => heard.push(s.period));
    expect(heard).toEqual(['2026-03', '2026-04', '2026-05']);
    expect(handedOver).toEqual(['2026-04', '2026-05']);

    // The outputs made anew elsewhere from the same warehouse: nothing is judged, nothing handed over.
    handedOver.length = 0;
    await consolidatePeriods(wh, months('again'), () => undefined);
    expect(handedOver).toEqual([]);
  } finally {
    wh.close();
  }
}, 300_000);
