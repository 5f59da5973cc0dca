/**
 * The few checks that belong to the consolidation rather than to a single report: a file that
 * cannot be read from disk, a report of another period than the one being consolidated, and the
 * national workbook fed back in as if it were a province's. The V-rules stay in core/rules.
 */
import { type Issue, fileIssue } from '../../core/submission';
import type { Text } from '../../core/forms';

export const PIPELINE_RULES: readonly { id: string; description: Text }[] = [
  { id: 'P01', description: { vi: 'Kỳ báo cáo của tệp khác kỳ đang tổng hợp', en: 'The file reports another period than the one consolidated' } },
  { id: 'P02', description: { vi: 'Không đọc được tệp từ đĩa', en: 'The file cannot be read from disk' } },
  { id: 'P03', description: { vi: 'Tệp là báo cáo tổng hợp toàn quốc, không phải báo cáo của tỉnh', en: 'The file is a national consolidation, not a province report' } },
];

export function periodMismatch(filePeriod: string, batchPeriod: string): Issue {
  return fileIssue('P01', 'error', {
    vi: `Tệp báo cáo kỳ ${filePeriod}, nhưng đang tổng hợp kỳ ${batchPeriod}: tệp không được nạp`,
    en: `The file reports ${filePeriod}, but ${batchPeriod} is being consolidated: not loaded`,
  });
}

export function unreadable(reason: Text): Issue {
  return fileIssue('P02', 'error', {
    vi: `Không đọc được tệp: ${reason.vi}`,
    en: `Cannot read the file: ${reason.en}`,
  });
}

export function nationalFile(): Issue {
  return fileIssue('P03', 'error', {
    vi: 'Đây là báo cáo tổng hợp toàn quốc (mã VN), không nạp như báo cáo của một tỉnh',
    en: 'This is the national consolidation (code VN); it is not loaded as a province report',
  });
}
