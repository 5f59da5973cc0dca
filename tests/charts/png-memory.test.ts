/**
 * resvg keeps each chart's canvas until V8 collects the object holding it, and V8 does not see
 * that memory: drawn as a consolidation draws them (png-memory.ts, in a process of its own set up
 * as the CLI is), the canvases are freed chart by chart rather than piling up. Before, forty
 * charts on 7 MB canvases took the process 70 to 85 MB further; then 6 to 8 MB. Since the PNG files
 * are encoded from resvg's pixels (png-file.ts), a chart also has resvg's copy of its pixels, freed
 * with its canvas: 7 to 11 MB idle, 15 to 19 MB with both cores busy (a chart's buffers not yet
 * freed when the next is drawn). The bound still tells a few charts' buffers from one per chart.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../pipeline/reference';

test("drawing chart after chart, the process keeps a few charts' buffers, not one per chart", () => {
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'tests/charts/png-memory.ts')], { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 60_000 });
  expect([run.status, run.stderr.slice(-500)]).toEqual([0, '']);
  const { draws, grewMb, canvasMb } = JSON.parse(run.stdout) as { draws: number; grewMb: number; canvasMb: number };
  expect(draws).toBe(40);
  expect(grewMb).toBeLessThan(4 * canvasMb);
});
