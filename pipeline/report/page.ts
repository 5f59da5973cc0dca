/**
 * The leadership report as one self-contained HTML page: inline CSS and inline SVG charts, no
 * script, no external resource (a Content-Security-Policy says so to the browser), so it opens
 * from disk offline and prints on A4. Every text from files or the registry goes through
 * escapeHtml.
 */
import type { ReportChart } from '../../core/charts';
import {
  formatIndicatorDelta,
  formatIndicatorValue,
  MISSING_TEXT,
  shortPeriodLabel,
  STATUS_TEXT,
} from '../../core/charts';
import { INDICATOR_BY_ID, INDICATORS, type IndicatorId, type IndicatorValue } from '../../core/indicators';
import { viDate, viNumber, vietnamTime } from '../../core/format';
import { comparePeriods, parsePeriod, periodLabel } from '../../core/periods';
import type { ReportData, ReportingCell } from '../../core/report-data';
import { SEVERITY_NAME, SEVERITY_ORDER, type Severity } from '../../core/submission';
import { countStatuses, provinceOf } from '../../core/unit-status';
import { NATIONAL_CODE } from '../../core/units';
import { escapeHtml as h } from './escape';
import { changesSectionHtml } from './changes-section';
import { statusCountsHtml, statusTableHtml, STATUS_CSS } from './status-table';
import { REPORT_CSS } from './style';

export interface RenderedReportChart {
  chart: ReportChart;
  /** The chart's SVG with its ids already scoped. */
  svg: string;
}

/** Most detailed issues listed; the validation report of the consolidation has them all. */
export const ISSUE_DETAIL_LIMIT = 300;


/** When the report was produced, in Vietnam time (core/format). */
export const formatProducedAt = vietnamTime;

const labelOfPeriod = (code: string) => {
  try {
    return periodLabel(parsePeriod(code)).vi;
  } catch {
    return code;
  }
};

function heading(no: number, vi: string, en: string, id: string): string {
  return `<h2 id="${id}">${no}. ${h(vi)} <span class="en">${h(en)}</span></h2>`;
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

function figure(rendered: RenderedReportChart): string {
  const { chart } = rendered;
  const svg = displaySize(rendered.svg, SCREEN_SCALE);
  const note = chart.caption ? `${h(chart.caption)} ` : '';
  return `<figure class="chart chart-${h(chart.section)}" id="chart-${h(chart.id)}">${svg}<figcaption>${note}<span class="file">charts/${h(chart.id)}.png</span></figcaption></figure>`;
}

function meetsTarget(v: IndicatorValue | undefined): boolean | null {
  if (!v || v.value === null || v.target === null) return null;
  return v.value >= v.target;
}

/** `hasPrevious`: a previous period was consolidated (its label is in the page header). */
function card(current: IndicatorValue, previous: IndicatorValue | undefined, hasPrevious: boolean): string {
  const def = INDICATOR_BY_ID[current.indicator];
  const met = meetsTarget(current);
  const status =
    met === null
      ? current.target === null
        ? '<p class="status">Không có mục tiêu</p>'
        : '<p class="status">Chưa có số liệu để so với mục tiêu</p>'
      : met
        ? `<p class="status met">✓ Đạt mục tiêu ${h(formatIndicatorValue(def.id, current.target))}</p>`
        : `<p class="status below">✗ Chưa đạt mục tiêu ${h(formatIndicatorValue(def.id, current.target))} (${h(formatIndicatorDelta(def.id, current.value! - current.target!))})</p>`;
  let change = '';
  if (hasPrevious) {
    if (current.value !== null && previous?.value != null) {
      const deltaText = formatIndicatorDelta(def.id, current.value - previous.value);
      // The arrow follows the rounded difference the reader sees.
      const arrow = deltaText.startsWith('+') ? '▲' : /^[0,]+( |$)/.test(deltaText) ? '►' : '▼';
      change = `<p class="change">${arrow} ${h(deltaText)} so với kỳ trước (${h(formatIndicatorValue(def.id, previous.value))})</p>`;
    } else change = '<p class="change">Kỳ trước: chưa có số liệu</p>';
  }
  const basis =
    current.numerator !== null && current.denominator !== null
      ? `<p class="basis">${h(formatCount(current.numerator))} / ${h(formatCount(current.denominator))}</p>`
      : '';
  const cls = met === null ? 'card' : met ? 'card met' : 'card below';
  return `<article class="${cls}"><h3><span class="code">${def.id}</span> ${h(def.label.vi)}</h3><p class="value">${h(formatIndicatorValue(def.id, current.value))}</p>${status}${change}${basis}</article>`;
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

function provinceTable(data: ReportData): string {
  const ids = indicatorIds(data.indicators);
  const byUnit = new Map<string, Map<IndicatorId, IndicatorValue>>();
  for (const v of data.indicators) {
    if (!byUnit.has(v.unitCode)) byUnit.set(v.unitCode, new Map());
    byUnit.get(v.unitCode)!.set(v.indicator, v);
  }
  const cells = (unit: string) =>
    ids
      .map((id) => {
        const v = byUnit.get(unit)?.get(id);
        const below = meetsTarget(v) === false;
        const text = tableValue(id, v?.value ?? null);
        return `<td class="num${below ? ' below' : ''}">${h(text)}${below ? ' ▾' : ''}</td>`;
      })
      .join('');
  const head = ids
    .map((id) => `<th scope="col" title="${h(INDICATOR_BY_ID[id].label.vi)}">${id}<span class="unit">${INDICATOR_BY_ID[id].unit === 'percent' ? '%' : 'bq'}</span></th>`)
    .join('');
  const rows = data.provinces.map((p) => `<tr><th scope="row">${h(p.name)}</th>${cells(p.code)}</tr>`).join('');
  const key = ids.map((id) => `<li><b>${id}</b>: ${h(INDICATOR_BY_ID[id].label.vi)}</li>`).join('');
  return `<div class="table-wrap"><table class="provinces"><thead><tr><th scope="col">Tỉnh, thành phố</th>${head}</tr></thead><tbody>${rows}</tbody><tfoot><tr class="total"><th scope="row">Toàn quốc</th>${cells(NATIONAL_CODE)}</tr></tfoot></table></div>
<p class="note">%: tỷ lệ phần trăm; bq: số bình quân. ▾ và nền cam: dưới mục tiêu. ${MISSING_TEXT}: chưa có số liệu (chưa báo cáo hoặc mẫu số bằng 0).</p><ul class="key">${key}</ul>`;
}

function reportingSection(data: ReportData, names: ReadonlyMap<string, string>): string {
  const own = data.reporting.filter((c) => c.period === data.period);
  const count = (s: ReportingCell['status']) => own.filter((c) => c.status === s).length;
  const summary = own.length
    ? `<p>Kỳ ${h(labelOfPeriod(data.period))}: đã nhận <b>${count('on_time') + count('late')}/${own.length}</b> báo cáo được chấp nhận, trong đó <b>${count('on_time')}</b> đúng hạn, <b>${count('late')}</b> trễ hạn; <b>${count('refused')}</b> tỉnh đã gửi nhưng bị từ chối; <b>${count('missing')}</b> tỉnh chưa nộp.</p>`
    : '';
  const statuses = data.statuses.length
    ? `${statusCountsHtml(data.statuses)}${statusTableHtml(data.statuses, ['override', 'late', 'refused', 'missing'])}`
    : '';
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
      return `<tr><th scope="row">${h(p.name)}</th><td>${h(e.missing.join(', ') || MISSING_TEXT)}</td><td>${h(e.late.join(', ') || MISSING_TEXT)}</td></tr>`;
    })
    .join('');
  const table = rows
    ? `<table class="reporting"><thead><tr><th scope="col">Tỉnh, thành phố</th><th scope="col">${STATUS_TEXT.missing.glyph} Chưa nộp (kỳ)</th><th scope="col">${STATUS_TEXT.late.glyph} Trễ hạn (kỳ, ngày báo cáo)</th></tr></thead><tbody>${rows}</tbody></table>`
    : data.reporting.length
      ? '<p>Tất cả các tỉnh đã nộp báo cáo đúng hạn.</p>'
      : '<p>Chưa có thông tin về việc nộp báo cáo.</p>';
  return `<h3>Tình trạng báo cáo của các tỉnh kỳ này</h3>${summary}${statuses}<h3>Tính đầy đủ và đúng hạn trong năm</h3>${table}`;
}

function issuesSection(data: ReportData, names: ReadonlyMap<string, string>): string {
  if (data.issues.length === 0) return '<h3>Vấn đề còn tồn tại</h3><p>Không có vấn đề nào.</p>';
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
    .map(([p, c]) => `<tr><th scope="row">${h(provinceName(p))}</th><td class="num">${c.error}</td><td class="num">${c.warning}</td><td class="num">${c.info}</td></tr>`)
    .join('');
  const summary = `<table class="issue-counts"><thead><tr><th scope="col">Tỉnh, thành phố</th><th scope="col">Lỗi</th><th scope="col">Cảnh báo</th><th scope="col">Thông tin</th></tr></thead><tbody>${summaryRows}</tbody></table>`;

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
  const detailRows = shown
    .map(({ issue, province }) => {
      const where = issue.sheet ? (issue.cell ? `${issue.sheet}!${issue.cell}` : issue.sheet) : MISSING_TEXT;
      return `<tr class="${issue.severity}"><td>${h(provinceName(province))}</td><td class="file">${h(issue.file ?? MISSING_TEXT)}</td><td class="cell">${h(where)}</td><td>${h(issue.rule)}</td><td>${SEVERITY_NAME[issue.severity].vi}</td><td>${h(issue.message.vi)}<span class="en">${h(issue.message.en)}</span></td></tr>`;
    })
    .join('');
  const more =
    detailed.length > shown.length
      ? `<p class="note">Còn ${viNumber(detailed.length - shown.length, 0)} lỗi và cảnh báo khác: xem báo cáo kiểm tra (validation report) của lần tổng hợp này.</p>`
      : '';
  const details = detailRows
    ? `<table class="issues"><thead><tr><th scope="col">Tỉnh, thành phố</th><th scope="col">Tệp</th><th scope="col">Vị trí</th><th scope="col">Quy tắc</th><th scope="col">Mức</th><th scope="col">Nội dung</th></tr></thead><tbody>${detailRows}</tbody></table>${more}`
    : '<p>Không có lỗi hoặc cảnh báo.</p>';
  return `<h3>Vấn đề còn tồn tại theo tỉnh</h3>${summary}<h3>Chi tiết lỗi và cảnh báo</h3>${details}`;
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

  const sections: string[] = [];
  let no = 0;
  const cards = indicatorIds(national)
    .map((id) => card(national.find((v) => v.indicator === id)!, data.previousIndicators.find((v) => v.unitCode === NATIONAL_CODE && v.indicator === id), previousLabel !== null))
    .join('');
  sections.push(`<section>${heading(++no, 'Chỉ số toàn quốc', 'National indicators', 'chi-so')}${cards ? `<div class="cards">${cards}</div>` : '<p>Chưa có chỉ số.</p>'}</section>`);

  // The map first, beside the ranking of the same indicator.
  const map = inSection('map');
  const mapped = new Set(map.map((c) => c.chart.indicator));
  const rankings = inSection('indicators');
  const ranked = [...map, ...rankings.filter((c) => mapped.has(c.chart.indicator)), ...rankings.filter((c) => !mapped.has(c.chart.indicator))];
  if (ranked.length) {
    sections.push(`<section>${heading(++no, 'Các tỉnh so với toàn quốc và mục tiêu', 'Provinces against the nation and the target', 'xep-hang')}<div class="grid">${ranked.map(figure).join('')}</div></section>`);
  }
  const trend = [...inSection('trend'), ...inSection('effectiveness')];
  if (trend.length) {
    sections.push(`<section>${heading(++no, 'Diễn biến và hiệu quả', 'Trend and effectiveness', 'dien-bien')}${trend.map(figure).join('')}</section>`);
  }
  sections.push(`<section class="wide">${heading(++no, 'Chỉ số theo tỉnh', 'Indicators by province', 'bang-tinh')}${provinceTable(data)}</section>`);
  if (data.changes) {
    sections.push(`<section>${heading(++no, 'Thay đổi so với lần tổng hợp trước', 'Changes since the previous run', 'thay-doi')}${changesSectionHtml(data.changes, names)}</section>`);
  }
  sections.push(
    `<section>${heading(++no, 'Chất lượng số liệu', 'Data quality', 'chat-luong')}${inSection('reporting').map(figure).join('')}${reportingSection(data, names)}${issuesSection(data, names)}</section>`,
  );

  return `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Báo cáo công tác truyền thông BHXH – ${h(period)}</title>
<style>${REPORT_CSS}${STATUS_CSS}</style>
</head>
<body>
<main>
<header class="report">
<p class="org">BẢO HIỂM XÃ HỘI VIỆT NAM · Trung tâm Truyền thông</p>
<h1>Báo cáo tổng hợp công tác thông tin, truyền thông <span class="en">National communication report</span></h1>
<p class="period">${h(period)}</p>
<dl class="meta">
<div><dt>Kỳ báo cáo</dt><dd>${h(data.period)}</dd></div>
<div><dt>So sánh với</dt><dd>${previousLabel ? h(previousLabel) : 'không có kỳ trước'}</dd></div>
<div><dt>Báo cáo được chấp nhận (N13)</dt><dd>${h(receivedText)}</dd></div>
${data.statuses.length ? `<div><dt>Tỉnh đã gửi tệp</dt><dd>${countStatuses(data.statuses).received}/${data.statuses.length}</dd></div>` : ''}
<div><dt>Lập lúc</dt><dd>${h(formatProducedAt(data.producedAt))}</dd></div>
</dl>
</header>
${sections.join('\n')}
<footer><p>Số liệu tổng hợp tự động từ các báo cáo Mẫu 03, Mẫu 04 và Mục tiêu của BHXH các tỉnh; chỉ số tính bằng tỷ số của các tổng (không lấy bình quân các tỷ lệ). Chi tiết: indicators.csv và báo cáo kiểm tra cùng thư mục.</p></footer>
</main>
</body>
</html>
`;
}
