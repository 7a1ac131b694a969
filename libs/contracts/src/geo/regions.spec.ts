import { allProvinces } from './admin-units';
import { MACRO_REGION_BY_PROVINCE, region } from './regions';

describe('region', () => {
  it('maps every one of the 34 provinces, and nothing else', () => {
    const provinceCodes = allProvinces().map((p) => p.code);
    expect(provinceCodes).toHaveLength(34);
    for (const code of provinceCodes) expect(region(code)).toMatch(/^(north|central|south)$/);
    expect([...MACRO_REGION_BY_PROVINCE.keys()].sort()).toEqual([...provinceCodes].sort());
  });

  it('splits them 15 north / 11 central / 8 south', () => {
    const count = (r: string) => [...MACRO_REGION_BY_PROVINCE.values()].filter((v) => v === r).length;
    expect([count('north'), count('central'), count('south')]).toEqual([15, 11, 8]);
  });

  it('puts the border cases where the macro-regions put them', () => {
    expect(region('01')).toBe('north'); // Hà Nội
    expect(region('37')).toBe('north'); // Ninh Bình: Đồng bằng sông Hồng
    expect(region('38')).toBe('central'); // Thanh Hóa: Bắc Trung Bộ
    expect(region('68')).toBe('central'); // Lâm Đồng: Tây Nguyên (+ Bình Thuận)
    expect(region('75')).toBe('south'); // Đồng Nai: Đông Nam Bộ
    expect(region('79')).toBe('south'); // TP. Hồ Chí Minh
    expect(region('96')).toBe('south'); // Cà Mau
  });

  it('returns undefined for unknown or pre-2025 codes', () => {
    expect(region('02')).toBeUndefined(); // Hà Giang, merged into Tuyên Quang (08)
    expect(region('1')).toBeUndefined();
    expect(region('constructor')).toBeUndefined();
  });
});
