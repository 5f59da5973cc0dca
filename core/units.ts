/**
 * Reporting units with validity dates: the nation (`VN`), provinces (GSO codes, reused across
 * the 2025 merger, so a unit is code + validity), each province's own office row
 * (`<province>00`) and its local offices (`<province>01`…). Loaded from `data/units.csv`.
 */
import { parseCsv } from './csv';
import { isIsoDate } from './dates';
import { type Period, parsePeriod, periodEnd } from './periods';

export type UnitLevel = 'national' | 'province' | 'office' | 'local';

export interface Unit {
  code: string;
  name: string;
  level: UnitLevel;
  parentCode: string | null;
  /** ISO dates, inclusive; null = open-ended. */
  validFrom: string | null;
  validTo: string | null;
  /** For provinces that ceased in 2025: the province that took them over. */
  successorCode: string | null;
  /** Communes (xã, phường, đặc khu) of a province, when known. */
  communes: number | null;
  /** True where the name is a stand-in, not a published one. */
  placeholder: boolean;
}

export const NATIONAL_CODE = 'VN';

export const NATIONAL_UNIT: Unit = {
  code: NATIONAL_CODE,
  name: 'Bảo hiểm xã hội Việt Nam',
  level: 'national',
  parentCode: null,
  validFrom: null,
  validTo: null,
  successorCode: null,
  communes: null,
  placeholder: false,
};

const LEVELS: readonly UnitLevel[] = ['province', 'office', 'local'];

/** The own-office row of a province: `51` → `5100`. */
export function officeCodeOf(provinceCode: string): string {
  return `${provinceCode}00`;
}

/** Shaped like a unit code (a province `51`, an office `5100` or a local office `5102`), known or not. */
export function isUnitCodeShape(code: string): boolean {
  return /^\d{2}(\d{2})?$/.test(code);
}

export function isOfficeCode(code: string): boolean {
  return /^\d{2}00$/.test(code);
}

function validOn(u: Unit, date: string): boolean {
  return (u.validFrom === null || u.validFrom <= date) && (u.validTo === null || date <= u.validTo);
}

/**
 * The day a list of units is asked for: a period (its units are those valid on its last day, so
 * the 2025 annual report is the 34's), a period code, or an ISO date.
 */
export type AsOf = Period | string;

function dateOf(asOf: AsOf): string {
  if (typeof asOf !== 'string') return periodEnd(asOf);
  return isIsoDate(asOf) ? asOf : periodEnd(parsePeriod(asOf));
}

export class UnitRegistry {
  private readonly byCode = new Map<string, Unit[]>();

  constructor(readonly units: readonly Unit[]) {
    for (const u of units) {
      const list = this.byCode.get(u.code) ?? [];
      list.push(u);
      this.byCode.set(u.code, list);
    }
  }

  /** Reads `data/units.csv`: code,name,level,parent_code,valid_from,valid_to,successor_code,communes,placeholder */
  static fromCsv(text: string): UnitRegistry {
    const units = parseCsv(text).map((r, i): Unit => {
      const level = r.level as UnitLevel;
      if (!LEVELS.includes(level)) throw new Error(`units.csv line ${i + 2}: unknown level "${r.level}"`);
      return {
        code: r.code,
        name: r.name.normalize('NFC'),
        level,
        parentCode: r.parent_code || null,
        validFrom: r.valid_from || null,
        validTo: r.valid_to || null,
        successorCode: r.successor_code || null,
        communes: r.communes ? Number(r.communes) : null,
        placeholder: r.placeholder === '1' || r.placeholder === 'true',
      };
    });
    return new UnitRegistry(units);
  }

  /** The unit with this code valid as of the period or date, if any. */
  find(code: string, asOf: AsOf): Unit | undefined {
    if (code === NATIONAL_CODE) return NATIONAL_UNIT;
    const date = dateOf(asOf);
    return this.byCode.get(code)?.find((u) => validOn(u, date));
  }

  /** Every version of a code across eras (for messages such as "expired unit"). */
  versions(code: string): readonly Unit[] {
    return this.byCode.get(code) ?? [];
  }

  provinces(asOf: AsOf): Unit[] {
    const date = dateOf(asOf);
    return this.units.filter((u) => u.level === 'province' && validOn(u, date));
  }

  /** Units valid in the period whose parent is `code`, in code order. */
  children(code: string, asOf: AsOf): Unit[] {
    const date = dateOf(asOf);
    if (code === NATIONAL_CODE) return this.provinces(date);
    return this.units
      .filter((u) => u.parentCode === code && validOn(u, date))
      .sort((a, b) => a.code.localeCompare(b.code));
  }

  /**
   * Rows of a report by this unit: a province reports its own office then its local offices;
   * the nation reports one row per province; a local office reports itself.
   */
  reportRows(code: string, asOf: AsOf): Unit[] {
    const unit = this.find(code, asOf);
    // A local office's own workbook (imported by its province) holds its single row.
    return unit?.level === 'local' ? [unit] : this.children(code, asOf);
  }

  /** Local offices under a unit (V09, N08): a province's own, or all of them for the nation. */
  localOfficeCount(code: string, asOf: AsOf): number {
    if (code === NATIONAL_CODE) {
      return this.provinces(asOf).reduce((n, p) => n + this.localOfficeCount(p.code, asOf), 0);
    }
    const province = isOfficeCode(code) ? code.slice(0, 2) : code;
    return this.children(province, asOf).filter((u) => u.level === 'local').length;
  }

  /** The province valid as of `asOf` that carries on this (possibly ceased) province. */
  successor(code: string, asOf: AsOf): Unit | undefined {
    const date = dateOf(asOf);
    let unit = this.byCode.get(code)?.find((u) => u.level === 'province' && validOn(u, date));
    if (unit) return unit;
    const ceased = this.byCode.get(code)?.find((u) => u.level === 'province' && u.successorCode);
    return ceased?.successorCode ? this.find(ceased.successorCode, date) : undefined;
  }
}
