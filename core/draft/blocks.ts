/** Small constructors for the blocks of a draft, so the sections read like the templates. */
import type { Block, DraftTable, Run } from './model';

export const heading = (level: 1 | 2 | 3, text: string): Block => ({ kind: 'heading', level, text });

/** A sentence built from the report's figures. */
export const figures = (text: string): Block => ({ kind: 'paragraph', runs: [{ text }], figures: true });

export const paragraph = (...runs: (Run | string)[]): Block => ({
  kind: 'paragraph',
  runs: runs.map((r) => (typeof r === 'string' ? { text: r } : r)),
});

export const placeholder = (text: string): Block => ({ kind: 'placeholder', text });

/** `(Số liệu chi tiết tại cột số 4, 5, 6 phụ lục Mẫu 03 đính kèm)`. */
export const columnsReference = (columns: readonly number[], form: '03' | '04'): Block => ({
  kind: 'reference',
  text: `(Số liệu chi tiết tại cột số ${columns.join(', ')} phụ lục Mẫu ${form} đính kèm)`,
});

export const table = (t: DraftTable): Block => ({ kind: 'table', table: t });

export const image = (id: string, caption: string, widthMm = 160): Block => ({ kind: 'image', image: { id, caption, widthMm } });
