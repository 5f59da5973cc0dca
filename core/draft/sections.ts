/**
 * The body of the report, section by section as Mẫu 01 (monthly) and Mẫu 02 (six-month, annual)
 * ask (docs/FORMS.md, source: seeds 001, end): every figure sentence filled from the forms, the
 * targets and the indicators, every column reference of the template kept, the narrative parts
 * left as visible prompts. The nation's report is the same text one level up, with the
 * national parts (national.ts) inserted where they belong.
 */
import type { IndicatorId } from '../indicators';
import { TARGETS, type TargetCode } from '../forms';
import { columnsReference, figures, heading, placeholder, table } from './blocks';
import type { DraftInput } from './figures';
import type { Block, DraftTable } from './model';
import { chartBlock, completenessBlocks, provincesAgainstTarget, topBottomBlocks } from './national';
import {
  bases,
  count,
  figure,
  formValue,
  indicatorCompared,
  indicatorOf,
  indicatorText,
  missingBasesNote,
  percent,
  targetRow,
  targetVerdict,
} from './text';

const F03 = (column: number) => ({ form: 'F03' as const, column });
const F04 = (column: number) => ({ form: 'F04' as const, column });

/** Who did the work: the province with its local offices, or the provinces. */
function actor(input: DraftInput): string {
  return input.level === 'national' ? 'BHXH các tỉnh, thành phố' : 'BHXH tỉnh và BHXH cơ sở';
}

function within(input: DraftInput): string {
  const kind = input.current.period.kind;
  return kind === 'month' ? 'Trong tháng' : kind === 'half' ? 'Trong 6 tháng đầu năm' : 'Trong năm';
}

function comparisonNote(input: DraftInput): Block[] {
  const note = missingBasesNote(bases(input));
  return note ? [figures(note)] : [];
}

/** Section 1 of Mẫu 01 opens with the month's key Form 03 figures. */
function monthlyKeyFigures(input: DraftInput): Block[] {
  const f = (c: number, noun: string) => figure(input, F03(c), noun);
  return [
    ...comparisonNote(input),
    figures(
      `- ${within(input)}, ${actor(input)} đã tổ chức ${f(4, 'hội nghị truyền thông')} với ${f(5, 'người tham dự')}; ` +
        `trong đó có ${f(6, 'hội nghị khách hàng')}.`,
    ),
    figures(`- Tổ chức ${f(7, 'cuộc truyền thông nhóm nhỏ, gặp trực tiếp')} với ${f(8, 'lượt người được truyền thông')}.`),
    figures(`- Thực hiện ${f(9, 'tin, bài, phóng sự trên báo chí, phát thanh, truyền hình')}; phát ${f(16, 'lượt trên loa truyền thanh cơ sở')}.`),
    figures(
      `- Đăng tải, chia sẻ ${figure(input, { form: 'F03', columns: [12, 13] }, 'lượt sản phẩm truyền thông trên mạng xã hội')} ` +
        `(${count(formValue(input.current, F03(12)))} lượt trên trang của đơn vị, ${count(formValue(input.current, F03(13)))} lượt của công chức, viên chức).`,
    ),
    columnsReference([4, 5, 6, 7, 8, 9, 12, 13, 16], '03'),
  ];
}

export function monthlyBody(input: DraftInput): Block[] {
  const national = input.level === 'national';
  return [
    heading(2, '1. Một số hoạt động truyền thông nổi bật; cách làm hay, sáng tạo, hiệu quả trong công tác truyền thông phát triển người tham gia BHXH, BHYT trong tháng'),
    ...(national ? completenessBlocks(input) : []),
    ...monthlyKeyFigures(input),
    ...(national ? [...topBottomBlocks(input), ...chartBlock(input, 'trend'), ...chartBlock(input, 'rank-N10')] : []),
    placeholder('Nêu các hoạt động truyền thông nổi bật, cách làm hay, sáng tạo, hiệu quả trong tháng. (Đối với hoạt động lễ ra quân, ghi rõ số cuộc, kết quả phát triển người tham gia).'),
    heading(2, '2. Một số khó khăn, vướng mắc'),
    placeholder('Nêu những khó khăn, vướng mắc trong tháng.'),
    heading(2, '3. Đề xuất, kiến nghị'),
    placeholder('Nêu các đề xuất, kiến nghị.'),
  ];
}

/** One Decision 294 target sentence: `- Tỷ lệ …: 45,2 % (120/265), chưa đạt mục tiêu 50,0 % (…)`. */
function targetSentence(input: DraftInput, code: TargetCode, id: IndicatorId): Block[] {
  const v = indicatorOf(input.current, id);
  const { total, achieved } = targetRow(input.current, code);
  const label = TARGETS.find((t) => t.code === code)!.label.vi;
  const verdict = targetVerdict(v);
  const text =
    v?.value == null
      ? `- ${label}: ${'chưa có số liệu'}.`
      : `- ${label}: ${count(achieved)}/${count(total)}, đạt tỷ lệ ${indicatorText(id, v.value)}${indicatorCompared(input, id)}${verdict ? `; ${verdict}` : ''}.`;
  return [figures(text), ...provincesAgainstTarget(input, id)];
}

/** The targets sheet as a table: total, achieved, %, target %, verdict. */
function targetsTable(input: DraftInput): DraftTable {
  const rows = TARGETS.map((t, i) => {
    const id = `N0${i + 1}` as IndicatorId;
    const { total, achieved } = targetRow(input.current, t.code);
    const v = indicatorOf(input.current, id);
    const met = v?.value == null || v.target === null ? '' : v.value >= v.target ? 'Đạt' : 'Chưa đạt';
    const isCount = t.code === 'T7';
    return {
      cells: [
        t.code,
        t.label.vi,
        isCount ? '' : count(total),
        count(achieved),
        isCount ? '' : v?.value == null ? '' : percent(v.value),
        v?.target == null ? '' : isCount ? `${indicatorText(id, v.target)}/tỉnh` : percent(v.target),
        met,
      ],
    };
  });
  return {
    title: 'Kết quả thực hiện các mục tiêu (bảng Mục tiêu đính kèm)',
    header: ['Mã', 'Mục tiêu', 'Tổng số', 'Đã thực hiện', 'Tỷ lệ', 'Mục tiêu', 'Đánh giá'],
    rows,
    widths: [6, 40, 13, 13, 10, 11, 11],
    fontSize: 11,
    numeric: [false, false, true, true, true, true, false],
  };
}

function section2(input: DraftInput): Block[] {
  const year = input.current.period.year;
  return [
    heading(2, `2. Kết quả thực hiện các mục tiêu năm ${year} theo Quyết định số 294/QĐ-LĐTBXH về việc phê duyệt Kế hoạch tuyên truyền BHXH đến năm 2025`),
    ...comparisonNote(input),
    heading(3, '2.1. Kết quả thực hiện mục tiêu về nhân lực'),
    ...targetSentence(input, 'T1', 'N01'),
    ...targetSentence(input, 'T2', 'N02'),
    heading(3, '2.2. Kết quả thực hiện mục tiêu về chủ thể được truyền thông'),
    ...targetSentence(input, 'T3', 'N03'),
    ...targetSentence(input, 'T4', 'N04'),
    ...targetSentence(input, 'T5', 'N05'),
    table(targetsTable(input)),
    ...chartBlock(input, 'map-N04'),
    ...chartBlock(input, 'rank-N04'),
  ];
}

function section3(input: DraftInput): Block[] {
  const f = (c: number, noun: string) => figure(input, F03(c), noun);
  const t7 = targetRow(input.current, 'T7').achieved;
  const n07 = indicatorOf(input.current, 'N07');
  const n06 = indicatorOf(input.current, 'N06');
  const t6 = targetRow(input.current, 'T6');
  const perProvince = input.level === 'national' && n07?.value != null ? `, bình quân ${indicatorText('N07', n07.value)} hội nghị/tỉnh` : '';
  const n07Verdict = targetVerdict(n07, input.level === 'national' ? ' hội nghị/tỉnh' : ' hội nghị');
  const n06Verdict = targetVerdict(n06);
  return [
    heading(2, '3. Công tác tổ chức các hội nghị truyền thông, truyền thông nhóm nhỏ'),
    figures(
      `- Số đơn vị sở, ban, ngành, tổ chức chính trị - xã hội phối hợp truyền thông: ${count(formValue(input.current, F03(2)))} đơn vị ký quy chế phối hợp, ` +
        `${count(formValue(input.current, F03(3)))} đơn vị ký hợp đồng triển khai.`,
    ),
    figures(
      `- ${within(input)}, ${actor(input)} đã tổ chức ${f(4, 'hội nghị truyền thông')} với ${f(5, 'người tham dự')} ` +
        `(bình quân ${indicatorText('N09', indicatorOf(input.current, 'N09')?.value)} người/hội nghị); ` +
        `trong đó ${f(6, 'hội nghị khách hàng')} (chiếm ${indicatorText('N10', indicatorOf(input.current, 'N10')?.value)} số hội nghị).`,
    ),
    figures(`- Tổ chức ${f(7, 'cuộc truyền thông nhóm nhỏ, gặp trực tiếp')} với ${f(8, 'lượt người được truyền thông')}.`),
    columnsReference([2, 3, 4, 5, 6, 7, 8], '03'),
    figures('- Kết quả thực hiện một số chỉ tiêu tại Kế hoạch:'),
    figures(
      `+ Số hội nghị truyền thông, phổ biến, tư vấn, đối thoại trực tiếp với người lao động, người sử dụng lao động tại các doanh nghiệp: ` +
        `${count(t7)} hội nghị${perProvince}${n07Verdict ? `; ${n07Verdict}` : ''}.`,
    ),
    ...provincesAgainstTarget(input, 'N07'),
    figures(
      `+ Tỷ lệ xã, phường, đặc khu trên địa bàn có tổ chức hội nghị truyền thông: ${count(t6.achieved)}/${count(t6.total)} xã, ` +
        `đạt ${indicatorText('N06', n06?.value)}${indicatorCompared(input, 'N06')}${n06Verdict ? `; ${n06Verdict}` : ''}.`,
    ),
    ...provincesAgainstTarget(input, 'N06'),
    ...chartBlock(input, 'rank-N06'),
    ...chartBlock(input, 'trend'),
    placeholder('Đánh giá hiệu quả, khó khăn, vướng mắc và đề xuất giải pháp.'),
  ];
}

function section4(input: DraftInput): Block[] {
  const n12 = indicatorOf(input.current, 'N12');
  const verdict = targetVerdict(n12, ' lượt/xã/tuần');
  return [
    heading(2, '4. Truyền thông trên các phương tiện thông tin đại chúng'),
    placeholder('Số lượng các đơn vị ký hợp đồng phối hợp truyền thông (số đơn vị báo đài Trung ương, số đơn vị báo đài địa phương); số lượt cung cấp thông tin cho các cơ quan báo chí (qua email, hội nghị, văn bản,…).'),
    figures(`- Thực hiện ${figure(input, F03(9), 'tin, bài, phóng sự trên báo chí, phát thanh, truyền hình')}.`),
    figures(
      `- Phát ${figure(input, F03(16), 'lượt trên loa truyền thanh cơ sở')}, bình quân ${indicatorText('N12', n12?.value)} lượt/xã/tuần` +
        `${indicatorCompared(input, 'N12')}${verdict ? `; ${verdict}` : ''}.`,
    ),
    ...provincesAgainstTarget(input, 'N12'),
    columnsReference([9, 16], '03'),
    placeholder('Nêu rõ số lượt phát thanh về BHXH tự nguyện.'),
    placeholder('Đánh giá hiệu quả, khó khăn, vướng mắc và đề xuất giải pháp.'),
  ];
}

function formSections(input: DraftInput): Block[] {
  const f = (c: number, noun: string) => figure(input, F03(c), noun);
  const g = (c: number, noun: string) => figure(input, F04(c), noun);
  const n08 = indicatorOf(input.current, 'N08');
  const n11 = indicatorOf(input.current, 'N11');
  return [
    heading(2, '5. Truyền thông trên Cổng thông tin điện tử của BHXH tỉnh'),
    figures(
      `- Đăng tải ${f(17, 'tin, bài')}; ${f(18, 'sản phẩm infographic, video, motion graphic')}; tổ chức ${f(19, 'cuộc giao lưu, hỏi đáp trực tuyến')}.`,
    ),
    figures(`- Cổng thông tin điện tử có ${f(20, 'lượt truy cập')}.`),
    columnsReference([17, 18, 19, 20], '03'),
    placeholder('Đánh giá hiệu quả, khó khăn, vướng mắc và đề xuất giải pháp.'),

    heading(2, '6. Truyền thông trên môi trường Internet, mạng xã hội'),
    figures(`- Tổng số trang mạng xã hội của đơn vị (Fanpage, Zalo OA, YouTube,…): ${count(formValue(input.current, F03(10)))} trang.`),
    figures(
      `- Tổ chức ${f(11, 'hội nghị trực tuyến, livestream')}; ${f(12, 'lượt đăng tải, chia sẻ sản phẩm truyền thông trên trang của đơn vị')}; ` +
        `${f(13, 'lượt đăng tải, chia sẻ của công chức, viên chức')}; trả lời ${f(14, 'câu hỏi, bình luận')}.`,
    ),
    columnsReference([10, 11, 12, 13, 14], '03'),
    placeholder('Các hình thức truyền thông hay, hiệu quả, sáng tạo (nếu có); đánh giá những ưu điểm, hạn chế của hoạt động này và đề xuất giải pháp.'),

    heading(2, '7. Truyền thông qua các sản phẩm truyền thông (tờ rơi, tờ gấp, băng rôn, phướn, sản phẩm truyền thông online,…)'),
    figures(`- Phát hành ${f(15, 'sản phẩm truyền thông')}.`),
    columnsReference([15], '03'),
    placeholder('Số lượng từng loại sản phẩm đã phát hành, thời điểm phát hành; số đợt tuyên truyền trực quan; đánh giá ưu điểm, hạn chế và đề xuất giải pháp.'),

    heading(2, '8. Truyền thông qua nhân vật thực tế, các hoạt động thiện nguyện; qua sơ kết, tổng kết các hoạt động truyền thông, bồi dưỡng, tập huấn và các hoạt động tuyên truyền khác'),
    figures(
      `- Vận động ${g(1, 'nhân vật thực tế tham gia truyền thông')}; trao tặng ${g(2, 'sổ BHXH, thẻ BHYT cho người có hoàn cảnh khó khăn')}; ` +
        `duy trì ${count(formValue(input.current, F04(3)))} cộng tác viên tuyên truyền.`,
    ),
    columnsReference([1, 2, 3], '04'),
    placeholder('Các phong trào thi đua, hoạt động sơ kết, tổng kết các hoạt động truyền thông, bồi dưỡng, tập huấn và các hoạt động tuyên truyền khác.'),

    heading(2, '9. Truyền thông qua các đợt truyền thông cao điểm theo chủ đề, chuyên đề, theo chiến dịch'),
    placeholder('Số đợt truyền thông cao điểm; nội dung trọng tâm; hình thức, thời gian thực hiện; nhóm chủ thể hướng đến; số Lễ ra quân, số người phát triển qua các lễ ra quân.'),

    heading(2, '10. Công tác chỉ đạo, kiểm tra, hướng dẫn BHXH cơ sở; kết quả triển khai các hoạt động truyền thông thực hiện chính sách, pháp luật BHXH, BHYT tại BHXH cơ sở'),
    figures(
      `- Ban hành ${g(4, 'văn bản chỉ đạo, hướng dẫn')}; tổ chức ${g(5, 'cuộc kiểm tra, hướng dẫn')} tại ${count(formValue(input.current, F04(6)))} đơn vị BHXH cơ sở, ` +
        `đạt ${indicatorText('N08', n08?.value)} tổng số BHXH cơ sở${n08?.denominator != null ? ` (${count(n08.denominator)} đơn vị)` : ''}${indicatorCompared(input, 'N08')}.`,
    ),
    columnsReference([4, 5, 6], '04'),
    placeholder('Kết quả kiểm tra, hướng dẫn; kết quả triển khai truyền thông tại BHXH cơ sở; những khó khăn, vướng mắc và đề xuất giải pháp.'),

    heading(2, '11. Tình hình sử dụng kinh phí'),
    placeholder('Tình hình sử dụng kinh phí. (Số liệu chi tiết tại phụ lục đính kèm)'),

    heading(2, '12. Đánh giá chung'),
    figures('- Những kết quả đạt được'),
    placeholder('Đánh giá kết quả, hiệu quả của công tác thông tin, truyền thông gắn với các mục đích, chỉ tiêu đã đề ra (tác động đến công tác phát triển đối tượng, thay đổi nhận thức của người dân đối với chính sách BHXH, BHYT, BHTN,…).'),
    figures(
      `Kết quả phát triển người tham gia: ${figure(input, { form: 'F04', columns: [7, 8] }, 'người tham gia mới')}, gồm ${g(7, 'người tham gia BHXH tự nguyện')} ` +
        `và ${g(8, 'người tham gia BHYT hộ gia đình')}; trong đó ${g(9, 'người phát triển qua hội nghị, lễ ra quân')} ` +
        `(bình quân ${indicatorText('N11', n11?.value)} người/hội nghị khách hàng).`,
    ),
    columnsReference([7, 8, 9], '04'),
    ...topBottomBlocks(input),
    ...chartBlock(input, 'effectiveness'),
    figures('- Những khó khăn, vướng mắc, hạn chế'),
    placeholder('Nêu những khó khăn, vướng mắc, hạn chế.'),
  ];
}

export function periodicBody(input: DraftInput): Block[] {
  const national = input.level === 'national';
  const general = national
    ? [
        heading(2, '1. Tình hình gửi báo cáo của BHXH các tỉnh, thành phố'),
        ...completenessBlocks(input),
        heading(2, '2. Đặc điểm tình hình'),
        placeholder('Đặc điểm tình hình có tác động đến hoạt động truyền thông chính sách, pháp luật BHXH, BHTN, BHYT.'),
        heading(2, '3. Thuận lợi'),
        placeholder('Nêu những thuận lợi.'),
        heading(2, '4. Khó khăn'),
        placeholder('Nêu những khó khăn.'),
      ]
    : [
        heading(2, '1. Đặc điểm tình hình'),
        placeholder('Đặc điểm dân cư, tôn giáo, tình hình kinh tế - xã hội,… của tỉnh (chú ý những đặc điểm có tác động đến hoạt động truyền thông chính sách, pháp luật BHXH, BHTN, BHYT).'),
        heading(2, '2. Thuận lợi'),
        placeholder('Nêu những thuận lợi.'),
        heading(2, '3. Khó khăn'),
        placeholder('Nêu những khó khăn.'),
      ];
  const next = input.current.period.kind === 'half' ? '6 THÁNG CUỐI NĂM' : 'NĂM TIẾP THEO';
  return [
    heading(1, 'I. TÌNH HÌNH CHUNG'),
    ...general,
    heading(1, 'II. KẾT QUẢ THỰC HIỆN CÔNG TÁC THÔNG TIN, TRUYỀN THÔNG'),
    heading(2, '1. Công tác báo cáo, tham mưu, tranh thủ sự lãnh đạo, chỉ đạo của cấp ủy, chính quyền trong hoạt động truyền thông thực hiện chính sách, pháp luật BHXH, BHYT'),
    figures(
      `- ${within(input)}, ${actor(input)} đã tham mưu ${figure(input, F03(1), 'văn bản')} cho cấp ủy, chính quyền chỉ đạo thực hiện chính sách BHXH, BHYT, trong đó có công tác truyền thông.`,
    ),
    columnsReference([1], '03'),
    placeholder('Tên các văn bản đã tham mưu và tác động đến hoạt động truyền thông; công tác tham mưu đưa chỉ tiêu phát triển người tham gia BHXH, BHYT vào chỉ tiêu phát triển kinh tế - xã hội của địa phương; văn bản do đơn vị ban hành chỉ đạo, hướng dẫn.'),
    ...section2(input),
    ...section3(input),
    ...section4(input),
    ...formSections(input),
    heading(1, 'III. CÁC CÁCH LÀM HAY, HÌNH THỨC TRUYỀN THÔNG HIỆU QUẢ TRÊN ĐỊA BÀN'),
    placeholder('Nêu rõ các cách làm hay, hình thức truyền thông hiệu quả; hình thức truyền thông đối với các nhóm chủ thể tiềm năng, nhóm chủ thể đặc thù (đồng bào dân tộc thiểu số, chức sắc, chức việc, già làng, trưởng bản, người có uy tín,…).'),
    heading(1, `IV. KẾ HOẠCH TRUYỀN THÔNG ${next}`),
    placeholder('Căn cứ Kế hoạch công tác thông tin, truyền thông năm của BHXH Việt Nam và đặc điểm tình hình tại địa phương.'),
    heading(1, 'V. NHỮNG GIẢI PHÁP ĐẨY MẠNH CÔNG TÁC TRUYỀN THÔNG BHXH, BHYT GIAI ĐOẠN TỚI'),
    placeholder('Nêu các giải pháp.'),
    heading(1, 'VI. ĐỀ XUẤT, KIẾN NGHỊ'),
    placeholder('Những đề xuất, kiến nghị cụ thể để bảo đảm triển khai các hoạt động truyền thông; về nguồn nhân lực làm công tác truyền thông;…'),
  ];
}
