/**
 * Choosing the report: period type, year, month, province, reporting unit (the province as a
 * whole or one of its local offices, as valid in that period) and report date.
 */
import type { Text } from '../../core/forms';
import { pad2, viDate } from '../../core/format';
import { parsePeriod, PeriodError, type Period, type PeriodKind } from '../../core/periods';
import { parseReportDate } from '../../core/reader';
import type { UnitRegistry } from '../../core/units';
import { UI, type Lang } from '../i18n';
import { PaneError, type CreateRequest } from '../workflows';
import { byId, clear, el } from './dom';

/** Today as ISO `YYYY-MM-DD` in the user's time zone. */
function todayIso(now = new Date()): string {
  return `${now.getFullYear()}-${pad2(now.getMonth() + 1)}-${pad2(now.getDate())}`;
}

export class UnitPicker {
  private readonly kind = byId<HTMLSelectElement>('period-kind');
  private readonly year = byId<HTMLInputElement>('period-year');
  private readonly month = byId<HTMLSelectElement>('period-month');
  private readonly province = byId<HTMLSelectElement>('province');
  private readonly unit = byId<HTMLSelectElement>('unit');
  private readonly reportDate = byId<HTMLInputElement>('report-date');
  private readonly monthLabel = document.querySelector<HTMLLabelElement>('label[for="period-month"]');

  constructor(
    private readonly registry: UnitRegistry,
    private lang: Lang,
  ) {}

  setLang(lang: Lang): void {
    this.lang = lang;
    this.fillUnits();
  }

  /** `51 – Quảng Ngãi`: a unit as messages name it, code and name. */
  unitLabel(code: string, period: Period): Text {
    const name = this.registry.find(code, period)?.name;
    return name ? { vi: `${code} – ${name}`, en: `${code} – ${name}` } : { vi: code, en: code };
  }

  /** Defaults: this month's report, dated today. */
  init(now = new Date()): void {
    for (let m = 1; m <= 12; m++) this.month.append(el('option', { text: pad2(m), attrs: { value: pad2(m) } }));
    this.kind.value = 'month';
    this.year.value = String(now.getFullYear());
    this.month.value = pad2(now.getMonth() + 1);
    this.reportDate.value = viDate(todayIso(now));
    const refresh = () => this.refreshUnits();
    this.kind.addEventListener('change', refresh);
    this.year.addEventListener('change', refresh);
    this.month.addEventListener('change', refresh);
    this.province.addEventListener('change', () => this.fillUnits());
    this.unit.addEventListener('change', () => this.titleOfChoice());
    refresh();
  }

  /** Shows the report a workbook already holds (unit code, period code, ISO report date). */
  show(unitCode: string, periodCode: string, reportDate: string | null): void {
    let period: Period;
    try {
      period = parsePeriod(periodCode);
    } catch {
      return;
    }
    this.kind.value = period.kind;
    this.year.value = String(period.year);
    if (period.month) this.month.value = pad2(period.month);
    const unit = this.registry.find(unitCode, period);
    this.refreshUnits(unit?.level === 'local' ? unit.parentCode : unitCode);
    if ([...this.unit.options].some((o) => o.value === unitCode)) this.unit.value = unitCode;
    if (reportDate) this.reportDate.value = viDate(reportDate);
    this.titleOfChoice();
  }

  /** The request for "create", or a PaneError saying what is missing. */
  request(): CreateRequest {
    const period = this.period();
    if (!period) throw new PaneError(UI.badYear);
    if (!this.unit.value) throw new PaneError(UI.noUnit);
    // Typed as dd/mm/yyyy whatever the web view's locale (a date input would follow it).
    const reportDate = parseReportDate(this.reportDate.value);
    if (reportDate === 'invalid') throw new PaneError(UI.badReportDate);
    return { unitCode: this.unit.value, period, reportDate };
  }

  private period(): Period | null {
    const kind = this.kind.value as PeriodKind;
    const year = this.year.value.trim();
    const code = kind === 'month' ? `${year}-${this.month.value}` : kind === 'half' ? `${year}-H1` : year;
    try {
      return parsePeriod(code);
    } catch (err) {
      if (err instanceof PeriodError) return null;
      throw err;
    }
  }

  /** Provinces valid in the chosen period; keeps the chosen one when it still exists. */
  private refreshUnits(preferProvince: string | null = this.province.value || null): void {
    const monthly = this.kind.value === 'month';
    this.month.hidden = !monthly;
    if (this.monthLabel) this.monthLabel.hidden = !monthly;
    const period = this.period();
    clear(this.province);
    if (!period) {
      clear(this.unit);
      return;
    }
    const provinces = this.registry.provinces(period).sort((a, b) => a.code.localeCompare(b.code));
    for (const p of provinces) this.province.append(el('option', { text: `${p.code} – ${p.name}`, attrs: { value: p.code } }));
    if (preferProvince && provinces.some((p) => p.code === preferProvince)) this.province.value = preferProvince;
    this.fillUnits();
  }

  /** The province as a whole first, then its local offices. */
  private fillUnits(): void {
    const period = this.period();
    const code = this.province.value;
    const chosen = this.unit.value;
    clear(this.unit);
    if (!period || !code) return;
    this.unit.append(el('option', { text: `${code} – ${UI.wholeProvince[this.lang]}`, attrs: { value: code } }));
    for (const u of this.registry.children(code, period).filter((c) => c.level === 'local')) {
      this.unit.append(el('option', { text: `${u.code} – ${u.name}`, attrs: { value: u.code } }));
    }
    if ([...this.unit.options].some((o) => o.value === chosen)) this.unit.value = chosen;
    this.titleOfChoice();
  }

  /** The chosen option's whole text as the field's tooltip, for a name longer than the pane. */
  private titleOfChoice(): void {
    for (const select of [this.province, this.unit]) select.title = select.selectedOptions[0]?.text ?? '';
  }
}
