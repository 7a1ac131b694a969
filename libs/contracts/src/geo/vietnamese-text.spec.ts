import { accentNameKey, foldedNameKey, foldVietnamese, hasVietnameseMarks } from './vietnamese-text';

describe('foldVietnamese', () => {
  it('strips tone and vowel marks', () => {
    expect(foldVietnamese('cà phê')).toBe('ca phe');
    expect(foldVietnamese('Cà Phê')).toBe(foldVietnamese('ca phe'));
    expect(foldVietnamese('Nguyễn Thị Ánh Tuyết')).toBe('nguyen thi anh tuyet');
    expect(foldVietnamese('ươ ăâ ơư')).toBe('uo aa ou');
  });

  it('maps đ/Đ to d', () => {
    expect(foldVietnamese('Đà Nẵng')).toBe('da nang');
    expect(foldVietnamese('đường ĐỒNG ĐĂNG')).toBe('duong dong dang');
    expect(foldVietnamese('Ðà Lạt')).toBe('da lat'); // U+00D0 look-alike
  });

  it('folds both tone placements and both normal forms alike', () => {
    expect(foldVietnamese('Hoà')).toBe(foldVietnamese('Hòa'));
    expect(foldVietnamese('Thuỷ')).toBe(foldVietnamese('Thủy'));
    expect(foldVietnamese('Phố Bảng'.normalize('NFD'))).toBe('pho bang');
  });

  it('matches "Xa Pho Bang" and "xã Phố Bảng", collapsing whitespace', () => {
    expect(foldVietnamese('xã Phố Bảng')).toBe('xa pho bang');
    expect(foldVietnamese('  Xa \t Pho\u00A0Bang\n')).toBe('xa pho bang');
  });
});

describe('name keys', () => {
  it('foldedNameKey ignores dashes and apostrophes', () => {
    expect(foldedNameKey('Văn Miếu - Quốc Tử Giám')).toBe('van mieu quoc tu giam');
    expect(foldedNameKey('Ea H’Leo')).toBe(foldedNameKey("Ea H'Leo"));
  });

  it('accentNameKey ignores tone placement but keeps marks', () => {
    expect(accentNameKey('Yên Hoà')).toBe(accentNameKey('Yên Hòa'));
    expect(accentNameKey('Lệ Thuỷ')).toBe(accentNameKey('lệ thủy'));
    expect(accentNameKey('Thạnh An')).not.toBe(accentNameKey('Thanh An'));
    expect(accentNameKey('Đồng Tiến')).not.toBe(accentNameKey('Đông Tiến'));
    expect(accentNameKey('Sơn Hà')).not.toBe(accentNameKey('Sơn Hạ'));
  });

  it('hasVietnameseMarks tells typed diacritics apart from plain ASCII', () => {
    expect(hasVietnameseMarks('Thanh An')).toBe(false);
    expect(hasVietnameseMarks('Thạnh An')).toBe(true);
    expect(hasVietnameseMarks('Dong Da')).toBe(false);
    expect(hasVietnameseMarks('Đong Da')).toBe(true);
  });
});
