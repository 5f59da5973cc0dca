/**
 * The corpus of what clerks really send (variants.ts): every file of the folder gets its
 * expected verdict through the pipeline's own intake (listing, LibreOffice conversion, judging).
 * Read files are compared value by value; none is accepted with figures other than its own.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { FORM_IDS } from '../../core/forms';
import { RULES } from '../../core/rule-catalogue';
import type { Issue, Submission } from '../../core/submission';
import { listWorkbooks, sortFolder } from '../../pipeline/ingest/discover';
import { judgeFile, type IngestedFile } from '../../pipeline/ingest/judge-file';
import { convertBatch, readRaw } from '../../pipeline/ingest/read-file';
import { tempDir } from '../pipeline/helpers';
import { describeWithLibreOffice } from '../support/libreoffice';
import { differences } from '../workbook/grid-diff';
import { registry, writeCorpus, type Variant } from './variants';

/** Everything a read report says, in a form two reads can be compared by. */
function figures(sub: Submission) {
  return {
    unitCode: sub.unitCode,
    period: sub.period,
    reportDate: sub.reportDate,
    forms: FORM_IDS.filter((id) => sub.forms[id]).map((id) => {
      const t = sub.forms[id]!;
      return { id, rows: t.rows.map((r) => [r.unitCode, r.values]), total: t.total && [t.total.unitCode, t.total.values] };
    }),
    targets: sub.targets?.map((t) => [t.code, t.total, t.achieved]) ?? null,
  };
}

const notesOf = (issues: Issue[]) => [...new Set(issues.filter((i) => i.severity !== 'error').map((i) => i.rule))].sort();

/** What is wrong with a verdict, or null. */
function mismatch(v: Variant, judged: IngestedFile | null, skipped: Issue | null): string | null {
  const e = v.expect;
  if (e.kind === 'skipped') return skipped?.rule === e.rule ? null : `expected skipped ${e.rule}, got ${skipped?.rule ?? 'judged'}`;
  if (!judged) return `expected judged, got skipped ${skipped?.rule}`;
  const errors = judged.issues.filter((i) => i.severity === 'error');
  if (e.kind === 'read') {
    if (judged.refused || errors.length) return `refused: ${errors.map((i) => `${i.rule} ${i.sheet}!${i.cell} ${i.message.en}`).join('; ')}`;
    const notes = notesOf(judged.issues);
    if (JSON.stringify(notes) !== JSON.stringify([...e.notes].sort())) return `notes ${notes.join(',')} instead of ${[...e.notes].sort().join(',')}`;
    return JSON.stringify(figures(judged.submission!)) === JSON.stringify(figures(e.sub)) ? null : 'READ WITH OTHER FIGURES';
  }
  if (!judged.refused) return `accepted, expected refusal ${e.rule}`;
  const hit = judged.issues.find((i) => i.rule === e.rule && i.sheet === e.sheet && i.cell === e.cell);
  if (!hit) return `no ${e.rule} at ${e.sheet}!${e.cell}: ${judged.issues.map((i) => `${i.rule} ${i.sheet}!${i.cell}`).join(', ')}`;
  return hit.file === v.file && hit.message.vi && hit.message.en ? null : 'issue without file or message';
}

describeWithLibreOffice()('the corpus of real-world workbooks', () => {
  const dir = tempDir('corpus');
  const folder = join(dir, 'folder');
  let variants: Variant[];
  const verdicts = new Map<string, { judged: IngestedFile | null; skipped: Issue | null }>();
  /** What the judge read of each file: the .xlsx itself, or what LibreOffice converted an .ods or .xls into. */
  const bytesRead: { name: string; bytes: Uint8Array }[] = [];

  beforeAll(async () => {
    variants = await writeCorpus(folder, dir);
    const { reports, skipped } = sortFolder(listWorkbooks(folder));
    for (const s of skipped) verdicts.set(s.file.name, { judged: null, skipped: s.issue });
    const conversions = await convertBatch(reports);
    for (const f of reports) {
      const offline = variants.find((v) => v.file === f.name)?.withoutLibreOffice;
      const raw = await readRaw(f, offline ? null : conversions.get(f.path));
      if (raw.data) bytesRead.push({ name: f.name, bytes: raw.data });
      const judged = await judgeFile(raw, registry, null);
      verdicts.set(f.name, { judged, skipped: null });
    }
  }, 600_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('at least 60 variants, ExcelJS and LibreOffice made, every outcome kind', () => {
    expect(variants.length).toBeGreaterThanOrEqual(60);
    expect(variants.filter((v) => v.file.startsWith('lo-')).length).toBeGreaterThanOrEqual(15);
    expect(new Set(variants.map((v) => v.expect.kind))).toEqual(new Set(['read', 'refused', 'skipped']));
  });

  test('no file of the folder is passed over: each has a verdict', () => {
    expect([...verdicts.keys()].sort()).toEqual(variants.map((v) => v.file).sort());
  });

  test('every variant gets its expected outcome; none is read with other figures', () => {
    const wrong = variants.map((v) => [v.file, v.how, mismatch(v, verdicts.get(v.file)!.judged, verdicts.get(v.file)!.skipped)]).filter(([, , m]) => m);
    expect(wrong).toEqual([]);
  });

  test("the fast read path gives ExcelJS's grids for every file, LibreOffice saves and conversions included", async () => {
    const { problems, same } = await differences(bytesRead);
    expect(problems).toEqual([]);
    expect(same).toBeGreaterThanOrEqual(60);
  });

  test('every refusal carries a fix from the catalogue and names the file', () => {
    for (const { judged } of verdicts.values()) {
      for (const issue of judged?.issues ?? []) {
        expect([issue.rule, RULES[issue.rule].fix.vi.length > 0, issue.file]).toEqual([issue.rule, true, judged!.fileName]);
      }
    }
  });
});
