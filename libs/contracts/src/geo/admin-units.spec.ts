import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import {
  ADMIN_UNITS_FILE,
  allProvinces,
  findProvince,
  findWard,
  findWardByName,
  matchWardsByName,
  validateAddressCodes,
  wardsOf,
  type Ward,
} from './admin-units';

const codes = (wards: readonly Ward[]): string[] => wards.map((w) => w.code);

describe('admin units (1 July 2025 reform)', () => {
  it('has 34 provinces and 3,321 wards with unique codes', () => {
    const provinces = allProvinces();
    expect(provinces).toHaveLength(34);
    expect(provinces.filter((p) => p.type === 'thanh_pho')).toHaveLength(6);
    const wards = provinces.flatMap((p) => wardsOf(p.code));
    expect(wards).toHaveLength(3321);
    expect(new Set(codes(wards)).size).toBe(3321);
    const byType = (t: Ward['type']) => wards.filter((w) => w.type === t).length;
    expect([byType('xa'), byType('phuong'), byType('dac_khu')]).toEqual([2621, 687, 13]);
  });

  it('matches the official per-province counts', () => {
    expect(wardsOf('01')).toHaveLength(126); // Hà Nội
    expect(wardsOf('79')).toHaveLength(168); // TP. Hồ Chí Minh
    expect(wardsOf('38')).toHaveLength(166); // Thanh Hóa
    expect(wardsOf('25')).toHaveLength(148); // Phú Thọ
  });

  it('finds provinces and wards by code', () => {
    expect(findProvince('01')).toEqual({ code: '01', name: 'Thành phố Hà Nội', shortName: 'Hà Nội', type: 'thanh_pho' });
    expect(findProvince('1')).toBeUndefined();
    expect(findProvince('02')).toBeUndefined(); // Hà Giang: pre-2025, merged into Tuyên Quang
    expect(findWard('00004')).toEqual({ code: '00004', name: 'Phường Ba Đình', shortName: 'Ba Đình', type: 'phuong', provinceCode: '01' });
    expect(findWard('99999')).toBeUndefined();
    expect(wardsOf('00')).toEqual([]);
  });

  it('carries the Ba Chẽ code correction (06970, not 06978) in Quảng Ninh', () => {
    expect(findWard('06970')).toMatchObject({ name: 'Xã Ba Chẽ', type: 'xa', provinceCode: '22' });
    expect(findWard('06978')).toBeUndefined();
    expect(findProvince('22')?.name).toBe('Tỉnh Quảng Ninh');
  });

  it('carries the Phố Bảng spelling correction (00745, Tuyên Quang)', () => {
    expect(findWard('00745')).toMatchObject({ name: 'Xã Phố Bảng', shortName: 'Phố Bảng', provinceCode: '08' });
  });

  it('keeps names NFC-normalised', () => {
    for (const w of allProvinces().flatMap((p) => wardsOf(p.code))) expect(w.name).toBe(w.name.normalize('NFC'));
  });

  it('hands out frozen objects so the shared cache cannot be mutated', () => {
    expect(Object.isFrozen(findWard('00004'))).toBe(true);
    expect(Object.isFrozen(wardsOf('01'))).toBe(true);
    expect(Object.isFrozen(allProvinces())).toBe(true);
  });

  it('reads the JSON file next to the module, byte-identical to the copy recorded in SOURCES.md', () => {
    // Catches a reformat (for example `prettier --write .`) or a hand edit that SOURCES.md does not describe.
    const sha256 = crypto.createHash('sha256').update(fs.readFileSync(ADMIN_UNITS_FILE)).digest('hex');
    expect(sha256).toBe('5117599c8d06739eb42bfb70358c29404c7d0444cec93a59aff697ccb95378aa');
  });
});

describe('validateAddressCodes', () => {
  it('accepts a ward in its province', () => {
    const r = validateAddressCodes('22', '06970');
    expect(r).toMatchObject({ ok: true, province: { code: '22' }, ward: { code: '06970', name: 'Xã Ba Chẽ' } });
  });

  it('rejects an unknown province', () => {
    const r = validateAddressCodes('02', '00004');
    expect(r).toMatchObject({ ok: false, field: 'provinceCode' });
    if (!r.ok) expect(r.messageVi).toContain('"02"');
  });

  it('rejects an unknown ward, including the pre-correction Ba Chẽ code', () => {
    expect(validateAddressCodes('22', '06978')).toMatchObject({ ok: false, field: 'wardCode' });
  });

  it('rejects a ward in the wrong province and says where it belongs', () => {
    const r = validateAddressCodes('01', '06970');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.field).toBe('wardCode');
    expect(r.message).toBe('Xã Ba Chẽ (06970) is in Tỉnh Quảng Ninh (22), not in Thành phố Hà Nội (01)');
    expect(r.messageVi).toBe('Xã Ba Chẽ (06970) thuộc Tỉnh Quảng Ninh (mã 22), không thuộc Thành phố Hà Nội (mã 01)');
  });
});

describe('findWardByName / matchWardsByName', () => {
  it.each(['Xa Pho Bang', 'xã Phố Bảng', 'Phố Bảng', 'pho bang', '  XÃ   PHỐ  BẢNG ', 'Xã Phó Bảng' /* the pre-correction spelling */])(
    'finds Xã Phố Bảng in Tuyên Quang from %j',
    (input) => {
      expect(findWardByName('08', input)?.code).toBe('00745');
    },
  );

  it('finds a ward with or without prefix and accents, and with the P./X. abbreviations', () => {
    for (const input of ['Phường Ba Đình', 'Ba Đình', 'phuong ba dinh', 'ba dinh', 'P. Ba Đình', 'p.ba dinh']) {
      expect(findWardByName('01', input)?.code).toBe('00004');
    }
    expect(findWardByName('22', 'X. Ba Chẽ')?.code).toBe('06970');
  });

  it('matches decomposed (NFD) input', () => {
    expect(findWardByName('01', 'Phường Ba Đình'.normalize('NFD'))?.code).toBe('00004');
  });

  it('ignores tone-mark placement (Hoà / Hòa, Thuỷ / Thủy)', () => {
    expect(findWardByName('01', 'Yên Hoà')?.name).toBe('Phường Yên Hòa');
    expect(findWardByName('44', 'xã Lệ Thuỷ')?.name).toBe('Xã Lệ Thủy');
  });

  it('ignores dashes and apostrophe variants', () => {
    expect(findWardByName('01', 'Văn Miếu Quốc Tử Giám')?.code).toBe('00226');
    expect(findWardByName('68', 'Phường B’Lao')?.code).toBe('24829');
    expect(findWardByName('66', 'ea hleo')?.code).toBe('24184');
  });

  it('does not strip a prefix-like start of a real name (Phường Phương Liệt, Xã Xà Phiên)', () => {
    expect(findWardByName('01', 'Phương Liệt')?.code).toBe('00352');
    expect(findWardByName('01', 'phuong phuong liet')?.code).toBe('00352');
    expect(findWardByName('92', 'Xa Phien')?.code).toBe('31495');
  });

  it('lets accents decide between names that fold alike', () => {
    expect(findWardByName('79', 'Thạnh An')?.code).toBe('27676');
    expect(findWardByName('79', 'Xã Thanh An')?.code).toBe('25807');
    expect(findWardByName('82', 'Mỹ Thọ')?.code).toBe('30076');
  });

  it('returns undefined for an ambiguous unaccented name, and matchWardsByName lists the candidates', () => {
    expect(findWardByName('79', 'Thanh An')).toBeUndefined();
    expect(codes(matchWardsByName('79', 'Thanh An'))).toEqual(['25807', '27676']);
    expect(codes(matchWardsByName('31', 'cam giang'))).toEqual(['10888', '10903']);
  });

  it('uses the type prefix to break a tie but never to exclude the only match', () => {
    expect(findWardByName('82', 'phuong my tho')?.code).toBe('28261');
    expect(findWardByName('82', 'xa my tho')?.code).toBe('30076');
    // Đồng Nai made Xã Long Thành a phường in 2026. The data still says xã, and users write the new prefix.
    expect(findWardByName('75', 'Phường Long Thành')?.code).toBe('26368');
  });

  it('finds nothing in another province, in an unknown province, or for junk', () => {
    expect(findWardByName('01', 'Ba Chẽ')).toBeUndefined();
    expect(findWardByName('00', 'Ba Đình')).toBeUndefined();
    expect(findWardByName('01', '')).toBeUndefined();
    expect(findWardByName('01', 'x'.repeat(500))).toBeUndefined();
    expect(matchWardsByName('01', 'Phường')).toEqual([]);
  });
});
