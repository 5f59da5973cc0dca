/**
 * Every text the pane shows, Vietnamese first. The pane speaks Vietnamese whatever Office's
 * display language (English Office is common in the provinces); the clerk switches to English
 * with the VI/EN buttons, and the choice is remembered on the machine (localStorage). Static
 * labels carry `data-i18n="<key>"` in taskpane.html (which holds the Vietnamese text, so the
 * page reads right before the script runs).
 */
import type { Text } from '../core/forms';
import { SEVERITY_NAME, type Severity } from '../core/submission';

export type Lang = 'vi' | 'en';

/** Where the clerk's choice of language is kept (per machine and per add-in origin). */
const LANGUAGE_KEY = 'bhxh-truyen-thong.lang';

type Store = Pick<Storage, 'getItem' | 'setItem'>;

/** The remembered language; Vietnamese unless English was chosen on this machine. */
export function storedLanguage(store: Store | null): Lang {
  try {
    return store?.getItem(LANGUAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi'; // storage refused (a locked-down web view): the default holds
  }
}

export function rememberLanguage(store: Store | null, lang: Lang): void {
  try {
    store?.setItem(LANGUAGE_KEY, lang);
  } catch {
    // Not remembered, but the switch still applies to this session.
  }
}

export const UI = {
  appTitle: { vi: 'Báo cáo truyền thông BHXH', en: 'BHXH communication report' },
  setupTitle: { vi: '1. Đơn vị và kỳ báo cáo', en: '1. Unit and period' },
  periodKind: { vi: 'Loại kỳ', en: 'Period type' },
  kindMonth: { vi: 'Tháng', en: 'Month' },
  kindHalf: { vi: '6 tháng đầu năm', en: 'First half-year' },
  kindYear: { vi: 'Năm', en: 'Year' },
  year: { vi: 'Năm', en: 'Year' },
  month: { vi: 'Tháng', en: 'Month' },
  province: { vi: 'Tỉnh, thành phố', en: 'Province' },
  unit: { vi: 'Đơn vị lập báo cáo', en: 'Reporting unit' },
  wholeProvince: { vi: 'Toàn tỉnh (BHXH tỉnh)', en: 'Whole province (provincial office)' },
  reportDate: { vi: 'Ngày báo cáo', en: 'Report date' },
  badReportDate: {
    vi: 'Ngày báo cáo phải có dạng ngày/tháng/năm, ví dụ 15/06/2026.',
    en: 'The report date must read day/month/year, e.g. 15/06/2026.',
  },
  create: { vi: 'Tạo / làm mới trang tính', en: 'Create / refresh sheets' },
  createHint: {
    vi: 'Làm mới giữ nguyên mọi số liệu đã nhập.',
    en: 'Refreshing keeps every figure already entered.',
  },
  checkTitle: { vi: '2. Kiểm tra số liệu', en: '2. Check the figures' },
  check: { vi: 'Kiểm tra và tô màu ô lỗi', en: 'Check and mark cells' },
  autoCheck: { vi: 'Tự động kiểm tra sau khi sửa', en: 'Check again after every edit' },
  importTitle: { vi: '3. Nhập file của BHXH cơ sở', en: '3. Import local offices’ files' },
  importHint: {
    vi: 'Chọn các file .xlsx do BHXH cơ sở lập; số liệu được điền vào hàng của từng đơn vị.',
    en: 'Pick the .xlsx files made by the local offices; their figures fill their rows.',
  },
  chooseFiles: { vi: 'Chọn file…', en: 'Choose files…' },
  noFileChosen: { vi: 'Chưa chọn file nào', en: 'No file chosen' },
  importButton: { vi: 'Nhập các file đã chọn', en: 'Import the chosen files' },
  exportTitle: { vi: '4. Xuất file nộp và dự thảo báo cáo', en: '4. Export the submission and the report draft' },
  exportButton: { vi: 'Kiểm tra và xuất file', en: 'Check and export' },
  reasonLabel: {
    vi: 'Báo cáo còn lỗi. Ghi rõ lý do vẫn nộp (lý do được lưu trong file):',
    en: 'The report still has errors. Write why it is submitted anyway (kept in the file):',
  },
  exportWithReason: { vi: 'Xuất kèm lý do', en: 'Export with this reason' },
  downloadInstead: { vi: 'Hoặc tải file xuống máy', en: 'Or download the file' },
  draftButton: { vi: 'Tạo dự thảo báo cáo (Word)', en: 'Create report draft (Word)' },
  draftHint: {
    vi: 'Văn bản báo cáo theo Mẫu 01 (tháng) hoặc Mẫu 02 (6 tháng, năm) với số liệu của các trang tính; phần nhận xét, đánh giá để đơn vị viết tiếp.',
    en: 'The report document, Form 01 (monthly) or Form 02 (six-month, annual), with the sheets’ figures; the narrative parts are left for the office to write.',
  },
  previewTitle: { vi: '5. Chỉ tiêu của đơn vị', en: '5. The unit’s indicators' },
  colIndicator: { vi: 'Chỉ tiêu', en: 'Indicator' },
  colValue: { vi: 'Kết quả', en: 'Value' },
  colTarget: { vi: 'Mục tiêu', en: 'Target' },
  previewEmpty: {
    vi: 'Chỉ tiêu hiện sau khi kiểm tra một báo cáo có mã đơn vị và kỳ hợp lệ.',
    en: 'Indicators appear once a report with a valid unit and period is checked.',
  },
  chartPercent: { vi: 'Tỷ lệ đạt (vạch đen: mục tiêu)', en: 'Shares reached (black tick: target)' },
  chartAlt: { vi: 'Biểu đồ chỉ tiêu của đơn vị', en: 'Chart of the unit’s indicators' },
  loading: { vi: 'Đang kết nối với Excel…', en: 'Connecting to Excel…' },
  notExcel: {
    vi: 'Trang này là ngăn tác vụ của Excel, không mở riêng được. Trong Excel, chọn Trang đầu › Báo cáo truyền thông.',
    en: 'This page is an Excel task pane and does not work on its own. In Excel, choose Home › Communication report.',
  },
  officeTimeout: {
    vi: 'Excel không phản hồi ngăn tác vụ. Hãy đóng ngăn tác vụ rồi mở lại (Trang đầu › Báo cáo truyền thông); nếu vẫn vậy, khởi động lại Excel.',
    en: 'Excel is not answering the task pane. Close the pane and open it again (Home › Communication report); if that fails, restart Excel.',
  },
  oldExcel: {
    vi: 'Phiên bản Excel này chưa hỗ trợ ExcelApi 1.9 mà ngăn tác vụ cần. Hãy cập nhật Office hoặc dùng Excel trên web.',
    en: 'This version of Excel lacks ExcelApi 1.9, which the pane needs. Update Office or use Excel on the web.',
  },
  startHint: {
    vi: 'Chọn đơn vị và kỳ báo cáo, rồi bấm “Tạo / làm mới trang tính”.',
    en: 'Choose the unit and period, then “Create / refresh sheets”.',
  },
  working: { vi: 'Đang xử lý…', en: 'Working…' },
  autoChecked: {
    vi: 'Chưa tô màu ô lỗi, để giữ lịch sử Hoàn tác (Undo) của Excel phiên bản này. Bấm “Kiểm tra và tô màu ô lỗi” khi cần.',
    en: 'Cells are not marked, to keep this Excel version’s Undo history. Choose “Check and mark cells” when you want marks.',
  },
  checking: { vi: 'Đang kiểm tra…', en: 'Checking…' },
  noFiles: { vi: 'Hãy chọn ít nhất một file .xlsx.', en: 'Choose at least one .xlsx file.' },
  reasonRequired: { vi: 'Hãy ghi lý do trước khi xuất.', en: 'Write a reason before exporting.' },
  badYear: { vi: 'Năm báo cáo không hợp lệ.', en: 'The year is not valid.' },
  noUnit: { vi: 'Hãy chọn đơn vị báo cáo.', en: 'Choose the reporting unit.' },
  imported: { vi: 'Đã nhập', en: 'Imported' },
  refused: { vi: 'Không nhập', en: 'Refused' },
} as const satisfies Record<string, Text>;

export type UiKey = keyof typeof UI;

/** Headings of the issue list's groups: the severity's name, plural in English ("Info" has none, as in the CLI and the reports). */
export const SEVERITY_LABEL: Record<Severity, Text> = {
  error: { vi: SEVERITY_NAME.error.vi, en: 'Errors' },
  warning: { vi: SEVERITY_NAME.warning.vi, en: 'Warnings' },
  info: { vi: SEVERITY_NAME.info.vi, en: SEVERITY_NAME.info.en },
};

export const MESSAGES = {
  issueCounts: (errors: number, warnings: number, infos: number): Text => ({
    vi: `${errors} lỗi · ${warnings} cảnh báo · ${infos} thông tin`,
    en: `${errors} error${errors === 1 ? '' : 's'} · ${warnings} warning${warnings === 1 ? '' : 's'} · ${infos} info`,
  }),
  created: (unit: Text, period: Text): Text => ({
    vi: `Đã tạo các trang tính của ${unit.vi}, ${period.vi}.`,
    en: `Sheets created for ${unit.en}, ${period.en}.`,
  }),
  refreshed: (unit: Text, period: Text): Text => ({
    vi: `Đã làm mới các trang tính của ${unit.vi}, ${period.vi}; số liệu đã nhập được giữ nguyên.`,
    en: `Sheets refreshed for ${unit.en}, ${period.en}; the figures entered were kept.`,
  }),
  checked: (errors: number, warnings: number): Text => ({
    vi: errors + warnings === 0 ? 'Không có lỗi hay cảnh báo.' : `Kiểm tra xong: ${errors} lỗi, ${warnings} cảnh báo. Bấm vào một dòng để đến ô.`,
    en: errors + warnings === 0 ? 'No errors or warnings.' : `Checked: ${errors} errors, ${warnings} warnings. Click a line to go to its cell.`,
  }),
  importDone: (imported: number, refused: number): Text => ({
    vi: `Đã nhập ${imported} file, không nhập ${refused} file.`,
    en: `${imported} file(s) imported, ${refused} refused.`,
  }),
  fileIssues: (errors: number, warnings: number): Text => ({
    vi: `số liệu nhập có ${errors} lỗi, ${warnings} cảnh báo (xem khi kiểm tra)`,
    en: `the figures taken have ${errors} errors, ${warnings} warnings (see the check)`,
  }),
  needsReason: (errors: number): Text => ({
    vi: `Còn ${errors} lỗi. Sửa lỗi, hoặc ghi lý do để vẫn xuất file.`,
    en: `${errors} error(s) left. Fix them, or write a reason to export anyway.`,
  }),
  filesChosen: (names: readonly string[]): Text => ({
    vi: `${names.length} file: ${names.join(', ')}`,
    en: `${names.length} file${names.length === 1 ? '' : 's'}: ${names.join(', ')}`,
  }),
  officeUnreachable: (host: string): Text => ({
    vi: `Không tải được thư viện Office.js từ ${host}. Máy không vào được địa chỉ này (mất mạng, hoặc tường lửa/proxy chặn). Hãy nhờ bộ phận CNTT cho phép https://${host} qua proxy, rồi đóng và mở lại ngăn tác vụ.`,
    en: `Office.js could not be loaded from ${host}: this computer cannot reach it (offline, or a firewall or proxy blocks it). Ask IT to allow https://${host} through the proxy, then close and reopen the pane.`,
  }),
  excelFailed: (detail: string): Text => ({
    vi: `Excel báo lỗi: ${detail}. Hãy thử lại; nếu vẫn lỗi, đóng và mở lại ngăn tác vụ.`,
    en: `Excel reported an error: ${detail}. Try again; if it persists, close and reopen the pane.`,
  }),
  indicatorsHeld: ({ ids, cells }: { ids: string[]; cells: string[] }): Text => ({
    vi: `Chưa hiện ${ids.join(', ')} vì số liệu dùng để tính còn lỗi. Sửa trước: ${cells.join('; ')} (xem mục 2).`,
    en: `${ids.join(', ')} not shown: the figures they use still have errors. Fix first: ${cells.join('; ')} (see step 2).`,
  }),
  more: (count: number): Text => ({ vi: `… và ${count} mục khác`, en: `… and ${count} more` }),
  draftWithErrors: (errors: number): Text => ({
    vi: `Số liệu còn ${errors} lỗi (xem mục 2): dự thảo ghi số liệu như hiện có. Sửa lỗi rồi tạo lại dự thảo.`,
    en: `The figures still have ${errors} error(s) (see step 2): the draft quotes them as they are. Fix them, then make the draft again.`,
  }),
};

/** Sets the text of every `[data-i18n]` element below `root`. */
export function translatePage(root: ParentNode, lang: Lang): void {
  root.querySelectorAll<HTMLElement>('[data-i18n]').forEach((el) => {
    const key = el.dataset.i18n as UiKey;
    if (key in UI) el.textContent = UI[key][lang];
  });
  document.documentElement.lang = lang;
}
