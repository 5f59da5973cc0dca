/** What arrives in a folder besides reports: every file is listed with a verdict, none passed over. */
import { copyFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkExitCode, checkFiles } from '../../pipeline/check-files';
import { libreOfficeProgram } from '../../pipeline/ingest/convert';
import { judgeFile } from '../../pipeline/ingest/judge-file';
import { convertBatch, readRaw } from '../../pipeline/ingest/read-file';
import { describeWithLibreOffice, saveAllWithLibreOffice } from '../support/libreoffice';
import { provinceSubmission } from './fixtures';
import { registry, tempDir, writeProvinceFile } from './helpers';

describe('a folder as clerks fill it', () => {
  const dir = tempDir('intake');
  const saved = process.env.BHXH_SOFFICE;
  beforeAll(async () => {
    const good = await writeProvinceFile(dir, provinceSubmission(registry, '51', '2026-03', { reportDate: '2026-03-20', seed: 5 }));
    copyFileSync(good, join(dir, '52_2026-03.xlsm'));
    await writeProvinceFile(dir, provinceSubmission(registry, '5101', '2026-03', { reportDate: '2026-03-18', seed: 7 }));
    writeFileSync(join(dir, '~$51_2026-03.xlsx'), 'lock');
    writeFileSync(join(dir, 'so-lieu.csv'), 'a,b\n1,2\n');
    writeFileSync(join(dir, '02_2026-03.ods'), 'not really');
    // A machine without LibreOffice.
    process.env.BHXH_SOFFICE = 'none';
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.BHXH_SOFFICE;
    else process.env.BHXH_SOFFICE = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  test('every file has a verdict, with the fix where there is one', async () => {
    const files = await checkFiles(dir, registry, null, { isTTY: false, columns: 80, write: () => undefined });
    const verdicts = files.map((f) => [f.file, f.skipped, f.refused, f.issues.filter((i) => i.severity !== 'warning').map((i) => i.rule)]);
    expect(verdicts).toEqual([
      ['02_2026-03.ods', false, true, ['P05']],
      ['5101_2026-03.xlsx', false, true, ['P08']],
      ['51_2026-03.xlsx', false, false, []],
      // The copy claims unit 51 like the .xlsx: read like it (macros are never run).
      ['52_2026-03.xlsm', false, false, []],
      ['so-lieu.csv', true, false, ['P06']],
      ['~$51_2026-03.xlsx', true, false, ['P07']],
    ]);
    const ods = files[0].issues[0];
    expect(ods.message.vi).toContain('Lưu thành (Save As)');
    expect(ods.message.en).toContain('Save As › Excel Workbook (.xlsx)');
    expect(files[1].issues.find((i) => i.rule === 'P08')!.message.vi).toContain('add-in');
    expect(files.every((f) => f.issues.every((i) => i.file === f.file))).toBe(true);
    expect(checkExitCode(files)).toBe(1);
  });

  test('LibreOffice is looked for on PATH, or where BHXH_SOFFICE says; a BHXH_SOFFICE that cannot run is said so', async () => {
    const notInstalled = { missing: expect.objectContaining({ en: expect.stringContaining('not installed') }) };
    expect(libreOfficeProgram({ PATH: dir })).toEqual(notInstalled);
    expect(libreOfficeProgram({ BHXH_SOFFICE: 'none', PATH: '/usr/bin' })).toEqual(notInstalled);
    const plain = join(dir, 'soffice-not-executable');
    writeFileSync(plain, '#!/bin/sh\n');
    for (const path of [join(dir, 'missing'), plain]) {
      const found = libreOfficeProgram({ BHXH_SOFFICE: path, PATH: '/usr/bin' });
      expect(found).toEqual({ missing: { vi: expect.stringContaining(`BHXH_SOFFICE=${path} không chạy được`), en: expect.stringContaining(`BHXH_SOFFICE=${path} cannot be run`) } });
      // What the clerk's .ods file is told.
      const ods = { path: join(dir, 'a.ods'), name: 'a.ods' };
      writeFileSync(ods.path, 'x');
      const raw = await readRaw(ods, (await convertBatch([ods], found)).get(ods.path));
      expect(raw.refusal?.message.en).toContain(`BHXH_SOFFICE=${path} cannot be run`);
    }
  });
});

describeWithLibreOffice()('an .ods saved by LibreOffice', () => {
  const dir = tempDir('intake-lo');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('is converted in one LibreOffice run, read exactly, and the verdict says so', async () => {
    const sub = provinceSubmission(registry, '79', '2026-03', { reportDate: '2026-03-21', seed: 9 });
    const xlsx = await writeProvinceFile(join(dir, 'src'), sub);
    const [ods] = await saveAllWithLibreOffice([xlsx], 'ods', join(dir, 'folder'), dir);
    expect(ods).toMatch(/79_2026-03\.ods$/);
    const file = { path: ods, name: '79_2026-03.ods' };
    const conversions = await convertBatch([file]);
    const judged = await judgeFile(await readRaw(file, conversions.get(ods)), registry, null);
    expect(judged.issues.map((i) => [i.rule, i.severity])).toEqual([['P04', 'info']]);
    expect(judged.refused).toBe(false);
    const f03 = judged.submission!.forms.F03!;
    expect(f03.rows.map((r) => [r.unitCode, r.values])).toEqual(sub.forms.F03!.rows.map((r) => [r.unitCode, r.values]));
    expect(f03.total!.values).toEqual(sub.forms.F03!.total!.values);
    // Two LibreOffice runs (the save, then the conversion), each slow to start on a busy machine.
  }, 300_000);
});
