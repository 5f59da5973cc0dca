/**
 * The check's issues, grouped by severity with counts; each names its cell and the unit of its
 * row, and a click on a located issue shows its cell.
 */
import { SEVERITIES, type Issue, type Submission } from '../../core/submission';
import { MESSAGES, SEVERITY_LABEL, type Lang } from '../i18n';
import { rowLabeller } from '../issue-rows';
import { clear, el } from './dom';

/** Enough to work through; a sheet full of text would otherwise list thousands. */
const SHOWN_PER_GROUP = 200;

function issueItem(issue: Issue, unit: string | null, lang: Lang, onSelect: (issue: Issue) => void): HTMLElement {
  const cell = issue.sheet ? (issue.cell ? `${issue.sheet}!${issue.cell}` : issue.sheet) : '';
  const where = [cell, unit].filter(Boolean).join(' · ');
  const parts = [el('span', { className: 'rule', text: issue.rule }), el('span', { text: issue.message[lang] })];
  if (where) parts.push(el('span', { className: 'where', text: where }));
  if (!issue.sheet || !issue.cell) return el('div', { className: `issue ${issue.severity}` }, parts);
  const button = el('button', { className: `issue ${issue.severity}`, attrs: { type: 'button', 'data-cell': cell } }, parts);
  button.addEventListener('click', () => onSelect(issue));
  return button;
}

export function renderIssues(container: HTMLElement, issues: readonly Issue[], sub: Submission | null, lang: Lang, onSelect: (issue: Issue) => void): void {
  clear(container);
  const unitOf = rowLabeller(sub);
  for (const severity of SEVERITIES) {
    const group = issues.filter((i) => i.severity === severity);
    if (group.length === 0) continue;
    const details = el('details', { className: `issue-group ${severity}` }, [
      el('summary', { text: `${SEVERITY_LABEL[severity][lang]} (${group.length})` }),
      el(
        'ul',
        { className: 'issue-list' },
        group.slice(0, SHOWN_PER_GROUP).map((i) => el('li', {}, [issueItem(i, unitOf(i)?.[lang] ?? null, lang, onSelect)])),
      ),
    ]);
    if (group.length > SHOWN_PER_GROUP) {
      details.append(el('p', { className: 'hint', text: MESSAGES.more(group.length - SHOWN_PER_GROUP)[lang] }));
    }
    details.open = severity === 'error' || (severity === 'warning' && !issues.some((i) => i.severity === 'error'));
    container.append(details);
  }
}
