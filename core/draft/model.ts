/**
 * The report document (Mẫu 01 monthly, Mẫu 02 six-month / annual) as plain data: title block,
 * numbered sections, paragraphs carrying their figures, tables and image slots. Built by
 * `build.ts` for a province or for the nation, written to .docx by `docx.ts`; tests read it too.
 */

export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

export type Block =
  /** `I. TÌNH HÌNH CHUNG` (level 1), `1. Đặc điểm tình hình` (2), `2.1. …` (3). */
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  /** Body text; `figures` marks a sentence built from the report's numbers. */
  | { kind: 'paragraph'; runs: Run[]; figures?: boolean }
  /** A part the writer still has to write: shown as a visible, highlighted prompt. */
  | { kind: 'placeholder'; text: string }
  /** `(Số liệu chi tiết tại cột số 4, 5, 6 phụ lục Mẫu 03 đính kèm)`. */
  | { kind: 'reference'; text: string }
  | { kind: 'table'; table: DraftTable }
  | { kind: 'image'; image: ImageSlot };

export interface DraftTable {
  title?: string;
  /** Header cells, one row. */
  header: string[];
  rows: TableRow[];
  /** Relative column widths (same length as header). */
  widths: number[];
  /** Text size in points (body tables 12, wide appendix tables smaller). */
  fontSize: number;
  /** Columns aligned right (numbers). */
  numeric: boolean[];
}

export interface TableRow {
  cells: string[];
  /** The total or national row. */
  total?: boolean;
}

/** Where a chart goes: the writer fills it with the chart's PNG, or says it is missing. */
export interface ImageSlot {
  /** Chart id (`rank-N04`, `trend`…): the PNG at `charts/<id>.png`. */
  id: string;
  caption: string;
  /** Width on the page, millimetres; the height follows the picture. */
  widthMm: number;
}

export interface DraftSection {
  orientation: 'portrait' | 'landscape';
  blocks: Block[];
}

export interface DraftDocument {
  /** The two-column heading: issuing body (its parent above, itself in bold) and the national motto. */
  issuer: { parent: string; unit: string };
  /** `Số:      /BC-BHXH`. */
  number: string;
  /** `Quảng Ngãi, ngày 15 tháng 6 năm 2026` (set in italics). */
  placeDate: string;
  /** The same date, ISO: the file's creation date, so that the same figures give the same bytes. */
  date: string;
  /** `BÁO CÁO` and its subject line. */
  title: string;
  subject: string;
  /** The report's body (portrait), ending before "Nơi nhận". */
  body: Block[];
  recipients: string[];
  signer: { title: string; note: string };
  /** Appendix tables (the national report's tables by province, landscape). */
  appendix: DraftSection | null;
}
