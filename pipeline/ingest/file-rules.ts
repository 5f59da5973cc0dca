/**
 * The issues that belong to the consolidation rather than to a single report (P-rules of
 * core/rule-catalogue.ts): a file that cannot be read from disk, a report of another period
 * than the one being consolidated, the national workbook or a local office's own workbook fed
 * in as a province's, and the verdicts on files that are not .xlsx reports.
 */
import { type Issue, fileIssue } from '../../core/submission';
import type { Text } from '../../core/forms';

export function periodMismatch(filePeriod: string, batchPeriod: string): Issue {
  return fileIssue('P01', {
    vi: `Tệp báo cáo kỳ ${filePeriod}, nhưng đang tổng hợp kỳ ${batchPeriod}: tệp không được nạp`,
    en: `The file reports ${filePeriod}, but ${batchPeriod} is being consolidated: not loaded`,
  });
}

export function unreadable(reason: Text): Issue {
  return fileIssue('P02', {
    vi: `Không đọc được từ đĩa: ${reason.vi}`,
    en: `Cannot be read from disk: ${reason.en}`,
  });
}

export function nationalFile(): Issue {
  return fileIssue('P03', {
    vi: 'Đây là báo cáo tổng hợp toàn quốc (mã VN), không nạp như báo cáo của một tỉnh',
    en: 'This is the national consolidation (code VN); it is not loaded as a province report',
  });
}

const SAVE_AS_XLSX: Text = {
  vi: 'mở tệp bằng Excel hoặc LibreOffice, chọn Lưu thành (Save As) › Sổ làm việc Excel (.xlsx) rồi gửi lại tệp .xlsx',
  en: 'open the file in Excel or LibreOffice, choose Save As › Excel Workbook (.xlsx) and send the .xlsx file',
};

export function converted(format: string): Issue {
  return fileIssue('P04', {
    vi: `Tệp .${format} đã được chuyển sang .xlsx bằng LibreOffice để đọc; lần sau nên gửi tệp .xlsx`,
    en: `The .${format} file was converted to .xlsx with LibreOffice to be read; next time send an .xlsx file`,
  });
}

export function notConverted(format: string, why: Text): Issue {
  return fileIssue('P05', {
    vi: `Tệp .${format} chưa đọc được (${why.vi}): ${SAVE_AS_XLSX.vi}`,
    en: `The .${format} file cannot be read (${why.en}): ${SAVE_AS_XLSX.en}`,
  });
}

export function notAReport(): Issue {
  return fileIssue('P06', {
    vi: 'Không phải sổ tính báo cáo (chỉ đọc .xlsx, .xlsm, .ods, .xls); tệp không được đọc',
    en: 'Not a report workbook (only .xlsx, .xlsm, .ods and .xls are read); the file was not read',
  });
}

export function lockFile(): Issue {
  return fileIssue('P07', {
    vi: 'Tệp khóa tạm do Excel/LibreOffice tạo khi đang mở một sổ tính; bỏ qua',
    en: 'Temporary lock file left by Excel/LibreOffice while a workbook is open; skipped',
  });
}

export function localOfficeFile(unitCode: string, unitName: string, provinceCode: string): Issue {
  return fileIssue('P08', {
    vi: `Đây là báo cáo riêng của BHXH cơ sở ${unitCode} (${unitName}); số liệu này thuộc báo cáo của BHXH tỉnh ${provinceCode}: tỉnh nhập tệp vào báo cáo của mình bằng add-in (Nhập báo cáo cơ sở) rồi gửi báo cáo của tỉnh`,
    en: `This is local office ${unitCode}'s own report (${unitName}); it belongs in province ${provinceCode}'s report: the province imports it with the add-in (Import local reports) and sends its own report`,
  });
}
