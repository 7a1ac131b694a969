// The three macro-regions (miền) that postal tariffs and delivery-time promises are quoted by. They are
// built from the six socio-economic regions:
//   north   = Trung du và miền núi phía Bắc + Đồng bằng sông Hồng
//   central = Bắc Trung Bộ (from Thanh Hóa southwards) + Duyên hải Nam Trung Bộ + Tây Nguyên
//   south   = Đông Nam Bộ + Đồng bằng sông Cửu Long
// Every province merged in 2025 lies within one macro-region. For example, Lâm Đồng took in Bình Thuận and
// Đắk Nông (both central), and Tây Ninh took in Long An (both south). So each of the 34 codes maps to
// exactly one region.

/** A macro-region of Vietnam (miền Bắc / miền Trung / miền Nam). */
export type MacroRegion = 'north' | 'central' | 'south';

/**
 * The 34 post-2025 province codes and their macro-regions. Listed one by one so that a reviewer can check
 * each line against a map. The spec checks that it covers exactly the provinces in the data file.
 */
export const MACRO_REGION_BY_PROVINCE: ReadonlyMap<string, MacroRegion> = new Map<string, MacroRegion>([
  // north: Trung du và miền núi phía Bắc
  ['04', 'north'], // Cao Bằng
  ['08', 'north'], // Tuyên Quang (+ Hà Giang)
  ['11', 'north'], // Điện Biên
  ['12', 'north'], // Lai Châu
  ['14', 'north'], // Sơn La
  ['15', 'north'], // Lào Cai (+ Yên Bái)
  ['19', 'north'], // Thái Nguyên (+ Bắc Kạn)
  ['20', 'north'], // Lạng Sơn
  ['25', 'north'], // Phú Thọ (+ Vĩnh Phúc, Hòa Bình)
  // north: Đồng bằng sông Hồng
  ['01', 'north'], // Hà Nội
  ['22', 'north'], // Quảng Ninh
  ['24', 'north'], // Bắc Ninh (+ Bắc Giang)
  ['31', 'north'], // Hải Phòng (+ Hải Dương)
  ['33', 'north'], // Hưng Yên (+ Thái Bình)
  ['37', 'north'], // Ninh Bình (+ Hà Nam, Nam Định)
  // central: Bắc Trung Bộ
  ['38', 'central'], // Thanh Hóa
  ['40', 'central'], // Nghệ An
  ['42', 'central'], // Hà Tĩnh
  ['44', 'central'], // Quảng Trị (+ Quảng Bình)
  ['46', 'central'], // Huế
  // central: Duyên hải Nam Trung Bộ
  ['48', 'central'], // Đà Nẵng (+ Quảng Nam)
  ['51', 'central'], // Quảng Ngãi (+ Kon Tum, from Tây Nguyên)
  ['56', 'central'], // Khánh Hòa (+ Ninh Thuận)
  // central: Tây Nguyên
  ['52', 'central'], // Gia Lai (+ Bình Định, from Duyên hải Nam Trung Bộ)
  ['66', 'central'], // Đắk Lắk (+ Phú Yên, from Duyên hải Nam Trung Bộ)
  ['68', 'central'], // Lâm Đồng (+ Đắk Nông, + Bình Thuận from Duyên hải Nam Trung Bộ)
  // south: Đông Nam Bộ
  ['75', 'south'], // Đồng Nai (+ Bình Phước)
  ['79', 'south'], // TP. Hồ Chí Minh (+ Bình Dương, Bà Rịa - Vũng Tàu)
  ['80', 'south'], // Tây Ninh (+ Long An, from Đồng bằng sông Cửu Long)
  // south: Đồng bằng sông Cửu Long
  ['82', 'south'], // Đồng Tháp (+ Tiền Giang)
  ['86', 'south'], // Vĩnh Long (+ Bến Tre, Trà Vinh)
  ['91', 'south'], // An Giang (+ Kiên Giang)
  ['92', 'south'], // Cần Thơ (+ Sóc Trăng, Hậu Giang)
  ['96', 'south'], // Cà Mau (+ Bạc Liêu)
]);

/**
 * The macro-region of a post-2025 province code ('01' → 'north', '79' → 'south'). Returns undefined for a code
 * that is not one of the 34, such as a pre-2025 code like '02' (Hà Giang). Callers must handle that case and
 * not guess a tariff zone.
 */
export function region(provinceCode: string): MacroRegion | undefined {
  return MACRO_REGION_BY_PROVINCE.get(provinceCode);
}
