/**
 * What the 2025 samples are for: consolidated with 2026, the national draft of 2026-H1 compares
 * with 2025-H1, across the merger (63 provinces then, 34 now), with the change the test computes
 * itself from the sample set; and the annual report 2025, with no 2024 before it, says so.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildDraft } from '../../core/draft/build';
import type { Block } from '../../core/draft/model';
import { viNumber } from '../../core/format';
import { parsePeriod, type Period } from '../../core/periods';
import type { ReportData } from '../../core/report-data';
import { consolidate } from '../../pipeline/consolidate';
import { nationalDraftInput } from '../../pipeline/outputs/draft';
import { DATA_DIR } from '../../pipeline/reference';
import { Warehouse } from '../../pipeline/warehouse/warehouse';
import { buildSampleSet } from '../../scripts/samples/sample-set';
import { registry, targets, tempDir } from '../pipeline/helpers';

const set = buildSampleSet(registry);
/** The nation's Form 03 total of a column in a period, summed over the sample files (one per province there). */
const national = (period: string, column: number) =>
  set.files.filter((f) => f.submission.period === period).reduce((n, f) => n + ((f.submission.forms.F03!.total!.values[column - 1] as number | null) ?? 0), 0);

const text = (blocks: Block[]) => blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.runs.map((r) => r.text).join('')] : [])).join('\n');

describe('the national drafts of the bundled samples', () => {
  const dir = tempDir('history');
  const drafts = new Map<string, string>();

  beforeAll(async () => {
    const wh = await Warehouse.open(join(dir, 'wh.duckdb'));
    try {
      for (const period of ['2025-H1', '2026-H1', '2025'].map(parsePeriod)) {
        const outDir = join(dir, period.code);
        await consolidate(wh, { inputDir: join(DATA_DIR, 'samples', period.code), period, outDir, registry, targets, report: false, progress: { write: () => true } });
        const data = JSON.parse(readFileSync(join(outDir, 'report-data.json'), 'utf8')) as ReportData;
        drafts.set(period.code, text(buildDraft(await nationalDraftInput({ wh, registry, targets, period: period as Period, data })).body));
      }
    } finally {
      wh.close();
    }
  }, 300_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('2026-H1 compares with 2025-H1 of the 63 provinces of the time', () => {
    const [now, before] = [national('2026-H1', 4), national('2025-H1', 4)];
    const change = (now - before) / before;
    expect(drafts.get('2026-H1')).toContain(
      `đã tổ chức ${viNumber(now, 0)} hội nghị truyền thông (${change > 0 ? 'tăng' : 'giảm'} ${viNumber(Math.abs(change) * 100, 1)} % so với cùng kỳ năm 2025)`,
    );
    expect(drafts.get('2026-H1')).not.toContain('Chưa có số liệu cùng kỳ năm 2025');
  });

  test('the annual report 2025 has no 2024 to compare with, and says so', () => {
    expect(drafts.get('2025')).toContain('Chưa có số liệu cùng kỳ năm 2024 để so sánh');
    expect(drafts.get('2025')).toContain(`đã tổ chức ${viNumber(national('2025', 4), 0)} hội nghị truyền thông`);
  });
});
