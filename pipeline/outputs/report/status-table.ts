/**
 * The provinces' statuses (core/unit-status.ts) as HTML, shared by the leadership report and the
 * validation report: the count of each status, then one row per province with its glyph, label,
 * file and what decided it (override reason, refusing rule and cell, report date).
 */
import { countStatuses, statusDetail, UNIT_STATUS_KINDS, UNIT_STATUS_TEXT, type UnitStatus } from '../../../core/unit-status';
import { html, raw, type Html } from './html';

export function statusCountsHtml(statuses: readonly UnitStatus[]): Html {
  const c = countStatuses(statuses);
  const items = UNIT_STATUS_KINDS.map(
    (k) => html`<li class="st-${k}"><span class="glyph">${UNIT_STATUS_TEXT[k].glyph}</span> ${UNIT_STATUS_TEXT[k].vi}: <b>${c.byStatus[k]}</b></li>`,
  );
  return html`<ul class="status-counts">${items}</ul>`;
}

/** `only`: the statuses to list (all provinces when left out). */
export function statusTableHtml(statuses: readonly UnitStatus[], only?: readonly string[]): Html {
  const shown = statuses.filter((s) => !only || only.includes(s.status) || s.refused.length > 0);
  if (shown.length === 0) return html``;
  const rows = shown.map((s) => {
    const t = UNIT_STATUS_TEXT[s.status];
    const detail = statusDetail(s);
    return html`<tr class="st-${s.status}"><th scope="row">${s.unitCode} · ${s.unitName}</th><td class="status"><span class="glyph">${t.glyph}</span> ${t.vi}<span class="en">${t.en}</span></td><td>${detail.vi || '—'}${detail.en && html`<span class="en">${detail.en}</span>`}</td></tr>`;
  });
  return html`<table class="statuses"><colgroup><col style="width:20%"><col style="width:22%"><col></colgroup><thead><tr><th scope="col">Tỉnh, thành phố</th><th scope="col">Tình trạng</th><th scope="col">Chi tiết (tệp, lý do, quy tắc và ô)</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** Styles for the two tables above (each page inlines its own stylesheet). */
export const STATUS_CSS = raw(`
ul.status-counts { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 20px; }
table.statuses .en { display: block; }
table.statuses .glyph, ul.status-counts .glyph { font-weight: bold; display: inline-block; min-width: 1.4em; }
tr.st-refused td.status, li.st-refused { color: #a4461b; font-weight: bold; }
tr.st-override td.status, li.st-override { color: #8a5a00; }
tr.st-missing td.status { font-style: italic; }
table.changes td.cause { font-size: .9em; overflow-wrap: anywhere; }
ul.changed-submissions { font-size: .9em; overflow-wrap: anywhere; }
`);
