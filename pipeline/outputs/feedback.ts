/**
 * Feedback for each province, `phan-hoi/<code>_<period>.xlsx`, in Vietnamese and ready to email:
 * the status of its file(s), every open issue with sheet, cell, what to fix and the value
 * found, its indicators beside the nation's, the target and its rank, and what changed since its
 * previous submission. One file per province expected in the period or that sent something.
 */
import { join } from 'node:path';
import { viDate, viNumber, vietnamTime } from '../../core/format';
import { INDICATOR_BY_ID, type IndicatorValue } from '../../core/indicators';
import type { CellModel, SheetModel, WorkbookModel } from '../../core/layout';
import { periodLabel, type Period } from '../../core/periods';
import { statusDetail, UNIT_STATUS_TEXT, type UnitStatus } from '../../core/unit-status';
import { NATIONAL_CODE } from '../../core/units';
import type { CellChange } from '../../core/revisions';
import { SEVERITIES, SEVERITY_NAME } from '../../core/submission';
import type { SubmissionStatus } from '../warehouse/schema';
import { ruleDescription, type ValidationEntry } from './validation';
import type { WorkbookFile } from './render-jobs';

export const FEEDBACK_DIR = 'phan-hoi';

/** A file the province sent for the period. */
export interface FeedbackFile {
  fileName: string;
  reportDate: string | null;
  receivedAt: string;
  status: SubmissionStatus;
  errors: number;
  warnings: number;
  overrideReason: string | null;
}

export interface ProvinceFeedback {
  status: UnitStatus;
  /** False for a unit that sent files without being expected in the period. */
  expected: boolean;
  files: FeedbackFile[];
  /** Its open issues, exactly as `validation.csv` lists them for it. */
  issues: ValidationEntry[];
  /** The period's indicators for every unit (the nation and the provinces). */
  indicators: readonly IndicatorValue[];
  /** Cells changed since its previous accepted submission; null when this is its first. */
  changes: { from: string; to: string; cells: CellChange[] } | null;
}

const FILE_STATUS_TEXT: Record<SubmissionStatus, string> = {
  current: 'Đang được dùng để tổng hợp',
  superseded: 'Đã được thay bằng bản nộp sau',
  refused: 'Bị từ chối, chưa được tổng hợp',
};

const text = (value: string | number | null, style: CellModel['style'] = 'unit'): CellModel => ({ value, style });
const head = (...titles: string[]): CellModel[] => titles.map((t) => text(t, 'header'));

/** `wideRows`: rows whose second cell spans the rest of the table (a status or a sentence next to its label). */
function sheet(name: string, cells: (CellModel | null)[][], columnWidths: number[], headerRow: number, titled = false, wideRows: number[] = []): SheetModel {
  return {
    name,
    state: 'visible',
    cells,
    // A title spans the table below it (a centred title in one cell would spill off the page).
    merges: [
      ...(titled ? [{ top: 1, left: 1, bottom: 1, right: columnWidths.length }] : []),
      ...wideRows.map((row) => ({ top: row, left: 2, bottom: row, right: columnWidths.length })),
    ],
    columnWidths,
    rowHeights: [],
    frozen: { rows: headerRow, columns: 0 },
    validations: [],
    unlocked: [],
    greyed: [],
    protect: false,
    print: { orientation: 'landscape', paperSize: 'A4', fitToWidth: true, titleRows: `${headerRow}:${headerRow}` },
  };
}

function summarySheet(period: Period, f: ProvinceFeedback, producedAt: string): SheetModel {
  const s = f.status;
  const t = UNIT_STATUS_TEXT[s.status];
  const counts = SEVERITIES.map((sev) => `${SEVERITY_NAME[sev].vi}: ${f.issues.filter((i) => i.severity === sev).length}`).join(' · ');
  const files = f.files.map((file) => [
    text(file.fileName),
    text(file.reportDate ? viDate(file.reportDate) : ''),
    text(vietnamTime(file.receivedAt)),
    text(FILE_STATUS_TEXT[file.status]),
    text(file.errors, 'targetCount'),
    text(file.warnings, 'targetCount'),
    text(file.overrideReason ?? ''),
  ]);
  return sheet(
    'Phản hồi',
    [
      [text(`PHẢN HỒI KẾT QUẢ TỔNG HỢP BÁO CÁO CÔNG TÁC TRUYỀN THÔNG — ${periodLabel(period).vi.toLocaleUpperCase('vi')}`, 'title')],
      [text(`Kính gửi: BHXH ${s.unitName} (mã ${s.unitCode})`, 'meta')],
      [text(`Lập lúc: ${vietnamTime(producedAt)}`, 'meta')],
      [],
      [text('Tình trạng', 'label'), text(`${t.glyph} ${t.vi}`, 'totalLabel')],
      [text('Chi tiết', 'label'), text(statusDetail(s).vi || (s.status === 'missing' ? 'Chưa nhận được báo cáo nào của đơn vị cho kỳ này.' : ''), 'meta')],
      [text('Vấn đề cần xem', 'label'), text(`${counts} (trang "Vấn đề")`, 'meta')],
      f.expected
        ? []
        : [text('Lưu ý', 'label'), text(`Mã ${s.unitCode} không thuộc danh sách đơn vị phải báo cáo ${periodLabel(period).vi}: báo cáo bằng mẫu của đơn vị hiện hành rồi gửi lại.`, 'meta')],
      head('Tệp đã nhận', 'Ngày báo cáo', 'Nhận lúc', 'Kết quả', 'Số lỗi', 'Số cảnh báo', 'Lý do giải trình'),
      ...(files.length ? files : [[text('Chưa nhận được tệp nào.')]]),
      [],
      [text('Lỗi phải sửa rồi gửi lại tệp; cảnh báo cần kiểm tra lại số liệu; thông tin để đơn vị biết. Tệp gửi lại sẽ thay cho tệp trước khi được chấp nhận.', 'note')],
    ],
    [34, 16, 30, 30, 9, 11, 40],
    9,
    true,
    f.expected ? [5, 6, 7] : [5, 6, 7, 8],
  );
}

function issuesSheet(f: ProvinceFeedback): SheetModel {
  const rows = f.issues.map((i) => [
    text(SEVERITY_NAME[i.severity].vi),
    text(i.rule),
    text(i.file ?? ''),
    text(i.sheet ?? ''),
    text(i.cell ?? ''),
    text(i.message.vi),
    text(ruleDescription(i.rule)?.vi ?? ''),
    text(i.valueFound ?? ''),
  ]);
  return sheet(
    'Vấn đề',
    [
      head('Mức độ', 'Quy tắc', 'Tệp', 'Trang tính', 'Ô', 'Nội dung', 'Cần sửa để', 'Giá trị tìm thấy'),
      ...(rows.length ? rows : [[text('Không có vấn đề nào.')]]),
    ],
    [10, 8, 26, 12, 7, 60, 50, 16],
    1,
  );
}

/** Rank among the provinces with a value, highest first: `3/33`. */
function rankOf(values: readonly IndicatorValue[], unitCode: string, indicator: string): string {
  const own = values.find((v) => v.unitCode === unitCode && v.indicator === indicator)?.value ?? null;
  if (own === null) return '';
  const ranked = values.filter((v) => v.indicator === indicator && v.unitCode !== NATIONAL_CODE && v.value !== null);
  return `${1 + ranked.filter((v) => v.value! > own).length}/${ranked.length}`;
}

function indicatorsSheet(f: ProvinceFeedback): SheetModel {
  const code = f.status.unitCode;
  const ids = [...new Set(f.indicators.map((v) => v.indicator))];
  const find = (unit: string, id: string) => f.indicators.find((v) => v.unitCode === unit && v.indicator === id);
  const rows = ids.map((id) => {
    const def = INDICATOR_BY_ID[id];
    const style = def.unit === 'percent' ? 'percent' : 'ratio';
    const own = find(code, id);
    const nation = find(NATIONAL_CODE, id);
    const target = own?.target ?? nation?.target ?? null;
    const met = own?.value == null || target === null ? '' : own.value >= target ? '✓ Đạt' : '✗ Chưa đạt';
    return [
      text(id),
      text(def.label.vi),
      { value: own?.value ?? null, style } as CellModel,
      { value: nation?.value ?? null, style } as CellModel,
      { value: target, style: def.unit === 'percent' ? 'target' : 'targetCount' } as CellModel,
      text(rankOf(f.indicators, code, id)),
      text(met),
    ];
  });
  return sheet(
    'Chỉ số',
    [
      head('Mã', 'Chỉ số', 'Của đơn vị', 'Toàn quốc', 'Mục tiêu', 'Xếp hạng', 'So với mục tiêu'),
      ...rows,
      [],
      [text('Xếp hạng: thứ tự của đơn vị trong các tỉnh có số liệu (cao nhất là 1). Ô trống: chưa có số liệu.', 'note')],
    ],
    [6, 60, 13, 13, 11, 10, 14],
    1,
  );
}

function changesSheet(f: ProvinceFeedback): SheetModel {
  const c = f.changes;
  const intro = c
    ? `So sánh bản đang dùng ${c.to} với bản nộp trước ${c.from}: ${viNumber(c.cells.length)} ô thay đổi.`
    : f.status.current
      ? 'Đây là bản nộp đầu tiên được chấp nhận của đơn vị cho kỳ này.'
      : 'Chưa có bản nộp nào được chấp nhận để so sánh.';
  const rows = (c?.cells ?? []).map((x) => [text(x.sheet), text(x.cell), text(x.rowCode), text(x.old, 'targetCount'), text(x.new, 'targetCount')]);
  return sheet('Thay đổi', [[text(intro, 'note')], [], head('Trang tính', 'Ô', 'Đơn vị / dòng', 'Bản trước', 'Bản đang dùng'), ...rows], [14, 8, 14, 14, 14], 3);
}

function feedbackWorkbook(period: Period, f: ProvinceFeedback, producedAt: string): WorkbookModel {
  return { sheets: [summarySheet(period, f, producedAt), issuesSheet(f), indicatorsSheet(f), changesSheet(f)] };
}

/** Every province's file, `<outDir>/phan-hoi/<code>_<P>.xlsx`, as the model to write. */
export function feedbackWorkbooks(outDir: string, period: Period, all: readonly ProvinceFeedback[], producedAt: string): WorkbookFile[] {
  return all.map((f) => ({ path: join(outDir, FEEDBACK_DIR, `${f.status.unitCode}_${period.code}.xlsx`), model: feedbackWorkbook(period, f, producedAt) }));
}
