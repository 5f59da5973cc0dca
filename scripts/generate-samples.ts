/**
 * `npm run samples [-- --out <folder>]`: writes the sample submissions to `data/samples/` (2025:
 * the 63 provinces before the merger, then the 34; 2026: the 34, monthly 2026-01 … 2026-10 and
 * 2026-H1), with a README listing the problems planted on purpose. Files whose content did not
 * change are kept as they are.
 */
import { join } from 'node:path';
import { DATA_DIR, loadRegistry, loadTargets } from '../pipeline/reference';
import { problemSummary } from './samples/readme';
import { buildSampleSet } from './samples/sample-set';
import { writeSampleSet } from './samples/write';

async function main(): Promise<void> {
  const outIndex = process.argv.indexOf('--out');
  const outDir = outIndex > 0 && process.argv[outIndex + 1] ? process.argv[outIndex + 1] : join(DATA_DIR, 'samples');
  const registry = loadRegistry();
  const targets = loadTargets();
  const set = buildSampleSet(registry);
  const { written, bytes } = await writeSampleSet(set, registry, targets, outDir);
  console.log(
    `${set.files.length} tệp, đã ghi ${written} tệp thay đổi (${(bytes / 1e6).toFixed(1)} MB) vào / ${set.files.length} files, wrote the ${written} changed ones to ${outDir}`,
  );
  console.log('Lỗi cài sẵn / planted problems:');
  for (const line of problemSummary(set)) console.log(`  ${line}`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
