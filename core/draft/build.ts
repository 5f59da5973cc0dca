/**
 * The whole draft of one unit and period: the administrative heading (Nghị định 30/2020/NĐ-CP),
 * the body as Mẫu 01 (monthly) or Mẫu 02 (six-month, annual) asks, "Nơi nhận", the signature
 * block and, for the nation, the appendix by province. A province and the nation share it.
 */
import { viLongDate } from '../format';
import type { DraftInput } from './figures';
import type { Block, DraftDocument } from './model';
import { appendix } from './national';
import { monthlyBody, periodicBody } from './sections';
import { periodPhrase } from './text';

export type { DraftInput, DraftFigures, NationalPart } from './figures';
export type { DraftDocument, Block, DraftTable, ImageSlot } from './model';

/** Centrally-governed cities (before and after the 2025 merger) are "thành phố", the rest "tỉnh". */
const CITY_CODES = new Set(['01', '31', '46', '48', '79', '92']);

/** `BẢO HIỂM XÃ HỘI TỈNH QUẢNG NGÃI`, `BẢO HIỂM XÃ HỘI THÀNH PHỐ HÀ NỘI`. */
export function provinceOfficeName(code: string, name: string): string {
  const kind = CITY_CODES.has(code) && !name.startsWith('Thừa Thiên') ? 'THÀNH PHỐ' : 'TỈNH';
  return `BẢO HIỂM XÃ HỘI ${kind} ${name.toLocaleUpperCase('vi')}`;
}

/** Numbers every image caption `Hình 1. …` in reading order. */
function numberFigures(blocks: Block[]): Block[] {
  let n = 0;
  return blocks.map((b) => (b.kind === 'image' ? { ...b, image: { ...b.image, caption: `Hình ${++n}. ${b.image.caption}` } } : b));
}

export function buildDraft(input: DraftInput): DraftDocument {
  const national = input.level === 'national';
  const period = input.current.period;
  const body = period.kind === 'month' ? monthlyBody(input) : periodicBody(input);
  const subject = `Kết quả công tác thông tin, truyền thông ${periodPhrase(period)}`;
  return {
    issuer: national
      ? { parent: 'BẢO HIỂM XÃ HỘI VIỆT NAM', unit: 'TRUNG TÂM TRUYỀN THÔNG' }
      : { parent: 'BẢO HIỂM XÃ HỘI VIỆT NAM', unit: provinceOfficeName(input.unit.code, input.unit.name) },
    number: national ? 'Số:        /BC-TTTT' : 'Số:        /BC-BHXH',
    placeDate: `${national ? 'Hà Nội' : input.unit.name}, ${viLongDate(input.date)}`,
    date: input.date,
    title: 'BÁO CÁO',
    subject: national ? `${subject} của ngành Bảo hiểm xã hội Việt Nam` : subject,
    body: numberFigures(body),
    recipients: national
      ? ['Tổng Giám đốc (để báo cáo);', 'Các Phó Tổng Giám đốc;', 'Các đơn vị trực thuộc BHXH Việt Nam;', 'BHXH các tỉnh, thành phố;', 'Lưu: VT, TTTT.']
      : period.kind === 'month'
        ? ['Trung tâm Truyền thông BHXH Việt Nam;', '……;', 'Lưu: VT, …']
        : ['Trung tâm Truyền thông BHXH Việt Nam;', 'GĐ, các PGĐ;', 'BHXH cơ sở;', 'Các phòng nghiệp vụ;', 'Tổ tuyên truyền (nếu có);', 'Lưu: VT, …'],
    signer: national ? { title: 'GIÁM ĐỐC', note: '(Ký, ghi rõ họ tên)' } : { title: 'THỦ TRƯỞNG ĐƠN VỊ', note: '(Ký tên, đóng dấu)' },
    appendix: appendix(input),
  };
}
