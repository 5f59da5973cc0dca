/**
 * What the national report adds to the same text one level up: how completely and on time the
 * provinces reported (by name), which provinces meet each target and which do not, the five
 * highest and lowest provinces on the key indicators, the report's charts, and the appendix
 * tables by province. Each returns nothing for a province's draft.
 */
import { FORM_03, FORM_04, type FormDef } from '../forms';
import { viDate, viNumber } from '../format';
import { INDICATOR_BY_ID, indicatorsFor, type IndicatorId, type IndicatorValue } from '../indicators';
import { dueBefore } from '../periods';
import type { ProvinceRef } from '../report-data';
import { countStatuses, issuePlace, type UnitStatus, type UnitStatusKind } from '../unit-status';
import { NATIONAL_CODE } from '../units';
import { figures, image, paragraph, table } from './blocks';
import type { DraftInput, NationalPart } from './figures';
import type { Block, DraftSection, DraftTable } from './model';
import { count, indicatorOf, indicatorText, periodPhrase } from './text';

const names = (list: readonly ProvinceRef[]) => list.map((p) => p.name).join(', ');

/** Who reported: received, accepted and on time against expected, then who is late, refused, missing (by name). */
export function completenessBlocks(input: DraftInput): Block[] {
  const nat = input.national;
  if (!nat) return [];
  const period = input.current.period;
  const counts = countStatuses(nat.statuses);
  const n13 = indicatorOf(input.current, 'N13');
  const n14 = indicatorOf(input.current, 'N14');
  const of = (kind: UnitStatusKind) => nat.statuses.filter((s) => s.status === kind);
  const late = nat.statuses.filter((s) => s.late);
  const blocks: Block[] = [
    figures(
      `- Đến ${viDate(input.date)}, BHXH Việt Nam đã nhận báo cáo ${periodPhrase(period)} của ${counts.received}/${counts.expected} tỉnh, thành phố; ` +
        `tiếp nhận ${count(n13?.numerator)} báo cáo (đạt ${indicatorText('N13', n13?.value)}), trong đó ${count(n14?.numerator)} báo cáo gửi đúng hạn ` +
        `(trước ngày ${viDate(dueBefore(period))}), đạt ${indicatorText('N14', n14?.value)}.`,
    ),
    figures(
      late.length
        ? `- Gửi muộn (${late.length}): ${late.map((s) => `${s.unitName} (ngày ${viDate(s.firstReportDate!)})`).join(', ')}.`
        : '- Không có tỉnh, thành phố nào gửi báo cáo muộn.',
    ),
  ];
  const override = of('override');
  if (override.length) {
    blocks.push(figures(`- Tiếp nhận có giải trình, còn lỗi cần rà soát (${override.length}): ${override.map((s) => s.unitName).join(', ')}.`));
  }
  const refused = of('refused');
  if (refused.length) {
    const why = (s: UnitStatus) => (s.refused[0]?.firstError ? ` (${issuePlace(s.refused[0].firstError)})` : '');
    blocks.push(figures(`- Báo cáo không được tiếp nhận do còn lỗi, đề nghị gửi lại (${refused.length}): ${refused.map((s) => `${s.unitName}${why(s)}`).join(', ')}.`));
  }
  const missing = of('missing');
  blocks.push(figures(missing.length ? `- Chưa gửi báo cáo (${missing.length}): ${missing.map((s) => s.unitName).join(', ')}.` : '- Tất cả các tỉnh, thành phố đã gửi báo cáo.'));
  return [...blocks, ...chartBlock(input, 'reporting')];
}

function provinceValues(nat: NationalPart, id: IndicatorId): { province: ProvinceRef; value: IndicatorValue | undefined }[] {
  return nat.provinces.map((province) => ({
    province,
    value: nat.indicators.find((v) => v.unitCode === province.code && v.indicator === id),
  }));
}

/** `Có 20/34 tỉnh, thành phố đạt mục tiêu; 14 chưa đạt: A (41,2 %), …` for an indicator with a target. */
export function provincesAgainstTarget(input: DraftInput, id: IndicatorId): Block[] {
  const nat = input.national;
  const target = indicatorOf(input.current, id)?.target ?? null;
  if (!nat || target === null) return [];
  const all = provinceValues(nat, id);
  const withValue = all.filter((x) => x.value?.value != null);
  const met = withValue.filter((x) => x.value!.value! >= target);
  const below = withValue.filter((x) => x.value!.value! < target).sort((a, b) => a.value!.value! - b.value!.value!);
  const none = all.filter((x) => x.value?.value == null);
  const parts = [`${met.length}/${all.length} tỉnh, thành phố đạt mục tiêu`];
  parts.push(
    below.length
      ? `${below.length} tỉnh, thành phố chưa đạt: ${below.map((x) => `${x.province.name} (${indicatorText(id, x.value!.value)})`).join(', ')}`
      : 'không có tỉnh, thành phố nào chưa đạt',
  );
  if (none.length) parts.push(`${none.length} tỉnh, thành phố chưa có số liệu: ${names(none.map((x) => x.province))}`);
  return [figures(`+ Có ${parts.join('; ')}.`)];
}

/** The indicators leadership ranks provinces on, by report kind. */
function keyIndicators(input: DraftInput): IndicatorId[] {
  return input.current.period.kind === 'month' ? ['N12', 'N10', 'N09'] : ['N04', 'N05', 'N06', 'N12', 'N11'];
}

export function topBottomBlocks(input: DraftInput): Block[] {
  const nat = input.national;
  if (!nat) return [];
  const rows = keyIndicators(input).flatMap((id) => {
    const ranked = provinceValues(nat, id)
      .filter((x) => x.value?.value != null)
      .sort((a, b) => b.value!.value! - a.value!.value! || a.province.name.localeCompare(b.province.name, 'vi'));
    if (ranked.length === 0) return [];
    const list = (xs: typeof ranked) => xs.map((x, i) => `${i + 1}. ${x.province.name}: ${indicatorText(id, x.value!.value)}`).join('\n');
    const n = Math.min(5, ranked.length);
    return [{ cells: [`${INDICATOR_BY_ID[id].label.vi} (toàn quốc: ${indicatorText(id, indicatorOf(input.current, id)?.value)})`, list(ranked.slice(0, n)), list(ranked.slice(-n).reverse())] }];
  });
  if (rows.length === 0) return [];
  const t: DraftTable = {
    title: 'Năm tỉnh, thành phố cao nhất và thấp nhất theo một số chỉ tiêu chính',
    header: ['Chỉ tiêu', '5 tỉnh, thành phố cao nhất', '5 tỉnh, thành phố thấp nhất'],
    rows,
    widths: [30, 35, 35],
    fontSize: 11,
    numeric: [false, false, false],
  };
  return [paragraph('- Các tỉnh, thành phố dẫn đầu và thấp nhất:'), table(t)];
}

/** Captions of the report's charts (core/charts), by chart id. */
function chartCaption(id: string, input: DraftInput): string {
  const label = periodPhrase(input.current.period);
  const indicator = /^(?:rank|map)-(N\d\d)$/.exec(id)?.[1] as IndicatorId | undefined;
  if (indicator) {
    const what = INDICATOR_BY_ID[indicator].label.vi;
    return id.startsWith('map') ? `${what} theo tỉnh, thành phố, ${label} (bản đồ ô)` : `${what} theo tỉnh, thành phố, ${label}`;
  }
  const captions: Record<string, string> = {
    trend: `Diễn biến hằng tháng toàn quốc: hội nghị, người tham dự, nhóm nhỏ, lượt phát thanh (năm ${input.current.period.year} so với năm ${input.current.period.year - 1})`,
    effectiveness: `Hội nghị truyền thông và người tham gia mới theo tỉnh, thành phố, ${label}`,
    reporting: `Tình hình gửi báo cáo của các tỉnh, thành phố, năm ${input.current.period.year}`,
  };
  return captions[id] ?? id;
}

/** The chart's image slot, when the consolidation drew that chart. */
export function chartBlock(input: DraftInput, id: string): Block[] {
  if (!input.national?.charts.includes(id)) return [];
  return [image(id, chartCaption(id, input), id === 'reporting' ? 100 : 160)];
}

/** A form's columns by province, `first`…`last`, with the national total row and a key of the columns. */
function formTable(input: DraftInput, form: FormDef, first: number, last: number, title: string): Block[] {
  const nat = input.national!;
  const cols = form.columns.filter((c) => c.no >= first && c.no <= last);
  const value = (row: (number | null)[] | undefined, no: number) => {
    const v = row?.[no - 1];
    return v === null || v === undefined ? '' : viNumber(v, 0);
  };
  const t: DraftTable = {
    title,
    header: ['STT', 'Tỉnh, thành phố', ...cols.map((c) => `(${c.no})`)],
    rows: [
      ...nat.provinceTotals.map((p, i) => ({ cells: [String(i + 1), p.name, ...cols.map((c) => value(p.totals.forms[form.id], c.no))] })),
      { cells: ['', 'Toàn quốc', ...cols.map((c) => value(input.current.totals.forms[form.id], c.no))], total: true },
    ],
    widths: [4, 14, ...cols.map(() => 82 / cols.length)],
    fontSize: 9,
    numeric: [false, false, ...cols.map(() => true)],
  };
  const key = cols.map((c) => `(${c.no}) ${c.label.vi}`).join('; ');
  return [table(t), { kind: 'reference', text: `Ghi chú: ${key}.` }];
}

function indicatorTable(input: DraftInput, title: string): Block[] {
  const nat = input.national!;
  const ids = indicatorsFor(input.current.period).map((d) => d.id);
  const cell = (unit: string, id: IndicatorId) => {
    const v = (unit === NATIONAL_CODE ? input.current.indicators : nat.indicators).find((x) => x.unitCode === unit && x.indicator === id)?.value;
    if (v === null || v === undefined) return '';
    return INDICATOR_BY_ID[id].unit === 'percent' ? viNumber(v * 100, 1) : viNumber(v, 1);
  };
  const t: DraftTable = {
    title,
    header: ['STT', 'Tỉnh, thành phố', ...ids.map((id) => `${id}${INDICATOR_BY_ID[id].unit === 'percent' ? ' (%)' : ''}`)],
    rows: [
      ...nat.provinces.map((p, i) => ({ cells: [String(i + 1), p.name, ...ids.map((id) => cell(p.code, id))] })),
      { cells: ['', 'Toàn quốc', ...ids.map((id) => cell(NATIONAL_CODE, id))], total: true },
    ],
    widths: [4, 14, ...ids.map(() => 82 / ids.length)],
    fontSize: 9,
    numeric: [false, false, ...ids.map(() => true)],
  };
  const key = ids.map((id) => `${id}: ${INDICATOR_BY_ID[id].label.vi}`).join('; ');
  return [table(t), { kind: 'reference', text: `Ghi chú: ${key}. Tỷ lệ tính bằng tổng tử số / tổng mẫu số của các tỉnh có báo cáo.` }];
}

/** The appendix: the forms and the indicators by province, landscape. */
export function appendix(input: DraftInput): DraftSection | null {
  if (!input.national) return null;
  const label = periodPhrase(input.current.period);
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: `PHỤ LỤC SỐ LIỆU THEO TỈNH, THÀNH PHỐ ${label.toLocaleUpperCase('vi')}` },
    ...formTable(input, FORM_03, 1, 10, 'Phụ lục 1a. Mẫu 03: số liệu hoạt động truyền thông theo tỉnh, thành phố (cột 1–10)'),
    ...formTable(input, FORM_03, 11, 20, 'Phụ lục 1b. Mẫu 03: số liệu hoạt động truyền thông theo tỉnh, thành phố (cột 11–20)'),
  ];
  if (input.current.totals.forms.F04) {
    blocks.push(...formTable(input, FORM_04, 1, 9, 'Phụ lục 2. Mẫu 04: nhân vật, chỉ đạo kiểm tra và kết quả phát triển theo tỉnh, thành phố'));
  }
  blocks.push(...indicatorTable(input, `Phụ lục ${input.current.totals.forms.F04 ? 3 : 2}. Chỉ tiêu truyền thông theo tỉnh, thành phố`));
  return { orientation: 'landscape', blocks };
}
