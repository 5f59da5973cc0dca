/** What an import took and what it refused, file by file, with the reason. */
import type { ImportOutcome } from '../import-plan';
import { MESSAGES, UI, type Lang } from '../i18n';
import { clear, el } from './dom';

export function renderImportOutcomes(list: HTMLElement, outcomes: readonly ImportOutcome[], lang: Lang): void {
  clear(list);
  for (const o of outcomes) {
    const unit = o.unitCode ? ` → ${o.unitCode}${o.unitName ? ` ${o.unitName}` : ''}` : '';
    const detail = o.imported
      ? o.errors + o.warnings > 0
        ? `${UI.imported[lang]}; ${MESSAGES.fileIssues(o.errors, o.warnings)[lang]}`
        : UI.imported[lang]
      : `${UI.refused[lang]}: ${o.reason?.[lang] ?? ''}`;
    list.append(
      el('li', { className: o.imported ? 'imported' : 'refused' }, [
        el('span', { className: 'file', text: o.fileName }),
        el('span', { text: unit }),
        el('span', { className: 'detail', text: detail }),
      ]),
    );
  }
}
