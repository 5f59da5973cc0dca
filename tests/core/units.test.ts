import { loadRegistry } from '../../pipeline/reference';
import { parsePeriod } from '../../core/periods';

const registry = loadRegistry();

describe('reporting units', () => {
  test('63 provinces until mid-2025, 34 after, codes reused across eras', () => {
    expect(registry.provinces(parsePeriod('2025-06'))).toHaveLength(63);
    expect(registry.provinces(parsePeriod('2025-07'))).toHaveLength(34);
    expect(registry.provinces(parsePeriod('2025'))).toHaveLength(34);
    expect(registry.find('51', parsePeriod('2024'))!.validTo).toBe('2025-06-30');
    expect(registry.find('51', parsePeriod('2026-H1'))!.validFrom).toBe('2025-07-01');
    expect(registry.find('62', parsePeriod('2026-H1'))).toBeUndefined();
  });

  test('a province reports its own office first, then its local offices', () => {
    const rows = registry.reportRows('51', parsePeriod('2026-H1'));
    expect(rows[0]).toMatchObject({ code: '5100', level: 'office' });
    expect(rows.slice(1).every((u) => u.level === 'local' && u.parentCode === '51')).toBe(true);
    expect(rows.map((u) => u.name)).toContain('BHXH cơ sở Sơn Hà');
    expect(registry.localOfficeCount('51', parsePeriod('2026-H1'))).toBe(rows.length - 1);
    expect(registry.reportRows('VN', parsePeriod('2026-03'))).toHaveLength(34);
  });

  test('ceased provinces resolve to their successors', () => {
    expect(registry.successor('62', parsePeriod('2026'))).toMatchObject({ code: '51', name: 'Quảng Ngãi' });
    expect(registry.successor('35', parsePeriod('2026'))).toMatchObject({ code: '37' });
    expect(registry.successor('01', parsePeriod('2026'))).toMatchObject({ code: '01', validFrom: '2025-07-01' });
  });
});
