/** data/units.csv, data/provinces.csv and data/targets.csv load and hold together. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv } from '../../core/csv';
import { parsePeriod } from '../../core/periods';
import { isOfficeCode, type Unit } from '../../core/units';
import { DATA_DIR, loadRegistry, loadTargets } from '../../pipeline/reference';

const registry = loadRegistry();
const CURRENT = '2026-01-31';
const OLD = '2025-06-30';

describe('units.csv', () => {
  const current = registry.provinces(CURRENT);
  const old = registry.provinces(OLD);

  test('34 provinces from 2025-07-01, 63 until 2025-06-30', () => {
    expect(current).toHaveLength(34);
    expect(old).toHaveLength(63);
    expect(registry.provinces('2025-07-01')).toHaveLength(34);
  });

  test('matches provinces.csv, row for row', () => {
    const provinces = parseCsv(readFileSync(join(DATA_DIR, 'provinces.csv'), 'utf8'));
    const rows = registry.units.filter((u) => u.level === 'province');
    expect(rows.map((u) => [u.code, u.name, u.validFrom ?? '', u.validTo ?? '', u.successorCode ?? ''])).toEqual(
      provinces.map((p) => [p.code, p.name.normalize('NFC'), p.valid_from, p.valid_to, p.successor_code]),
    );
  });

  test('every province of both eras has its own office row with the same validity', () => {
    for (const p of [...current, ...old]) {
      const office = registry.find(`${p.code}00`, p.validTo ?? CURRENT);
      expect(office).toMatchObject({ level: 'office', parentCode: p.code, validFrom: p.validFrom, validTo: p.validTo, name: 'Văn phòng BHXH tỉnh' });
    }
  });

  test('every current province has 8–12 local offices, listed after the office row', () => {
    for (const p of current) {
      const rows = registry.reportRows(p.code, CURRENT);
      expect(rows[0].code).toBe(`${p.code}00`);
      const locals = rows.slice(1);
      expect(locals.every((u) => u.level === 'local' && u.code.startsWith(p.code) && !isOfficeCode(u.code))).toBe(true);
      expect(registry.localOfficeCount(p.code, CURRENT)).toBeGreaterThanOrEqual(8);
      expect(registry.localOfficeCount(p.code, CURRENT)).toBeLessThanOrEqual(12);
    }
  });

  test('pre-merger provinces keep a few placeholder district offices', () => {
    for (const p of old) {
      const locals = registry.children(p.code, OLD).filter((u) => u.level === 'local');
      expect(locals.length).toBeGreaterThan(0);
      expect(locals.every((u) => u.placeholder && u.name.startsWith('BHXH huyện'))).toBe(true);
    }
  });

  test('communes of the 34 current provinces sum to 3,321; old provinces leave them unknown', () => {
    expect(current.every((p) => Number.isInteger(p.communes) && p.communes! > 0)).toBe(true);
    expect(current.reduce((n, p) => n + p.communes!, 0)).toBe(3321);
    expect(registry.find('51', CURRENT)?.communes).toBe(96);
    expect(old.every((p) => p.communes === null)).toBe(true);
  });

  test('every ceased province has a successor valid after the merger', () => {
    for (const p of old) {
      expect(p.successorCode).not.toBeNull();
      expect(registry.successor(p.code, CURRENT)?.code).toBe(p.successorCode);
    }
    expect(registry.successor('62', CURRENT)?.name).toBe('Quảng Ngãi');
    expect(registry.successor('70', CURRENT)?.name).toBe('Đồng Nai');
  });

  test('codes are unique within an era and children sit inside their parent', () => {
    for (const at of [CURRENT, OLD]) {
      const codes = registry.units.filter((u) => registry.find(u.code, at) === u).map((u) => u.code);
      const valid = registry.units.filter((u) => (u.validFrom ?? '') <= at && at <= (u.validTo ?? '9999'));
      expect(codes).toHaveLength(valid.length);
    }
    for (const u of registry.units.filter((x) => x.parentCode)) {
      const parent = registry.find(u.parentCode!, u.validTo ?? u.validFrom!);
      expect(parent?.level).toBe('province');
      expect([parent?.validFrom, parent?.validTo]).toEqual([u.validFrom, u.validTo]);
    }
  });

  test('names are NFC; placeholders, and only they, say so', () => {
    const text = readFileSync(join(DATA_DIR, 'units.csv'), 'utf8');
    expect(text).toBe(text.normalize('NFC'));
    const marked = (u: Unit) => u.name.includes('(tên tạm)');
    expect(registry.units.filter((u) => marked(u) !== u.placeholder)).toEqual([]);
    expect(registry.find('5101', CURRENT)?.name).toBe('BHXH cơ sở Sơn Hà');
    expect(registry.find('7501', CURRENT)?.name).toBe('BHXH cơ sở Tân Phú');
  });
});

describe('targets.csv', () => {
  const targets = loadTargets();

  test('loads and sets the seed targets for 2024–2027', () => {
    for (const year of [2024, 2025, 2026, 2027]) {
      const half = parsePeriod(`${year}-H1`);
      const annual = parsePeriod(String(year));
      expect(targets.targetOf('N06', half)).toBe(0.25);
      expect(targets.targetOf('N06', annual)).toBe(0.25);
      expect(targets.targetOf('N07', half)).toBe(5);
      expect(targets.targetOf('N07', annual)).toBe(10);
      expect(targets.targetOf('N12', annual)).toBe(5);
      expect(targets.targetOf('N12', parsePeriod(`${year}-03`))).toBe(5);
      expect(targets.targetOfRow('T1', annual)).not.toBeNull();
    }
  });

  test('one row per year, kind and indicator; percentages are fractions', () => {
    const keys = targets.settings.map((s) => `${s.year}/${s.periodType}/${s.indicator}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const s of targets.settings.filter((x) => ['N01', 'N02', 'N03', 'N04', 'N05', 'N06'].includes(x.indicator))) {
      expect(s.target).toBeGreaterThan(0);
      expect(s.target).toBeLessThanOrEqual(1);
    }
  });

  test('the Decision 294 defaults are marked as such', () => {
    const defaults = targets.settings.filter((s) => ['N01', 'N02', 'N03', 'N04', 'N05'].includes(s.indicator));
    expect(defaults).toHaveLength(5 * 2 * 4);
    expect(defaults.every((s) => s.note.includes('giá trị mặc định, cần xác nhận theo QĐ 294/QĐ-LĐTBXH'))).toBe(true);
  });
});
