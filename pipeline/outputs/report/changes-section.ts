/**
 * "What changed since the previous run" in the leadership report: the indicators that moved,
 * old → new, and the submissions that caused it (the file that now counts and its changed cells).
 */
import { formatIndicatorValue, MISSING_TEXT } from '../../../core/charts';
import { vietnamTime } from '../../../core/format';
import type { IndicatorId } from '../../../core/indicators';
import { submissionChangeText, type RunChanges } from '../../../core/revisions';
import { NATIONAL_CODE } from '../../../core/units';
import { html, type Html } from './html';

/** At most this many indicator rows; the rest are in report-data.json. */
const CHANGE_ROW_LIMIT = 200;

export function changesSectionHtml(changes: RunChanges | null, names: ReadonlyMap<string, string>): Html {
  if (!changes) return html``;
  if (!changes.previous) return html`<p>Đây là lần tổng hợp đầu tiên của kỳ này.</p>`;
  const since = html`Lần tổng hợp trước: ${vietnamTime(changes.previous.startedAt)}.`;
  if (changes.indicators.length === 0 && changes.submissions.length === 0) return html`<p>${since} Không có gì thay đổi.</p>`;
  const value = (id: string, v: number | null | undefined) => (v === undefined ? MISSING_TEXT : formatIndicatorValue(id as IndicatorId, v));
  const rows = changes.indicators.slice(0, CHANGE_ROW_LIMIT).map((c) => {
    const unit = c.unitCode === NATIONAL_CODE ? 'Toàn quốc' : (names.get(c.unitCode) ?? c.unitCode);
    const causes = c.causes.map((s) => submissionChangeText(s, 3)).join('; ') || 'không có báo cáo nào thay đổi (dữ liệu tham chiếu hoặc quy tắc)';
    return html`<tr><th scope="row">${unit}</th><td>${c.indicator}</td><td class="num">${value(c.indicator, c.old?.value)}</td><td class="num">${value(c.indicator, c.new?.value)}</td><td class="cause">${causes}</td></tr>`;
  });
  const more = changes.indicators.length > CHANGE_ROW_LIMIT && html`<p class="note">Còn ${changes.indicators.length - CHANGE_ROW_LIMIT} thay đổi khác trong report-data.json.</p>`;
  const submissions = changes.submissions.map((s) => html`<li>${names.get(s.unitCode) ?? s.unitCode} — ${submissionChangeText(s, 10)}</li>`);
  return html`<p>${since} ${changes.submissions.length} tỉnh có báo cáo thay đổi, ${changes.indicators.length} chỉ số thay đổi.</p>
${submissions.length > 0 && html`<ul class="changed-submissions">${submissions}</ul>`}
${rows.length > 0 && html`<table class="changes"><thead><tr><th scope="col">Đơn vị</th><th scope="col">Chỉ số</th><th scope="col">Trước</th><th scope="col">Nay</th><th scope="col">Do báo cáo</th></tr></thead><tbody>${rows}</tbody></table>${more}`}`;
}
