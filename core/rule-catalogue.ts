/**
 * Every rule an issue can carry, declared once (the DHIS2 way): its severity, what it checks,
 * how the clerk fixes it, and whether a sheet carrying it is unsafe for the add-in to rebuild
 * (the reader may not have placed every value, so a rebuild would lose figures). The reader,
 * the rule engine, the pipeline and the add-in take severities and texts from here; `RuleId`
 * is the only way to name a rule in code.
 *
 * L: layout, found by the reader (core/reader/, core/xlsx/guard/). V: figures, the rule
 * engine (core/rules.ts, docs/FORMS.md). P: files of a consolidation (pipeline/ingest). Q: checks
 * across files (pipeline/cross-file).
 */
import type { Text } from './forms';

export type Severity = 'error' | 'warning' | 'info';

export interface RuleDef {
  severity: Severity;
  /** What the rule checks, for help pages and report legends. */
  title: Text;
  /** How the clerk makes the file pass. */
  fix: Text;
  unsafeToRebuild: boolean;
}

const rule = (severity: Severity, title: Text, fix: Text, unsafeToRebuild = false): RuleDef => ({ severity, title, fix, unsafeToRebuild });

const CHECK_FIGURES: Text = { vi: 'Kiểm tra lại số liệu', en: 'Check the figures' };
const RESEND: Text = { vi: 'Sửa theo thông báo rồi gửi lại tệp', en: 'Correct as the message says and send the file again' };
const FROM_TEMPLATE: Text = {
  vi: 'Không chèn, xóa hay đổi số thứ tự cột của biểu mẫu; nếu cần, chép số liệu sang mẫu trắng (npm run template hoặc add-in) rồi gửi lại',
  en: "Do not insert, delete or renumber the form's columns; if needed, copy the figures into a blank template (npm run template or the add-in) and send it again",
};
const NOTHING: Text = { vi: 'Không cần làm gì', en: 'Nothing to do' };

export const RULES = {
  L00: rule('error', { vi: 'Không đọc được tệp', en: 'File cannot be read' }, { vi: 'Mở tệp bằng Excel, lưu dạng Sổ làm việc Excel (.xlsx) rồi gửi lại', en: 'Open the file in Excel, save it as an Excel Workbook (.xlsx) and send it again' }),
  L01: rule('error', { vi: 'Thiếu trang tính', en: 'Missing sheet' }, { vi: 'Thêm trang còn thiếu từ mẫu (giữ đúng tên trang) rồi gửi lại', en: 'Add the missing sheet from the template (keep its name) and send again' }),
  L02: rule('error', { vi: 'Không tìm thấy hàng số thứ tự cột (1), (2), …', en: 'No column-number row (1), (2), …' }, FROM_TEMPLATE, true),
  L03: rule('error', { vi: 'Bảng bị lệch cột', en: 'Shifted columns' }, FROM_TEMPLATE, true),
  L04: rule('error', { vi: 'Thiếu cột', en: 'Missing column' }, FROM_TEMPLATE, true),
  L05: rule('error', { vi: 'Hai cột cùng số thứ tự', en: 'Duplicate column number' }, { vi: 'Xóa cột thừa hoặc sửa số thứ tự cột cho đúng mẫu', en: 'Delete the extra column or correct its number' }, true),
  L06: rule('error', { vi: 'Không có hàng Tổng cộng', en: 'No total row' }, { vi: 'Thêm hàng "Tổng cộng" ở cuối bảng', en: 'Add the "Tổng cộng" (total) row at the end of the table' }),
  L07: rule('error', { vi: 'Hàng không có mã đơn vị', en: 'Row without a unit code' }, { vi: 'Ghi mã đơn vị vào cột B của hàng, hoặc xóa hàng thừa', en: 'Enter the unit code in column B of the row, or delete the row' }, true),
  L08: rule('error', { vi: 'Trùng hàng', en: 'Duplicate row' }, { vi: 'Gộp hai hàng của cùng đơn vị thành một', en: "Merge the unit's two rows into one" }, true),
  L09: rule('info', { vi: 'Bảng ở vị trí khác mẫu', en: 'Table moved' }, NOTHING),
  L10: rule('error', { vi: 'Ngày báo cáo không hợp lệ', en: 'Unreadable report date' }, { vi: 'Nhập ngày báo cáo dạng dd/mm/yyyy', en: 'Enter the report date as dd/mm/yyyy' }),
  L11: rule('error', { vi: 'Mã đơn vị hoặc kỳ báo cáo không thống nhất', en: 'Unit code or period disagree' }, { vi: 'Sửa phần đầu các trang cho cùng mã đơn vị và kỳ báo cáo', en: 'Make the title blocks of all sheets show the same unit and period' }),
  L12: rule('error', { vi: 'Công thức chưa có kết quả', en: 'Formula without a saved result' }, { vi: 'Mở tệp bằng Excel rồi lưu lại để kết quả công thức được lưu trong tệp', en: "Open and save the file in Excel so that the formulas' results are stored" }),
  L13: rule('error', { vi: 'Hai trang tính cho cùng một biểu', en: 'Two sheets for one form' }, { vi: 'Xóa trang thừa, đặt tên trang còn lại đúng tên biểu', en: 'Delete the sheet not wanted and give the other the form’s name' }, true),
  L14: rule('error', { vi: 'Tệp vượt giới hạn của một biểu mẫu', en: 'File beyond the limits of a form' }, { vi: 'Chép số liệu sang mẫu trắng rồi gửi lại', en: 'Copy the figures into a blank template and send it again' }),
  L15: rule('error', { vi: 'Tệp có cấu trúc không an toàn', en: 'Unsafe file structure' }, { vi: 'Chép số liệu sang mẫu trắng rồi gửi lại', en: 'Copy the figures into a blank template and send it again' }),
  L16: rule('warning', { vi: 'Bản sao trang tính giống hệt, không đọc', en: 'Identical copy of a sheet, not read' }, { vi: 'Có thể xóa bản sao', en: 'The copy may be deleted' }),
  L17: rule('warning', { vi: 'Trang báo cáo bị ẩn', en: 'Report sheet hidden' }, { vi: 'Hiện trang (Unhide) để kiểm tra số liệu', en: 'Unhide the sheet to check its figures' }),
  L18: rule('warning', { vi: 'Siêu dữ liệu ẩn đã cũ', en: 'Hidden metadata out of date' }, { vi: 'Làm mới bằng add-in để cập nhật siêu dữ liệu', en: 'Refresh with the add-in to update the metadata' }),
  L19: rule('warning', { vi: 'Cột ngoài biểu mẫu, không đọc', en: 'Column beyond the form, not read' }, { vi: 'Có thể xóa cột này', en: 'The column may be deleted' }, true),
  L20: rule('warning', { vi: 'Hàng Tổng cộng nằm trên các hàng đơn vị', en: 'Total row above the unit rows' }, { vi: 'Chuyển hàng Tổng cộng xuống cuối bảng', en: 'Move the total row to the end of the table' }),

  V01: rule('error', { vi: 'Mỗi ô để trống hoặc là số nguyên từ 0 đến 10.000.000', en: 'Every value blank or a whole number 0 … 10,000,000' }, { vi: 'Để trống hoặc nhập số nguyên (không nhập chữ, số thập phân, số âm)', en: 'Leave blank or enter a whole number (no text, decimals or negatives)' }),
  V02: rule('error', { vi: 'Mẫu 03: cột (6) ≤ cột (4)', en: 'Form 03: col 6 ≤ col 4' }, RESEND),
  V03: rule('error', { vi: 'Mẫu 03: có hội nghị thì người tham dự (5) ≥ số hội nghị (4)', en: 'Form 03: col 4 > 0 ⇒ col 5 ≥ col 4' }, RESEND),
  V04: rule('warning', { vi: 'Mẫu 03: cột (5) ≤ 500 × cột (4)', en: 'Form 03: col 5 ≤ 500 × col 4' }, CHECK_FIGURES),
  V05: rule('error', { vi: 'Mẫu 03: cột (8) ≥ cột (7)', en: 'Form 03: col 8 ≥ col 7' }, RESEND),
  V06: rule('warning', { vi: 'Mẫu 03: cột (8) ≤ 50 × cột (7)', en: 'Form 03: col 8 ≤ 50 × col 7' }, CHECK_FIGURES),
  V07: rule('warning', { vi: 'Mẫu 03: có lượt đăng tải (12) thì có trang mạng xã hội (10)', en: 'Form 03: col 12 > 0 ⇒ col 10 ≥ 1' }, CHECK_FIGURES),
  V08: rule('error', { vi: 'Mẫu 04: cột (6) ≤ cột (5)', en: 'Form 04: col 6 ≤ col 5' }, RESEND),
  V09: rule('error', { vi: 'Mẫu 04: cột (6) ≤ số BHXH cơ sở của đơn vị', en: 'Form 04: col 6 ≤ local offices of the unit' }, RESEND),
  V10: rule('error', { vi: 'Mẫu 04: cột (9) ≤ cột (7) + cột (8)', en: 'Form 04: col 9 ≤ col 7 + col 8' }, RESEND),
  V11: rule('error', { vi: 'Mục tiêu: số đạt ≤ tổng số; có số đạt thì phải có tổng số', en: 'Targets: achieved ≤ total; achieved > 0 ⇒ total > 0' }, RESEND),
  V12: rule('error', { vi: 'Dòng Tổng cộng bằng tổng các dòng đơn vị', en: 'Total row equals the sum of the unit rows' }, { vi: 'Dùng công thức SUM của mẫu ở hàng Tổng cộng, hoặc sửa số cho khớp', en: "Use the template's SUM formula in the total row, or correct the figures" }),
  V13: rule('warning', { vi: 'Cột chỉ dành cho BHXH tỉnh để trống hoặc 0 ở dòng BHXH cơ sở', en: 'Provincial-only columns blank or 0 on local-office rows' }, { vi: 'Chuyển số liệu sang dòng Văn phòng BHXH tỉnh', en: "Move the figure to the provincial office's row" }),
  V14: rule('error', { vi: 'Mã đơn vị hợp lệ trong kỳ, kỳ báo cáo đúng dạng, có ngày báo cáo', en: 'Unit valid for the period, period well formed, report date present' }, { vi: 'Dùng mẫu của đúng đơn vị và kỳ (npm run template hoặc add-in)', en: 'Use the template of the right unit and period (npm run template or the add-in)' }),
  V15: rule('error', { vi: 'Báo cáo 6 tháng, năm có đủ các dòng mục tiêu T1–T7', en: 'Six-month and annual reports carry target rows T1–T7' }, { vi: 'Điền trang "Mục tiêu" đủ T1–T7', en: 'Fill in the targets sheet, T1–T7' }),

  P01: rule('error', { vi: 'Kỳ báo cáo của tệp khác kỳ đang tổng hợp', en: 'The file reports another period than the one consolidated' }, { vi: 'Đặt tệp vào thư mục của đúng kỳ', en: "Put the file in its period's folder" }),
  P02: rule('error', { vi: 'Không đọc được tệp từ đĩa', en: 'The file cannot be read from disk' }, { vi: 'Kiểm tra quyền đọc tệp rồi chạy lại', en: 'Check the file can be read and run again' }),
  P03: rule('error', { vi: 'Tệp là báo cáo tổng hợp toàn quốc, không phải báo cáo của tỉnh', en: 'The file is a national consolidation, not a province report' }, { vi: 'Bỏ tệp này khỏi thư mục của các tỉnh', en: "Remove the file from the provinces' folder" }),
  P04: rule('info', { vi: 'Tệp .ods/.xls đã được LibreOffice chuyển sang .xlsx để đọc', en: 'An .ods/.xls file converted to .xlsx by LibreOffice to be read' }, { vi: 'Lần sau nên gửi tệp .xlsx', en: 'Next time send an .xlsx file' }),
  P05: rule('error', { vi: 'Tệp .ods/.xls không chuyển đổi được', en: 'An .ods/.xls file that could not be converted' }, { vi: 'Mở tệp, Lưu thành (Save As) Sổ làm việc Excel (.xlsx) rồi gửi lại', en: 'Open the file, Save As Excel Workbook (.xlsx) and send it again' }),
  P06: rule('info', { vi: 'Không phải sổ tính báo cáo', en: 'Not a report workbook' }, { vi: 'Không cần làm gì; báo cáo phải là tệp .xlsx', en: 'Nothing to do; reports are .xlsx files' }),
  P07: rule('info', { vi: 'Tệp khóa tạm của Excel/LibreOffice, bỏ qua', en: 'Temporary lock file, skipped' }, NOTHING),
  P08: rule('error', { vi: 'Báo cáo riêng của BHXH cơ sở', en: "A local office's own report" }, { vi: 'Tỉnh nhập tệp bằng add-in vào báo cáo của tỉnh', en: "The province imports the file with the add-in into its own report" }),

  Q01: rule('info', { vi: 'Báo cáo nộp lại: bản có ngày báo cáo sau được dùng, bản trước lưu lịch sử', en: 'Resubmission: the later report date wins, the earlier is kept' }, NOTHING),
  Q02: rule('warning', { vi: 'Số 6 tháng lệch quá 5% so với tổng các tháng', en: 'Six-month figures more than 5 % from the months' }, { vi: 'Kiểm tra lại số 6 tháng và các tháng', en: 'Check the six-month and monthly figures' }),
  Q03: rule('warning', { vi: 'Giá trị bất thường so với các kỳ trước của đơn vị', en: "Value far outside the unit's own history" }, { vi: 'Kiểm tra lại số liệu', en: 'Check the figure' }),
  Q04: rule('info', { vi: 'Báo cáo nộp muộn', en: 'Report after the deadline' }, { vi: 'Nộp đúng hạn ở kỳ sau', en: 'Report on time next period' }),
  Q05: rule('info', { vi: 'Đơn vị chưa nộp báo cáo', en: 'Expected unit without a submission' }, { vi: 'Nhắc đơn vị nộp báo cáo', en: 'Remind the unit to report' }),
  Q06: rule('warning', { vi: 'Hai báo cáo khác nhau cùng ngày báo cáo: bản đến sau được dùng', en: 'Two different reports of one date: the later arrival is used' }, { vi: 'Hỏi lại tỉnh bản nào đúng', en: 'Ask the province which is right' }),
  Q07: rule('warning', { vi: 'Báo cáo đến sau nhưng ghi ngày sớm hơn bản đã đến (ghi lùi ngày)', en: 'A report arriving later but dated before one already received (backdated)' }, { vi: 'Hỏi lại tỉnh ngày báo cáo đúng', en: 'Ask the province for the true report date' }),
} as const satisfies Record<string, RuleDef>;

export type RuleId = keyof typeof RULES;

export const RULE_IDS = Object.keys(RULES) as RuleId[];

export function severityOf(id: RuleId): Severity {
  return RULES[id].severity;
}

export function isRuleId(id: string): id is RuleId {
  return Object.prototype.hasOwnProperty.call(RULES, id);
}
