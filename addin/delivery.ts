/**
 * Getting a file the pane made (the submission .xlsx, a Word draft .docx) to the clerk, on every
 * Excel: a workbook opens as a new, unsaved workbook (`Excel.createWorkbook`) that the clerk
 * saves with Excel's own Save As; anything else goes through the web view's download, which the
 * pane cannot confirm and which Excel for Mac ignores. The result says exactly what happened and
 * what to do next, and claims success only for what Excel confirmed.
 */
import type { Text } from '../core/forms';

export type FileKind = 'xlsx' | 'docx';

export interface Deliverable {
  bytes: Uint8Array;
  fileName: string;
  kind: FileKind;
}

/** Office.PlatformType, narrowed to what changes the delivery. */
export type Platform = 'PC' | 'Mac' | 'OfficeOnline' | 'other';

export function platformOf(office: string | null | undefined): Platform {
  return office === 'PC' || office === 'Mac' || office === 'OfficeOnline' ? office : 'other';
}

export interface DeliveryChannels {
  platform: Platform;
  /** Opens .xlsx bytes as a new workbook; resolves once Excel has opened it. */
  openWorkbook: ((bytes: Uint8Array) => Promise<void>) | null;
  /** Hands the bytes to the web view's download; nothing comes back to say the file arrived. */
  download: (bytes: Uint8Array, fileName: string, mimeType: string) => void;
}

export interface Delivery {
  /** opened: Excel confirmed a new workbook; requested: a download was asked for, unconfirmed; unavailable: no way from this pane. */
  outcome: 'opened' | 'requested' | 'unavailable';
  text: Text;
  /** Whether the pane should offer the download as a second way (never where it cannot work). */
  offerDownload: boolean;
}

export const MIME_TYPES: Record<FileKind, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

function openedText(name: string, platform: Platform): Text {
  if (platform === 'OfficeOnline') {
    return {
      vi: `Excel đã mở file nộp trong một thẻ mới của trình duyệt (nếu trình duyệt chặn cửa sổ bật lên, hãy cho phép rồi bấm lại). Ở thẻ đó chọn Tệp › Lưu thành › Tải xuống bản sao, lưu với tên ${name} và gửi file này.`,
      en: `Excel opened the submission in a new browser tab (if the browser blocked the pop-up, allow it and try again). There choose File › Save As › Download a Copy, keep the name ${name} and send that file.`,
    };
  }
  return {
    vi: `Excel đã mở file nộp thành một sổ mới, chưa lưu, trong cửa sổ Excel khác. Ở cửa sổ đó chọn Tệp › Lưu thành (File › Save As), đặt tên ${name}, chọn thư mục rồi gửi file này.`,
    en: `Excel opened the submission as a new, unsaved workbook in another Excel window. There choose File › Save As, name it ${name}, pick a folder, then send that file.`,
  };
}

/** What to press again when a download did not arrive. */
const AGAIN: Record<FileKind, Text> = {
  xlsx: { vi: 'bấm lại nút xuất', en: 'export again' },
  docx: { vi: 'bấm lại nút tạo dự thảo', en: 'make the draft again' },
};

function requestedText({ fileName: name, kind }: Deliverable, platform: Platform): Text {
  if (platform === 'OfficeOnline') {
    return {
      vi: `Đã yêu cầu trình duyệt tải file ${name} xuống. Xem thanh tải xuống của trình duyệt; file thường nằm trong thư mục Tải xuống (Downloads).`,
      en: `The browser was asked to download ${name}. Look at its downloads bar; the file usually lands in the Downloads folder.`,
    };
  }
  return {
    vi: `Đã yêu cầu tải file ${name} xuống. Excel không báo lại được file đã lưu xong: hãy tìm trong thư mục Tải xuống (Downloads) của máy. Nếu không thấy, ${AGAIN[kind].vi}.`,
    en: `A download of ${name} was requested. Excel cannot tell whether it finished: look in this computer's Downloads folder. If it is not there, ${AGAIN[kind].en}.`,
  };
}

function unavailableText(file: Deliverable): Text {
  const how: Text =
    file.kind === 'xlsx'
      ? { vi: 'bấm lại nút xuất để Excel mở file thành sổ mới', en: 'export again so that Excel opens the file as a new workbook' }
      : { vi: 'mở sổ này bằng Excel trên web hoặc Excel cho Windows rồi bấm lại', en: 'open this workbook in Excel on the web or Excel for Windows and try again' };
  return {
    vi: `Chưa tạo được file ${file.fileName}: Excel cho Mac không cho ngăn tác vụ tải file xuống. Hãy ${how.vi}.`,
    en: `${file.fileName} was not delivered: Excel for Mac does not let a task pane download files. Please ${how.en}.`,
  };
}

function failedText(detail: string): Text {
  return { vi: `Excel không mở được sổ mới (${detail}). `, en: `Excel could not open a new workbook (${detail}). ` };
}

const join = (a: Text, b: Text): Text => ({ vi: a.vi + b.vi, en: a.en + b.en });

/** Starts the download where a task pane can, and says where the file goes. */
export function requestDownload(file: Deliverable, channels: DeliveryChannels): Delivery {
  if (channels.platform === 'Mac') return { outcome: 'unavailable', text: unavailableText(file), offerDownload: false };
  channels.download(file.bytes, file.fileName, MIME_TYPES[file.kind]);
  return { outcome: 'requested', text: requestedText(file, channels.platform), offerDownload: false };
}

/**
 * Delivers a file: a workbook is opened as a new workbook (the download stays on offer where it
 * works); a workbook Excel refuses to open, and any other file, goes to the download.
 */
export async function deliverFile(file: Deliverable, channels: DeliveryChannels): Promise<Delivery> {
  let failure: Text | null = null;
  if (file.kind === 'xlsx' && channels.openWorkbook) {
    try {
      await channels.openWorkbook(file.bytes);
      return { outcome: 'opened', text: openedText(file.fileName, channels.platform), offerDownload: channels.platform !== 'Mac' };
    } catch (err) {
      failure = failedText(err instanceof Error ? err.message : String(err));
    }
  }
  const delivery = requestDownload(file, channels);
  return failure ? { ...delivery, text: join(failure, delivery.text) } : delivery;
}
