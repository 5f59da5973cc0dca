/** A file far larger than any report is refused by its size, before it is read into memory. */
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePeriod } from '../../core/periods';
import { WORKBOOK_LIMITS } from '../../core/xlsx';
import { judgeFile } from '../../pipeline/ingest/judge-file';
import { readRaw } from '../../pipeline/ingest/read-file';
import { loadRegistry } from '../../pipeline/reference';

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'bhxh-read-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('an oversized file is refused with L14 and never loaded', async () => {
  const path = join(dir, '51_2026-03.xlsx');
  writeFileSync(path, '');
  truncateSync(path, WORKBOOK_LIMITS.maxFileBytes + 1); // sparse: no disk, no memory
  const raw = await readRaw({ path, name: '51_2026-03.xlsx' });
  expect(raw.data).toBeNull();
  const judged = await judgeFile(raw, loadRegistry(), parsePeriod('2026-03'));
  expect(judged.refused).toBe(true);
  expect(judged.issues).toHaveLength(1);
  expect(judged.issues[0]).toMatchObject({ rule: 'L14', severity: 'error', file: '51_2026-03.xlsx' });
  expect(judged.issues[0].message.vi).toContain('vượt giới hạn');
});

test('a file within the limit is read and fingerprinted from its bytes', async () => {
  const path = join(dir, 'small.xlsx');
  writeFileSync(path, 'not a workbook');
  const raw = await readRaw({ path, name: 'small.xlsx' });
  expect(raw.refusal).toBeUndefined();
  expect(raw.data).not.toBeNull();
});
