/**
 * The leadership report as one self-contained HTML page: inline CSS and inline SVG charts, no
 * script, no external resource (a Content-Security-Policy says so to the browser), so it opens
 * from disk offline and prints on A4. Written with the `html` tag (./html.ts), so every text
 * from files or the registry is escaped by construction.
 */
import type { ReportChart } from '../../../core/charts';
import {
  formatIndicatorDelta,
  formatIndicatorValue,
  MISSING_TEXT,
  shortPeriodLabel,
  STATUS_TEXT,
} from '../../../core/charts';
import { INDICATOR_BY_ID, INDICATORS, type IndicatorId, type IndicatorValue } from '../../../core/indicators';
import { viDate, viNumber, vietnamTime } from '../../../core/format';
import { comparePeriods, parsePeriod, periodLabel } from '../../../core/periods';
import type { ReportData, ReportingCell } from '../../../core/report-data';
import { SEVERITIES, SEVERITY_NAME, SEVERITY_ORDER, type Severity } from '../../../core/submission';
import { countStatuses, provinceOf } from '../../../core/unit-status';
import { NATIONAL_CODE } from '../../../core/units';
import { html, joined, raw, type Html } from './html';
import { changesSectionHtml } from './changes-section';
import { statusCountsHtml, statusTableHtml, STATUS_CSS } from './status-table';
import { REPORT_CSS } from './style';

export interface RenderedReportChart {
  chart: ReportChart;
  /** The chart's SVG with its ids already scoped. */
  svg: string;
}

/** Most detailed issues listed; the validation report of the consolidation has them all. */
const ISSUE_DETAIL_LIMIT = 300;

const labelOfPeriod = (code: string) => {
  try {
    return periodLabel(parsePeriod(code)).vi;
  } catch {
    return code;
  }
};

function heading(no: number, vi: string, en: string, id: string): Html {
  return html`<h2 id="${id}">${no}. ${vi} <span class="en">${en}</span></h2>`;
}

/**
 * Charts are laid out at the size of their PNG's text (10 px labels); on screen they are shown
 * a quarter larger. Print CSS shrinks them to the page as needed.
 */
const SCREEN_SCALE = 1.25;

function displaySize(svg: string, scale: number): string {
  return svg.replace(/^(<svg\b[^>]*?)\swidth="([\d.]+)"\s+height="([\d.]+)"/, (_m, head: string, w: string, hgt: string) =>
    `${head} width="${Math.round(Number(w) * scale)}" height="${Math.round(Number(hgt) * scale)}"`,
  );
}

function figure(rendered: RenderedReportChart): Html {
  const { chart } = rendered;
  // The SVG is Vega's rendering of our own spec, its ids scoped (./render.ts).
  const svg = raw(displaySize(rendered.svg, SCREEN_SCALE));
  const note = chart.caption && html`${chart.caption} `;
  return html`<figure class="chart chart-${chart.section}" id="chart-${chart.id}">${svg}<figcaption>${note}<span class="file">charts/${chart.id}.png</span></figcaption></figure>`;
}

function meetsTarget(v: IndicatorValue | undefined): boolean | null {
  if (!v || v.value === null || v.target === null) return null;
  return v.value >= v.target;
}

/** `hasPrevious`: a previous period was consolidated (its label is in the page header). */
function card(current: IndicatorValue, previous: IndicatorValue | undefined, hasPrevious: boolean): Html {
  const def = INDICATOR_BY_ID[current.indicator];
  const met = meetsTarget(current);
  const status =
    met === null
      ? current.target === null
        ? html`<p class="status">Không có mục tiêu</p>`
        : html`<p class="status">Chưa có số liệu để so với mục tiêu</p>`
      : met
        ? html`<p class="status met">✓ Đạt mục tiêu ${formatIndicatorValue(def.id, current.target)}</p>`
        : html`<p class="status below">✗ Chưa đạt mục tiêu ${formatIndicatorValue(def.id, current.target)} (${formatIndicatorDelta(def.id, current.value! - current.target!)})</p>`;
  let change: Html | null = null;
  if (hasPrevious) {
    if (current.value !== null && previous?.value != null) {
      const deltaText = formatIndicatorDelta(def.id, current.value - previous.value);
      // The arrow follows the rounded difference the reader sees.
      const arrow = deltaText.startsWith('+') ? '▲' : /^[0,]+( |$)/.test(deltaText) ? '►' : '▼';
      change = html`<p class="change">${arrow} ${deltaText} so với kỳ trước (${formatIndicatorValue(def.id, previous.value)})</p>`;
    } else change = html`<p class="change">Kỳ trước: chưa có số liệu</p>`;
  }
  const basis =
    current.numerator !== null && current.denominator !== null && html`<p class="basis">${formatCount(current.numerator)} / ${formatCount(current.denominator)}</p>`;
  const cls = met === null ? 'card' : met ? 'card met' : 'card below';
  return html`<article class="${cls}"><h3><span class="code">${def.id}</span> ${def.label.vi}</h3><p class="value">${formatIndicatorValue(def.id, current.value)}</p>${status}${change}${basis}</article>`;
}

const formatCount = (n: number) => viNumber(n, Number.isInteger(n) ? 0 : 1);

function indicatorIds(values: readonly IndicatorValue[]): IndicatorId[] {
  const present = new Set(values.map((v) => v.indicator));
  return INDICATORS.filter((d) => present.has(d.id)).map((d) => d.id);
}

/** Table cells leave the % sign to the column heading, so that 15 columns fit an A4 page. */
function tableValue(id: IndicatorId, value: number | null): string {
  if (value === null || !Number.isFinite(value)) return MISSING_TEXT;
  return viNumber(INDICATOR_BY_ID[id].unit === 'percent' ? value * 100 : value, 1);
}

function provinceTable(data: ReportData): Html {
  const ids = indicatorIds(data.indicators);
  const byUnit = new Map<string, Map<IndicatorId, IndicatorValue>>();
  for (const v of data.indicators) {
    if (!byUnit.has(v.unitCode)) byUnit.set(v.unitCode, new Map());
    byUnit.get(v.unitCode)!.set(v.indicator, v);
  }
  const cells = (unit: string) =>
    ids.map((id) => {
      const v = byUnit.get(unit)?.get(id);
      const below = meetsTarget(v) === false;
      const text = tableValue(id, v?.value ?? null);
      return html`<td class="num${below && ' below'}">${text}${below && ' ▾'}</td>`;
    });
  const head = ids.map(
    (id) => html`<th scope="col" title="${INDICATOR_BY_ID[id].label.vi}">${id}<span class="unit">${INDICATOR_BY_ID[id].unit === 'percent' ? '%' : 'bq'}</span></th>`,
  );
  const rows = data.provinces.map((p) => html`<tr><th scope="row">${p.name}</th>${cells(p.code)}</tr>`);
  const key = ids.map((id) => html`<li><b>${id}</b>: ${INDICATOR_BY_ID[id].label.vi}</li>`);
  return html`<div class="table-wrap"><table class="provinces"><thead><tr><th scope="col">Tỉnh, thành phố</th>${head}</tr></thead><tbody>${rows}</tbody><tfoot><tr class="total"><th scope="row">Toàn quốc</th>${cells(NATIONAL_CODE)}</tr></tfoot></table></div>
<p class="note">%: tỷ lệ phần trăm; bq: số bình quân. ▾ và nền cam: dưới mục tiêu. ${MISSING_TEXT}: chưa có số liệu (chưa báo cáo hoặc mẫu số bằng 0).</p><ul class="key">${key}</ul>`;
}

function reportingSection(data: ReportData, names: ReadonlyMap<string, string>): Html {
  const own = data.reporting.filter((c) => c.period === data.period);
  const count = (s: ReportingCell['status']) => own.filter((c) => c.status === s).length;
  const summary =
    own.length > 0 &&
    html`<p>Kỳ ${labelOfPeriod(data.period)}: đã nhận <b>${count('on_time') + count('late')}/${own.length}</b> báo cáo được chấp nhận, trong đó <b>${count('on_time')}</b> đúng hạn, <b>${count('late')}</b> trễ hạn; <b>${count('refused')}</b> tỉnh đã gửi nhưng bị từ chối; <b>${count('missing')}</b> tỉnh chưa nộp.</p>`;
  const statuses =
    data.statuses.length > 0 && html`${statusCountsHtml(data.statuses)}${statusTableHtml(data.statuses, ['override', 'late', 'refused', 'missing'])}`;
  const byProvince = new Map<string, { missing: string[]; late: string[] }>();
  const ordered = [...data.reporting].sort((a, b) => comparePeriods(parsePeriod(a.period), parsePeriod(b.period)));
  for (const c of ordered) {
    if (c.status === 'on_time' || !names.has(c.unitCode)) continue;
    const entry = byProvince.get(c.unitCode) ?? { missing: [], late: [] };
    if (c.status === 'missing' || c.status === 'refused') entry.missing.push(`${shortPeriodLabel(c.period)}${c.status === 'refused' ? ` (${STATUS_TEXT.refused.label.toLocaleLowerCase('vi')})` : ''}`);
    else entry.late.push(`${shortPeriodLabel(c.period)}${c.reportDate ? ` (${viDate(c.reportDate)})` : ''}`);
    byProvince.set(c.unitCode, entry);
  }
  const rows = data.provinces
    .filter((p) => byProvince.has(p.code))
    .map((p) => {
      const e = byProvince.get(p.code)!;
      return html`<tr><th scope="row">${p.name}</th><td>${e.missing.join(', ') || MISSING_TEXT}</td><td>${e.late.join(', ') || MISSING_TEXT}</td></tr>`;
    });
  const table =
    rows.length > 0
      ? html`<table class="reporting"><thead><tr><th scope="col">Tỉnh, thành phố</th><th scope="col">${STATUS_TEXT.missing.glyph} Chưa nộp (kỳ)</th><th scope="col">${STATUS_TEXT.late.glyph} Trễ hạn (kỳ, ngày báo cáo)</th></tr></thead><tbody>${rows}</tbody></table>`
      : data.reporting.length
        ? html`<p>Tất cả các tỉnh đã nộp báo cáo đúng hạn.</p>`
        : html`<p>Chưa có thông tin về việc nộp báo cáo.</p>`;
  return html`<h3>Tình trạng báo cáo của các tỉnh kỳ này</h3>${summary}${statuses}<h3>Tính đầy đủ và đúng hạn trong năm</h3>${table}`;
}

function issuesSection(data: ReportData, names: ReadonlyMap<string, string>): Html {
  if (data.issues.length === 0) return html`<h3>Vấn đề còn tồn tại</h3><p>Không có vấn đề nào.</p>`;
  const provinceCodes = new Set(names.keys());
  const order = new Map(data.provinces.map((p, i) => [p.code, i]));
  const UNKNOWN = '';
  const located = data.issues.map((issue) => ({ issue, province: provinceOf(issue.unitCode, provinceCodes) ?? UNKNOWN }));
  const rank = (p: string) => (p === UNKNOWN ? Infinity : order.get(p)!);
  const provinceName = (p: string) => (p === UNKNOWN ? 'Không xác định được đơn vị' : names.get(p)!);

  const counts = new Map<string, Record<Severity, number>>();
  for (const { issue, province } of located) {
    const c = counts.get(province) ?? { error: 0, warning: 0, info: 0 };
    c[issue.severity]++;
    counts.set(province, c);
  }
  const summaryRows = [...counts.entries()]
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([p, c]) => html`<tr><th scope="row">${provinceName(p)}</th><td class="num">${c.error}</td><td class="num">${c.warning}</td><td class="num">${c.info}</td></tr>`);
  const severityHeads = SEVERITIES.map((s) => html`<th scope="col">${SEVERITY_NAME[s].vi}</th>`);
  const summary = html`<table class="issue-counts"><thead><tr><th scope="col">Tỉnh, thành phố</th>${severityHeads}</tr></thead><tbody>${summaryRows}</tbody></table>`;

  // Details: errors and warnings (information items are the reporting table above).
  const detailed = located
    .filter(({ issue }) => issue.severity !== 'info')
    .sort(
      (a, b) =>
        rank(a.province) - rank(b.province) ||
        SEVERITY_ORDER[a.issue.severity] - SEVERITY_ORDER[b.issue.severity] ||
        (a.issue.file ?? '').localeCompare(b.issue.file ?? '') ||
        (a.issue.sheet ?? '').localeCompare(b.issue.sheet ?? '') ||
        (a.issue.row ?? 0) - (b.issue.row ?? 0) ||
        (a.issue.column ?? 0) - (b.issue.column ?? 0),
    );
  const shown = detailed.slice(0, ISSUE_DETAIL_LIMIT);
  const detailRows = shown.map(({ issue, province }) => {
    const where = issue.sheet ? (issue.cell ? `${issue.sheet}!${issue.cell}` : issue.sheet) : MISSING_TEXT;
    return html`<tr class="${issue.severity}"><td>${provinceName(province)}</td><td class="file">${issue.file ?? MISSING_TEXT}</td><td class="cell">${where}</td><td>${issue.rule}</td><td>${SEVERITY_NAME[issue.severity].vi}</td><td>${issue.message.vi}<span class="en">${issue.message.en}</span></td></tr>`;
  });
  const more =
    detailed.length > shown.length &&
    html`<p class="note">Còn ${viNumber(detailed.length - shown.length, 0)} lỗi và cảnh báo khác: xem báo cáo kiểm tra (validation report) của lần tổng hợp này.</p>`;
  const details =
    detailRows.length > 0
      ? html`<table class="issues"><thead><tr><th scope="col">Tỉnh, thành phố</th><th scope="col">Tệp</th><th scope="col">Vị trí</th><th scope="col">Quy tắc</th><th scope="col">Mức</th><th scope="col">Nội dung</th></tr></thead><tbody>${detailRows}</tbody></table>${more}`
      : html`<p>Không có lỗi hoặc cảnh báo.</p>`;
  return html`<h3>Vấn đề còn tồn tại theo tỉnh</h3>${summary}<h3>Chi tiết lỗi và cảnh báo</h3>${details}`;
}

export function reportHtml(data: ReportData, charts: readonly RenderedReportChart[]): string {
  const period = labelOfPeriod(data.period);
  const previousLabel = data.previousPeriod && data.previousIndicators.length ? labelOfPeriod(data.previousPeriod) : null;
  const names = new Map(data.provinces.map((p) => [p.code, p.name]));
  const inSection = (s: ReportChart['section']) => charts.filter((c) => c.chart.section === s);
  const national = data.indicators.filter((v) => v.unitCode === NATIONAL_CODE);
  const completeness = national.find((v) => v.indicator === 'N13');
  const receivedText =
    completeness?.numerator != null && completeness.denominator != null
      ? `${formatCount(completeness.numerator)}/${formatCount(completeness.denominator)}`
      : MISSING_TEXT;

  const sections: Html[] = [];
  let no = 0;
  const cards = indicatorIds(national).map((id) =>
    card(national.find((v) => v.indicator === id)!, data.previousIndicators.find((v) => v.unitCode === NATIONAL_CODE && v.indicator === id), previousLabel !== null),
  );
  sections.push(html`<section>${heading(++no, 'Chỉ số toàn quốc', 'National indicators', 'chi-so')}${cards.length > 0 ? html`<div class="cards">${cards}</div>` : html`<p>Chưa có chỉ số.</p>`}</section>`);

  // The map first, beside the ranking of the same indicator.
  const map = inSection('map');
  const mapped = new Set(map.map((c) => c.chart.indicator));
  const rankings = inSection('indicators');
  const ranked = [...map, ...rankings.filter((c) => mapped.has(c.chart.indicator)), ...rankings.filter((c) => !mapped.has(c.chart.indicator))];
  if (ranked.length) {
    sections.push(html`<section>${heading(++no, 'Các tỉnh so với toàn quốc và mục tiêu', 'Provinces against the nation and the target', 'xep-hang')}<div class="grid">${ranked.map(figure)}</div></section>`);
  }
  const trend = [...inSection('trend'), ...inSection('effectiveness')];
  if (trend.length) {
    sections.push(html`<section>${heading(++no, 'Diễn biến và hiệu quả', 'Trend and effectiveness', 'dien-bien')}${trend.map(figure)}</section>`);
  }
  sections.push(html`<section class="wide">${heading(++no, 'Chỉ số theo tỉnh', 'Indicators by province', 'bang-tinh')}${provinceTable(data)}</section>`);
  if (data.changes) {
    sections.push(html`<section>${heading(++no, 'Thay đổi so với lần tổng hợp trước', 'Changes since the previous run', 'thay-doi')}${changesSectionHtml(data.changes, names)}</section>`);
  }
  sections.push(
    html`<section>${heading(++no, 'Chất lượng số liệu', 'Data quality', 'chat-luong')}${inSection('reporting').map(figure)}${reportingSection(data, names)}${issuesSection(data, names)}</section>`,
  );

  return html`<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Báo cáo công tác truyền thông BHXH – ${period}</title>
<style>${REPORT_CSS}${STATUS_CSS}</style>
</head>
<body>
<main>
<header class="report">
<p class="org">BẢO HIỂM XÃ HỘI VIỆT NAM · Trung tâm Truyền thông</p>
<h1>Báo cáo tổng hợp công tác thông tin, truyền thông <span class="en">National communication report</span></h1>
<p class="period">${period}</p>
<dl class="meta">
<div><dt>Kỳ báo cáo</dt><dd>${data.period}</dd></div>
<div><dt>So sánh với</dt><dd>${previousLabel ?? 'không có kỳ trước'}</dd></div>
<div><dt>Báo cáo được chấp nhận (N13)</dt><dd>${receivedText}</dd></div>
${data.statuses.length > 0 && html`<div><dt>Tỉnh đã gửi tệp</dt><dd>${countStatuses(data.statuses).received}/${data.statuses.length}</dd></div>`}
<div><dt>Lập lúc</dt><dd>${vietnamTime(data.producedAt)}</dd></div>
</dl>
</header>
${joined(sections, '\n')}
<footer><p>Số liệu tổng hợp tự động từ các báo cáo Mẫu 03, Mẫu 04 và Mục tiêu của BHXH các tỉnh; chỉ số tính bằng tỷ số của các tổng (không lấy bình quân các tỷ lệ). Chi tiết: indicators.csv và báo cáo kiểm tra cùng thư mục.</p></footer>
</main>
</body>
</html>
`.toString();
}
