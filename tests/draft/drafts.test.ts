/**
 * The Word drafts, read by other programs: the national `bao-cao_<P>.docx` of the consolidation
 * and a province's draft built from its workbook (as the add-in does from the open sheets).
 * LibreOffice turns them all into PDF (one call), pdftotext gives their text, and every figure
 * sentence must carry the number the test computes itself from the province files it wrote (and
 * from indicators.csv); the document's XML must say A4, the Nghị định 30/2020 margins, Times New
 * Roman and page numbers from page 2. Page images go to tests/artifacts/draft/ to be looked at.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { unitIndicators } from '../../addin/indicators';
import { draftDocx } from '../../core/draft/docx';
import { provinceDraft } from '../../core/draft/province';
import { parsePeriod, type Period } from '../../core/periods';
import { readWorkbookFile } from '../../core/xlsx';
import type { Submission } from '../../core/submission';
import { NATIONAL_CODE } from '../../core/units';
import { consolidate } from '../../pipeline/consolidate';
import { PROJECT_ROOT } from '../../pipeline/reference';
import { Warehouse } from '../../pipeline/warehouse/warehouse';
import { provinceSubmission, totalOf } from '../pipeline/fixtures';
import { readCsv, registry, targets, tempDir, writeProvinceFile } from '../pipeline/helpers';
import { describeWithLibreOffice } from '../support/libreoffice';
import { docxToPdf, pdfPageImages, pdfPages, pdfText, squeeze, vi, viPercent } from './pdf';

const ARTIFACTS = join(PROJECT_ROOT, 'tests', 'artifacts', 'draft');
const H1 = parsePeriod('2026-H1');
const MARCH = parsePeriod('2026-03');
const FEBRUARY = parsePeriod('2026-02');
const provinces = registry.provinces(H1);
const MISSING = provinces[5];
const REFUSED = provinces[12];
const LATE = [provinces[1], provinces[9]];
/** The province whose own draft is built from its workbook. */
const OWN = provinces.find((p) => p.code === '51')!;

const describeLo = describeWithLibreOffice();

describeLo('the national Word draft, read back through LibreOffice and poppler', () => {
  const dir = tempDir('draft');
  const subs = new Map<string, Map<string, Submission>>();
  const text = new Map<string, string>();
  const docx = new Map<string, Uint8Array>();

  /** The sum over the provinces' files of one total-row column (what the nation reports). */
  const nationSum = (period: Period, form: 'F03' | 'F04', ...columns: number[]) =>
    [...subs.get(period.code)!.values()].reduce((s, sub) => s + columns.reduce((a, c) => a + (totalOf(sub, form, c) ?? 0), 0), 0);
  const indicator = (period: Period, id: string) =>
    readCsv(join(dir, 'out', period.code, 'indicators.csv')).find((r) => r.unit_code === NATIONAL_CODE && r.indicator === id)!;

  async function writePeriod(period: Period, seed: number, skip: Set<string>, dateOf: (code: string) => string): Promise<void> {
    const bySub = new Map<string, Submission>();
    for (const [i, p] of provinces.entries()) {
      if (skip.has(p.code)) continue;
      const sub = provinceSubmission(registry, p.code, period.code, { reportDate: dateOf(p.code), seed: seed + i });
      bySub.set(p.code, sub);
      await writeProvinceFile(join(dir, 'in', period.code), sub);
    }
    subs.set(period.code, bySub);
  }

  beforeAll(async () => {
    const lateCodes = new Set(LATE.map((p) => p.code));
    await writePeriod(H1, 500, new Set([MISSING.code, REFUSED.code]), (c) => (lateCodes.has(c) ? '2026-06-23' : '2026-06-12'));
    // A refused file: customer conferences above all conferences on a unit row (V02), no override.
    const bad = provinceSubmission(registry, REFUSED.code, H1.code, { reportDate: '2026-06-12', seed: 9 });
    const row = bad.forms.F03!.rows[1];
    row.values[5] = (row.values[3] as number) + 3;
    bad.forms.F03!.total!.values[5] = bad.forms.F03!.rows.reduce((s, r) => s + (r.values[5] as number), 0);
    await writeProvinceFile(join(dir, 'in', H1.code), bad);
    await writePeriod(FEBRUARY, 700, new Set(), () => '2026-02-20');
    await writePeriod(MARCH, 800, new Set(), () => '2026-03-20');
    const wh = await Warehouse.open(join(dir, 'wh.duckdb'));
    try {
      for (const p of [FEBRUARY, MARCH, H1]) {
        // February is there to be compared with: its own charts are not needed.
        const report = p !== FEBRUARY;
        await consolidate(wh, { inputDir: join(dir, 'in', p.code), period: p, outDir: join(dir, 'out', p.code), registry, targets, report, progress: { write: () => true } });
      }
    } finally {
      wh.close();
    }
    // The province's draft from the workbook it sent, read back by the reader.
    const { submission } = await readWorkbookFile(readFileSync(join(dir, 'in', H1.code, `${OWN.code}_${H1.code}.xlsx`)), 'own.xlsx');
    const own = provinceDraft(submission!, registry, unitIndicators(submission!, registry, targets), submission!.reportDate!);
    const ownFile = join(dir, `bao-cao_${OWN.code}_${H1.code}.docx`);
    writeFileSync(ownFile, draftDocx(own));
    const keys = [H1.code, MARCH.code, OWN.code];
    const files = [...[H1, MARCH].map((p) => join(dir, 'out', p.code, `bao-cao_${p.code}.docx`)), ownFile];
    for (const [i, f] of files.entries()) docx.set(keys[i], readFileSync(f));
    const pdfs = await docxToPdf(files, dir);
    rmSync(ARTIFACTS, { recursive: true, force: true });
    mkdirSync(ARTIFACTS, { recursive: true });
    for (const [i, pdf] of pdfs.entries()) {
      const code = keys[i];
      text.set(code, squeeze(await pdfText(pdf)));
      const pages = await pdfPages(pdf);
      await pdfPageImages(pdf, [1, 2, pages], join(ARTIFACTS, `bao-cao_${code === OWN.code ? `${OWN.code}_${H1.code}` : code}`));
    }
  }, 600_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const has = (period: Period | string, sentence: string) => expect(text.get(typeof period === 'string' ? period : period.code)).toContain(squeeze(sentence));

  test('six-month draft: the Form 03 and Form 04 sentences carry the national sums', () => {
    const f = (c: number) => vi(nationSum(H1, 'F03', c));
    const g = (...c: number[]) => vi(nationSum(H1, 'F04', ...c));
    has(H1, `đã tham mưu ${f(1)} văn bản`);
    has(H1, `${f(2)} đơn vị ký quy chế phối hợp, ${f(3)} đơn vị ký hợp đồng triển khai`);
    has(H1, `đã tổ chức ${f(4)} hội nghị truyền thông với ${f(5)} người tham dự`);
    has(H1, `trong đó ${f(6)} hội nghị khách hàng (chiếm ${viPercent(Number(indicator(H1, 'N10').value))} số hội nghị)`);
    has(H1, `Tổ chức ${f(7)} cuộc truyền thông nhóm nhỏ, gặp trực tiếp với ${f(8)} lượt người`);
    has(H1, `Thực hiện ${f(9)} tin, bài, phóng sự`);
    has(H1, `Phát ${f(16)} lượt trên loa truyền thanh cơ sở`);
    has(H1, `Đăng tải ${f(17)} tin, bài; ${f(18)} sản phẩm infographic`);
    has(H1, `Cổng thông tin điện tử có ${f(20)} lượt truy cập`);
    has(H1, `Phát hành ${f(15)} sản phẩm truyền thông`);
    has(H1, `Vận động ${g(1)} nhân vật thực tế tham gia truyền thông; trao tặng ${g(2)} sổ BHXH`);
    has(H1, `Ban hành ${g(4)} văn bản chỉ đạo, hướng dẫn; tổ chức ${g(5)} cuộc kiểm tra, hướng dẫn tại ${g(6)} đơn vị BHXH cơ sở, đạt ${viPercent(Number(indicator(H1, 'N08').value))}`);
    has(H1, `${g(7, 8)} người tham gia mới, gồm ${g(7)} người tham gia BHXH tự nguyện và ${g(8)} người tham gia BHYT hộ gia đình; trong đó ${g(9)} người`);
    for (const ref of ['(Số liệu chi tiết tại cột số 2, 3, 4, 5, 6, 7, 8 phụ lục Mẫu 03 đính kèm)', '(Số liệu chi tiết tại cột số 9, 16 phụ lục Mẫu 03 đính kèm)', '(Số liệu chi tiết tại cột số 7, 8, 9 phụ lục Mẫu 04 đính kèm)']) {
      has(H1, ref);
    }
  });

  test('six-month draft: each Decision 294 target with its % from indicators.csv and the provinces below it by name', () => {
    for (const [code, id] of [['T1', 'N01'], ['T2', 'N02'], ['T3', 'N03'], ['T4', 'N04'], ['T5', 'N05']] as const) {
      const row = indicator(H1, id);
      has(H1, `${vi(Number(row.numerator))}/${vi(Number(row.denominator))}, đạt tỷ lệ ${viPercent(Number(row.value))}`);
      const met = Number(row.value) >= Number(row.target);
      has(H1, `${met ? 'đạt' : 'chưa đạt'} mục tiêu ${viPercent(Number(row.target))}`);
      const below = readCsv(join(dir, 'out', H1.code, 'indicators.csv')).filter(
        (r) => r.indicator === id && r.unit_code !== NATIONAL_CODE && r.value !== '' && Number(r.value) < Number(r.target),
      );
      const names = below.map((r) => registry.find(r.unit_code, H1)!.name);
      expect([code, text.get(H1.code)]).toEqual([code, expect.stringContaining(squeeze(`${below.length} tỉnh, thành phố chưa đạt`))]);
      for (const name of names) expect([code, text.get(H1.code)]).toEqual([code, expect.stringContaining(squeeze(name))]);
    }
  });

  test('completeness and timeliness name the late, missing and refused provinces', () => {
    const n13 = indicator(H1, 'N13');
    const n14 = indicator(H1, 'N14');
    // Files came from every province but the missing one; the refused one's was not accepted.
    has(H1, `của ${provinces.length - 1}/${provinces.length} tỉnh, thành phố; tiếp nhận ${n13.numerator} báo cáo (đạt ${viPercent(Number(n13.value))})`);
    has(H1, `trong đó ${n14.numerator} báo cáo gửi đúng hạn (trước ngày 20/06/2026), đạt ${viPercent(Number(n14.value))}`);
    has(H1, `Gửi muộn (2): ${LATE.map((p) => `${p.name} (ngày 23/06/2026)`).join(', ')}`);
    has(H1, `Chưa gửi báo cáo (1): ${MISSING.name}`);
    has(H1, `đề nghị gửi lại (1): ${REFUSED.name} (Mẫu 03!I11 [V02])`);
  });

  test('without last year the draft says so; the month is compared with the month before', () => {
    has(H1, 'Chưa có số liệu cùng kỳ năm 2025 để so sánh');
    has(MARCH, 'Chưa có số liệu cùng kỳ năm 2025 để so sánh');
    const now = nationSum(MARCH, 'F03', 4);
    const before = nationSum(FEBRUARY, 'F03', 4);
    const change = (now - before) / before;
    has(MARCH, `đã tổ chức ${vi(now)} hội nghị truyền thông (${change >= 0 ? 'tăng' : 'giảm'} ${viPercent(Math.abs(change))} so với tháng 02/2026)`);
    has(MARCH, 'Kết quả công tác thông tin, truyền thông tháng 03/2026');
  });

  test('the document XML: A4, margins, Times New Roman, page numbers centred from page 2, a landscape appendix', async () => {
    for (const [code, bytes] of docx) {
      const zip = await JSZip.loadAsync(bytes);
      const doc = await zip.file('word/document.xml')!.async('string');
      const sizes = [...doc.matchAll(/<w:pgSz ([^>]*)\/>/g)].map((m) => m[1]);
      const appendix = code === OWN.code ? [] : ['w:w="16838" w:h="11906" w:orient="landscape"'];
      expect([code, sizes]).toEqual([code, ['w:w="11906" w:h="16838" w:orient="portrait"', ...appendix]]);
      for (const m of doc.matchAll(/<w:pgMar ([^>]*)\/>/g)) {
        const attr = (name: string) => Number(new RegExp(`w:${name}="(\\d+)"`).exec(m[1])![1]) / 56.7;
        // Nghị định 30/2020: top and bottom 20-25 mm, left 30-35 mm, right 15-20 mm.
        expect([attr('top'), attr('bottom'), attr('left'), attr('right')].map(Math.round)).toEqual([20, 20, 30, 15]);
      }
      expect(doc).toContain('<w:titlePg/>');
      const fonts = new Set([...(doc + (await zip.file('word/styles.xml')!.async('string'))).matchAll(/w:ascii="([^"]+)"/g)].map((m) => m[1]));
      expect([...fonts]).toEqual(['Times New Roman']);
      // Body text 14 pt (the default), the heading block 12-13 pt, captions 12: outside tables nothing else.
      expect(await zip.file('word/styles.xml')!.async('string')).toMatch(/<w:docDefaults>.*<w:sz w:val="28"\/>.*<\/w:docDefaults>/s);
      const main = doc.slice(0, doc.indexOf('<w:sectPr')).replace(/<w:tbl>.*?<\/w:tbl>/gs, '');
      const runSizes = [...main.matchAll(/<w:sz w:val="(\d+)"\/>/g)].map((m) => Number(m[1]) / 2);
      expect([code, [...new Set(runSizes)].filter((s) => s !== 12 && s !== 14)]).toEqual([code, []]);
      expect(runSizes.filter((s) => s === 14).length).toBeGreaterThan(runSizes.length * 0.8);
      const rels = await zip.file('word/_rels/document.xml.rels')!.async('string');
      const headerOf = async (type: string) => {
        const rid = new RegExp(`<w:headerReference w:type="${type}" r:id="([^"]+)"`).exec(doc)![1];
        const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels)![1];
        return zip.file(`word/${target}`)!.async('string');
      };
      const first = await headerOf('first');
      const other = await headerOf('default');
      expect(first).not.toContain('PAGE');
      expect(other).toMatch(/<w:jc w:val="center"\/>/);
      expect(other).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
    }
  });

  test('the layout of the administrative heading and the charts as pictures', async () => {
    const all = text.get(H1.code)!;
    for (const line of ['BẢO HIỂM XÃ HỘI VIỆT NAM', 'TRUNG TÂM TRUYỀN THÔNG', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Số:', '/BC-TTTT', 'BÁO CÁO', 'Nơi nhận:', 'GIÁM ĐỐC']) {
      expect(all).toContain(squeeze(line));
    }
    const zip = await JSZip.loadAsync(docx.get(H1.code)!);
    const media = Object.keys(zip.files).filter((f) => f.startsWith('word/media/'));
    expect(media.length).toBeGreaterThanOrEqual(5);
  });

  test("a province's draft carries the figures of the workbook it sent, as its own office", () => {
    const sub = subs.get(H1.code)!.get(OWN.code)!;
    const f = (c: number) => vi(totalOf(sub, 'F03', c)!);
    const g = (...c: number[]) => vi(c.reduce((a, x) => a + totalOf(sub, 'F04', x)!, 0));
    has(OWN.code, 'BẢO HIỂM XÃ HỘI VIỆT NAM');
    has(OWN.code, `BẢO HIỂM XÃ HỘI TỈNH ${OWN.name.toLocaleUpperCase('vi')}`);
    has(OWN.code, 'Số: /BC-BHXH');
    has(OWN.code, `${OWN.name}, ngày 12 tháng 6 năm 2026`);
    has(OWN.code, 'Kết quả công tác thông tin, truyền thông 6 tháng đầu năm 2026');
    has(OWN.code, `BHXH tỉnh và BHXH cơ sở đã tổ chức ${f(4)} hội nghị truyền thông với ${f(5)} người tham dự`);
    has(OWN.code, `Tổ chức ${f(7)} cuộc truyền thông nhóm nhỏ, gặp trực tiếp với ${f(8)} lượt người`);
    has(OWN.code, `Phát ${f(16)} lượt trên loa truyền thanh cơ sở`);
    has(OWN.code, `${g(7, 8)} người tham gia mới, gồm ${g(7)} người tham gia BHXH tự nguyện`);
    for (const t of sub.targets!.filter((r) => r.code !== 'T6' && r.code !== 'T7')) {
      const [achieved, total] = [t.achieved as number, t.total as number];
      has(OWN.code, `${vi(achieved)}/${vi(total)}, đạt tỷ lệ ${viPercent(achieved / total)}`);
    }
    has(OWN.code, 'Chưa có số liệu cùng kỳ năm 2025 để so sánh');
    has(OWN.code, 'THỦ TRƯỞNG ĐƠN VỊ');
    // One level down: nothing of the national report.
    expect(text.get(OWN.code)).not.toContain(squeeze('tỉnh, thành phố đạt mục tiêu'));
    expect(text.get(OWN.code)).not.toContain(squeeze('PHỤ LỤC'));
  });
});
