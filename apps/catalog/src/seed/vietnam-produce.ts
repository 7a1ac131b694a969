/**
 * Reference material for the seed: Vietnamese farm produce and regional specialties by 2025
 * province code (after the mergers: Hà Giang is in Tuyên Quang 08, Bắc Giang in Bắc Ninh 24, Sóc
 * Trăng in Cần Thơ 92, Kiên Giang in An Giang 91, Tiền Giang in Đồng Tháp 82, …), with the
 * category (ids from the categories migration), a price per base quantity in đồng and packaging.
 */

/** How a product is sold: label in the name, unit, shipping weight, and how many base quantities it holds. */
export interface Pack {
  label: string;
  unit: string;
  grams: number;
  /** Multiple of the specialty's base price (kg, litre or piece). */
  qty: number;
}

export const PACKS = {
  fruit: [
    { label: 'thùng 5 kg', unit: 'thùng', grams: 5400, qty: 5 },
    { label: 'thùng 10 kg', unit: 'thùng', grams: 10600, qty: 10 },
    { label: '1 kg', unit: 'kg', grams: 1050, qty: 1 },
    { label: 'hộp 2 kg', unit: 'hộp', grams: 2200, qty: 2 },
  ],
  rice: [
    { label: 'túi 5 kg', unit: 'túi', grams: 5050, qty: 5 },
    { label: 'túi 2 kg', unit: 'túi', grams: 2030, qty: 2 },
    { label: 'bao 10 kg', unit: 'bao', grams: 10100, qty: 10 },
    { label: 'bao 25 kg', unit: 'bao', grams: 25200, qty: 25 },
  ],
  coffee: [
    { label: 'gói 500 g', unit: 'gói', grams: 520, qty: 0.5 },
    { label: 'gói 250 g', unit: 'gói', grams: 265, qty: 0.25 },
    { label: 'túi 1 kg', unit: 'túi', grams: 1030, qty: 1 },
  ],
  tea: [
    { label: 'gói 200 g', unit: 'gói', grams: 215, qty: 0.2 },
    { label: 'hộp 500 g', unit: 'hộp', grams: 600, qty: 0.5 },
    { label: '1 kg', unit: 'kg', grams: 1050, qty: 1 },
  ],
  liquid: [
    { label: 'chai 500 ml', unit: 'chai', grams: 750, qty: 0.5 },
    { label: 'chai 1 lít', unit: 'chai', grams: 1400, qty: 1 },
    { label: 'can 5 lít', unit: 'can', grams: 6200, qty: 5 },
  ],
  dry: [
    { label: 'gói 500 g', unit: 'gói', grams: 520, qty: 0.5 },
    { label: 'hũ 300 g', unit: 'hũ', grams: 450, qty: 0.3 },
    { label: '1 kg', unit: 'kg', grams: 1040, qty: 1 },
  ],
  vegetable: [
    { label: '1 kg', unit: 'kg', grams: 1050, qty: 1 },
    { label: 'bó 500 g', unit: 'bó', grams: 520, qty: 0.5 },
    { label: 'túi 2 kg', unit: 'túi', grams: 2050, qty: 2 },
  ],
  meat: [
    { label: '1 kg', unit: 'kg', grams: 1100, qty: 1 },
    { label: 'khay 500 g', unit: 'khay', grams: 560, qty: 0.5 },
  ],
  whole: [
    { label: 'con 1,5–2 kg', unit: 'con', grams: 2000, qty: 1.8 },
    { label: '1 kg', unit: 'kg', grams: 1100, qty: 1 },
  ],
  eggs: [
    { label: 'hộp 10 quả', unit: 'hộp', grams: 700, qty: 10 },
    { label: 'khay 30 quả', unit: 'khay', grams: 2000, qty: 30 },
  ],
  seafood: [
    { label: '1 kg', unit: 'kg', grams: 1200, qty: 1 },
    { label: 'khay 500 g', unit: 'khay', grams: 600, qty: 0.5 },
  ],
  gift: [
    { label: 'hộp 300 g', unit: 'hộp', grams: 380, qty: 0.3 },
    { label: 'hộp 500 g', unit: 'hộp', grams: 600, qty: 0.5 },
    { label: 'gói 200 g', unit: 'gói', grams: 220, qty: 0.2 },
  ],
  herb: [
    { label: 'hộp 100 g', unit: 'hộp', grams: 180, qty: 0.1 },
    { label: 'gói 500 g', unit: 'gói', grams: 530, qty: 0.5 },
    { label: '1 kg', unit: 'kg', grams: 1050, qty: 1 },
  ],
} as const satisfies Record<string, readonly Pack[]>;

export type PackKind = keyof typeof PACKS;

export interface Produce {
  name: string;
  categoryId: string;
  /** Đồng per base quantity (kg, litre, piece), low and high. */
  price: readonly [number, number];
  pack: PackKind;
  /** A sentence of the description: how it is grown or made. */
  story: string;
}

/** A regional specialty: grown or made in these provinces (2025 codes). */
export interface Specialty extends Produce {
  provinces: readonly string[];
}

const s = (name: string, categoryId: string, provinces: string[], price: [number, number], pack: PackKind, story: string): Specialty => ({
  name,
  categoryId,
  provinces,
  price,
  pack,
  story,
});

export const SPECIALTIES: readonly Specialty[] = [
  // Trung du và miền núi phía Bắc
  s('Hạt dẻ Trùng Khánh', 'dau-hat', ['04'], [120000, 180000], 'dry', 'Hạt dẻ rừng bùi, thơm, thu hoạch vào tháng Chín.'),
  s('Miến dong Nguyên Bình', 'do-kho', ['04'], [70000, 110000], 'dry', 'Làm từ tinh bột dong riềng, phơi nắng tự nhiên.'),
  s('Lạp sườn Cao Bằng', 'thit-lon', ['04'], [280000, 380000], 'meat', 'Thịt lợn bản ướp mắc mật, hun khói bếp củi.'),
  s('Chè Shan tuyết Hà Giang', 'che-shan-tuyet', ['08'], [400000, 1200000], 'tea', 'Búp chè cổ thụ trên núi cao, sao thủ công.'),
  s('Cam sành Hàm Yên', 'cay-co-mui', ['08'], [25000, 40000], 'fruit', 'Cam vỏ sần, mọng nước, vị ngọt đậm.'),
  s('Mật ong bạc hà Mèo Vạc', 'mat-ong', ['08'], [450000, 650000], 'liquid', 'Ong nuôi trên cao nguyên đá, mùa hoa bạc hà.'),
  s('Cam Bắc Quang', 'cay-co-mui', ['08'], [22000, 35000], 'fruit', 'Cam sành vùng Bắc Quang, chín vàng tự nhiên.'),
  s('Gạo tám Điện Biên', 'gao-dac-san', ['11'], [28000, 40000], 'rice', 'Lúa trồng trên cánh đồng Mường Thanh, hạt dẻo thơm.'),
  s('Cà phê Arabica Điện Biên', 'ca-phe-nhan', ['11', '14'], [110000, 160000], 'coffee', 'Arabica trồng trên đồi cao, chế biến ướt.'),
  s('Sâm Lai Châu', 'duoc-lieu', ['12'], [8000000, 30000000], 'herb', 'Trồng dưới tán rừng Tam Đường, sấy lạnh.'),
  s('Chè Tam Đường', 'che-xanh', ['12'], [180000, 320000], 'tea', 'Chè xanh vùng cao, sao tay trên chảo gang.'),
  s('Mận hậu Mộc Châu', 'trai-cay-nhiet-doi', ['14'], [25000, 45000], 'fruit', 'Mận giòn, chua ngọt, hái vào đầu hè.'),
  s('Chè Ô long Mộc Châu', 'che-xanh', ['14'], [350000, 600000], 'tea', 'Chè Ô long trên cao nguyên Mộc Châu, vò viên.'),
  s('Xoài tròn Yên Châu', 'trai-cay-nhiet-doi', ['14'], [30000, 50000], 'fruit', 'Xoài nhỏ, thơm đậm, chín cây.'),
  s('Gạo Séng Cù Mường Khương', 'gao-dac-san', ['15'], [25000, 38000], 'rice', 'Lúa Séng Cù trồng ruộng bậc thang, cơm dẻo.'),
  s('Quế Văn Yên', 'que-hoi', ['15'], [70000, 140000], 'dry', 'Vỏ quế dày, nhiều tinh dầu, phơi khô tự nhiên.'),
  s('Chè Suối Giàng', 'che-shan-tuyet', ['15'], [350000, 900000], 'tea', 'Chè Shan tuyết cổ thụ Suối Giàng, búp phủ lông trắng.'),
  s('Táo mèo Mù Cang Chải', 'trai-cay-say', ['15'], [60000, 120000], 'dry', 'Sơn tra rừng thái lát, sấy khô ngâm rượu hoặc pha trà.'),
  s('Thảo quả Sa Pa', 'que-hoi', ['15'], [180000, 280000], 'dry', 'Quả thảo quả dưới tán rừng Hoàng Liên, sấy khói.'),
  s('Cá hồi Sa Pa', 'ca', ['15'], [280000, 380000], 'seafood', 'Cá hồi nuôi nước lạnh suối Sa Pa, phi lê tươi.'),
  s('Chè Tân Cương Thái Nguyên', 'che-xanh', ['19'], [250000, 900000], 'tea', 'Chè móc câu Tân Cương, nước xanh, hậu ngọt.'),
  s('Miến dong Na Rì', 'do-kho', ['19'], [70000, 100000], 'dry', 'Miến dong riềng Bắc Kạn, sợi dai, không hóa chất.'),
  s('Hồng không hạt Bắc Kạn', 'trai-cay-nhiet-doi', ['19'], [40000, 70000], 'fruit', 'Hồng ngâm giòn, không hạt, ngọt thanh.'),
  s('Na Chi Lăng', 'trai-cay-nhiet-doi', ['20'], [45000, 80000], 'fruit', 'Na dai trồng trên núi đá vôi, múi to, ngọt.'),
  s('Hồi Lạng Sơn', 'que-hoi', ['20'], [150000, 260000], 'dry', 'Hoa hồi tám cánh, thơm nồng, phơi nắng.'),
  s('Bưởi Đoan Hùng', 'cay-co-mui', ['25'], [40000, 70000], 'fruit', 'Bưởi Bằng Luân, Chí Đám: múi mọng, vị ngọt mát.'),
  s('Cam Cao Phong', 'cay-co-mui', ['25'], [30000, 50000], 'fruit', 'Cam lòng vàng Hòa Bình cũ, ngọt đậm.'),
  s('Su su Tam Đảo', 'cu-qua', ['25'], [12000, 20000], 'vegetable', 'Su su non trồng trên núi Tam Đảo, giòn ngọt.'),
  s('Chè Phú Thọ', 'che-xanh', ['25'], [150000, 280000], 'tea', 'Chè xanh trung du, sao khô giữ vị chát dịu.'),
  // Đồng bằng sông Hồng
  s('Bưởi Diễn', 'cay-co-mui', ['01'], [45000, 80000], 'fruit', 'Bưởi Diễn vỏ mỏng, múi vàng, để càng lâu càng ngọt.'),
  s('Cốm làng Vòng', 'banh-keo-truyen-thong', ['01'], [250000, 380000], 'gift', 'Cốm lúa nếp non giã tay, gói lá sen.'),
  s('Sữa chua Ba Vì', 'dac-san-vung-mien', ['01'], [60000, 90000], 'liquid', 'Sữa bò tươi trang trại Ba Vì, ủ men tự nhiên.'),
  s('Gà Mía Đường Lâm', 'gia-cam', ['01'], [180000, 260000], 'whole', 'Gà Mía thả vườn, thịt chắc, da giòn.'),
  s('Ổi Đông Dư', 'trai-cay-nhiet-doi', ['01'], [20000, 35000], 'fruit', 'Ổi găng giòn, thơm, trồng ven sông Hồng.'),
  s('Chả mực Hạ Long', 'hai-san-kho', ['22'], [380000, 500000], 'seafood', 'Mực tươi giã tay, chiên vàng.'),
  s('Sá sùng Vân Đồn', 'hai-san-kho', ['22'], [3500000, 6000000], 'dry', 'Sá sùng bãi triều Quan Lạn, phơi khô.'),
  s('Trà hoa vàng Ba Chẽ', 'tra-thao-moc', ['22'], [1500000, 4000000], 'herb', 'Hoa trà vàng rừng Ba Chẽ, sấy lạnh.'),
  s('Ba kích Quảng Ninh', 'duoc-lieu', ['22'], [250000, 450000], 'herb', 'Củ ba kích tím trồng đồi, rút lõi phơi khô.'),
  s('Vải thiều Lục Ngạn', 'vai-nhan-chom-chom', ['24'], [35000, 70000], 'fruit', 'Vải hái sáng sớm, cùi dày, hạt nhỏ.'),
  s('Gà đồi Yên Thế', 'gia-cam', ['24'], [120000, 180000], 'whole', 'Gà thả đồi Yên Thế, chạy bộ, thịt săn.'),
  s('Mỳ Chũ', 'do-kho', ['24'], [45000, 70000], 'dry', 'Mỳ gạo Chũ phơi nắng, sợi dai, không hàn the.'),
  s('Bánh phu thê Đình Bảng', 'banh-keo-truyen-thong', ['24'], [80000, 120000], 'gift', 'Bánh su sê nhân đậu xanh dừa, gói lá dong.'),
  s('Vải thiều Thanh Hà', 'vai-nhan-chom-chom', ['31'], [40000, 75000], 'fruit', 'Vải thiều Thanh Hà, vỏ đỏ, cùi trắng ngà.'),
  s('Bánh đậu xanh Hải Dương', 'banh-keo-truyen-thong', ['31'], [90000, 150000], 'gift', 'Đậu xanh, mỡ nước, đường kính, làm theo lối cũ.'),
  s('Nước mắm Cát Hải', 'nuoc-mam', ['31'], [90000, 180000], 'liquid', 'Cá cơm ủ chượp trong thùng gỗ, 30 độ đạm.'),
  s('Bánh gai Ninh Giang', 'banh-keo-truyen-thong', ['31'], [70000, 110000], 'gift', 'Lá gai, nếp cái hoa vàng, nhân đậu dừa.'),
  s('Nhãn lồng Hưng Yên', 'vai-nhan-chom-chom', ['33'], [45000, 90000], 'fruit', 'Nhãn lồng cùi dày, giòn, ngọt sắc.'),
  s('Mật ong hoa nhãn Hưng Yên', 'mat-ong', ['33'], [250000, 400000], 'liquid', 'Mật ong mùa hoa nhãn, sánh, thơm.'),
  s('Bánh cáy Thái Bình', 'banh-keo-truyen-thong', ['33'], [70000, 120000], 'gift', 'Nếp, gừng, vừng, mỡ phần, làng Nguyễn.'),
  s('Gạo tám xoan Hải Hậu', 'gao-dac-san', ['37'], [30000, 45000], 'rice', 'Tám xoan Hải Hậu, hạt nhỏ, cơm thơm dẻo.'),
  s('Cơm cháy Ninh Bình', 'dac-san-vung-mien', ['37'], [90000, 150000], 'gift', 'Cơm cháy giòn rụm, chà bông, nước sốt.'),
  s('Thịt dê núi Ninh Bình', 'thit-bo', ['37'], [280000, 380000], 'meat', 'Dê thả núi đá Hoa Lư, thịt săn, ít mỡ.'),
  // Bắc Trung Bộ
  s('Nem chua Thanh Hóa', 'dac-san-vung-mien', ['38'], [150000, 220000], 'gift', 'Thịt lợn, bì, thính, gói lá chuối lá đinh lăng.'),
  s('Nước mắm Ba Làng', 'nuoc-mam', ['38'], [80000, 160000], 'liquid', 'Làng nghề Ba Làng, cá cơm muối chượp 12 tháng.'),
  s('Bưởi Luận Văn', 'cay-co-mui', ['38'], [35000, 60000], 'fruit', 'Bưởi tiến vua Thọ Xuân, múi ráo, ngọt thanh.'),
  s('Cam Vinh', 'cay-co-mui', ['40'], [35000, 60000], 'fruit', 'Cam xã Đoài vỏ mỏng, mọng, thơm.'),
  s('Nhút Thanh Chương', 'dac-san-vung-mien', ['40'], [60000, 100000], 'dry', 'Mít non muối chua, giòn, ăn cùng cá kho.'),
  s('Tương Nam Đàn', 'tuong-mam', ['40'], [40000, 70000], 'liquid', 'Đậu nành, xôi nếp, muối, ủ chum sành.'),
  s('Bưởi Phúc Trạch', 'cay-co-mui', ['42'], [40000, 70000], 'fruit', 'Bưởi Hương Khê, múi hồng, mọng, ngọt.'),
  s('Kẹo cu đơ Hà Tĩnh', 'banh-keo-truyen-thong', ['42'], [80000, 130000], 'gift', 'Mật mía, lạc rang, gừng, kẹp bánh đa.'),
  s('Cam bù Hương Sơn', 'cay-co-mui', ['42'], [40000, 65000], 'fruit', 'Cam bù vỏ vàng, múi mềm, ngọt đậm.'),
  s('Hồ tiêu Cùa Quảng Trị', 'ho-tieu', ['44'], [180000, 260000], 'dry', 'Tiêu đất đỏ bazan Cùa, hạt chắc, cay nồng.'),
  s('Cà phê Khe Sanh', 'ca-phe-rang-xay', ['44'], [180000, 280000], 'coffee', 'Cà phê mít và Arabica Khe Sanh, rang mộc.'),
  s('Khoai deo Quảng Bình', 'trai-cay-say', ['44'], [120000, 180000], 'dry', 'Khoai lang hấp, thái lát, phơi gió Lào.'),
  s('Mè xửng Huế', 'banh-keo-truyen-thong', ['46'], [60000, 100000], 'gift', 'Mạch nha, đậu phộng, mè, gói giấy bóng.'),
  s('Tôm chua Huế', 'tuong-mam', ['46'], [200000, 320000], 'gift', 'Tôm đất muối chua với riềng, tỏi, măng.'),
  s('Thanh trà Huế', 'cay-co-mui', ['46'], [30000, 50000], 'fruit', 'Thanh trà Thủy Biều, múi trắng, vị ngọt chua.'),
  // Duyên hải Nam Trung Bộ, Tây Nguyên
  s('Nước mắm Nam Ô', 'nuoc-mam', ['48'], [100000, 200000], 'liquid', 'Cá cơm than muối với muối Sa Huỳnh, ủ 12–18 tháng.'),
  s(
    'Sâm Ngọc Linh',
    'duoc-lieu',
    ['48', '51'],
    [60000000, 200000000],
    'herb',
    'Sâm trồng dưới tán rừng núi Ngọc Linh, có nguồn gốc giống.',
  ),
  s('Quế Trà My', 'que-hoi', ['48'], [90000, 160000], 'dry', 'Quế thanh Trà My, vỏ dày, ngọt cay.'),
  s('Tỏi Lý Sơn', 'rau-gia-vi', ['51'], [120000, 220000], 'dry', 'Tỏi cô đơn đảo Lý Sơn, trồng trên cát núi lửa.'),
  s('Đường phèn Quảng Ngãi', 'dac-san-vung-mien', ['51'], [50000, 80000], 'dry', 'Đường phèn kết tinh từ mía Quảng Ngãi.'),
  s('Mạch nha Thi Phổ', 'banh-keo-truyen-thong', ['51'], [70000, 110000], 'gift', 'Mạch nha từ mầm lúa và gạo, nấu củi.'),
  s('Yến sào Khánh Hòa', 'dac-san-vung-mien', ['56'], [30000000, 60000000], 'herb', 'Tổ yến đảo nhặt lông thủ công.'),
  s('Nho Ninh Thuận', 'trai-cay-nhiet-doi', ['56'], [40000, 90000], 'fruit', 'Nho đỏ Phan Rang, nắng gió, ngọt đậm.'),
  s('Xoài Úc Cam Lâm', 'trai-cay-nhiet-doi', ['56'], [40000, 70000], 'fruit', 'Xoài Úc vỏ hồng, thịt vàng, không xơ.'),
  s('Tỏi Phan Rang', 'rau-gia-vi', ['56'], [60000, 100000], 'dry', 'Tỏi ta tép nhỏ, thơm hăng.'),
  s('Hồ tiêu Chư Sê', 'ho-tieu', ['52'], [150000, 240000], 'dry', 'Tiêu đen Chư Sê, hạt to, thơm cay.'),
  s('Cà phê Robusta Gia Lai', 'ca-phe-nhan', ['52'], [90000, 130000], 'coffee', 'Robusta bazan Gia Lai, hái chín, phơi giàn.'),
  s('Dừa Tam Quan', 'trai-cay-nhiet-doi', ['52'], [15000, 25000], 'fruit', 'Dừa xiêm Tam Quan, nước ngọt, cơm mềm.'),
  s('Cà phê Buôn Ma Thuột', 'ca-phe-rang-xay', ['66'], [180000, 350000], 'coffee', 'Robusta Buôn Ma Thuột hái chín, rang mộc.'),
  s('Cà phê nhân Buôn Ma Thuột', 'ca-phe-nhan', ['66'], [100000, 140000], 'coffee', 'Nhân xô đã phân loại sàng 16–18.'),
  s('Sầu riêng Ri6 Krông Pắc', 'trai-cay-nhiet-doi', ['66'], [70000, 130000], 'fruit', 'Sầu riêng Ri6 cơm vàng, hạt lép, chín cây.'),
  s('Bơ sáp Đắk Lắk', 'trai-cay-nhiet-doi', ['66'], [30000, 60000], 'fruit', 'Bơ sáp 034, dẻo, béo.'),
  s('Cá ngừ đại dương Phú Yên', 'ca', ['66'], [220000, 350000], 'seafood', 'Cá ngừ câu tay, cấp đông trên tàu.'),
  s('Dâu tây Đà Lạt', 'trai-cay-nhiet-doi', ['68'], [150000, 300000], 'fruit', 'Dâu tây trồng nhà kính, giá thể sạch.'),
  s('Atisô Đà Lạt', 'tra-thao-moc', ['68'], [250000, 450000], 'herb', 'Hoa atisô sấy khô pha trà, mát gan.'),
  s('Cà phê Arabica Cầu Đất', 'ca-phe-rang-xay', ['68'], [300000, 600000], 'coffee', 'Arabica Cầu Đất độ cao 1.600 m, rang vừa.'),
  s('Thanh long Bình Thuận', 'trai-cay-nhiet-doi', ['68'], [15000, 35000], 'fruit', 'Thanh long ruột trắng và ruột đỏ Hàm Thuận Nam.'),
  s('Nước mắm Phan Thiết', 'nuoc-mam', ['68'], [80000, 160000], 'liquid', 'Cá cơm Phan Thiết ủ chượp thùng gỗ.'),
  s('Hồ tiêu Đắk Nông', 'ho-tieu', ['68'], [150000, 230000], 'dry', 'Tiêu đen đất bazan Đắk Song, phơi nắng.'),
  s('Trà Ô long Bảo Lộc', 'che-xanh', ['68'], [300000, 700000], 'tea', 'Ô long Bảo Lộc vò viên, hương hoa.'),
  s('Hồng treo gió Đà Lạt', 'trai-cay-say', ['68'], [350000, 550000], 'dry', 'Hồng treo gió theo lối Nhật, dẻo, ngọt mật.'),
  s('Súp lơ xanh Đà Lạt', 'rau-an-la', ['68'], [30000, 50000], 'vegetable', 'Rau vùng cao, thu hoạch trong ngày.'),
  // Đông Nam Bộ
  s('Hạt điều Bình Phước', 'hat-dieu', ['75'], [250000, 380000], 'dry', 'Hạt điều rang muối còn vỏ lụa.'),
  s('Sầu riêng Ri6 Long Khánh', 'trai-cay-nhiet-doi', ['75'], [70000, 120000], 'fruit', 'Sầu riêng vườn Long Khánh, cơm vàng, béo.'),
  s('Chôm chôm Long Khánh', 'vai-nhan-chom-chom', ['75'], [20000, 40000], 'fruit', 'Chôm chôm Thái, tróc, giòn.'),
  s('Bưởi Tân Triều', 'cay-co-mui', ['75'], [40000, 70000], 'fruit', 'Bưởi đường lá cam ven sông Đồng Nai.'),
  s('Măng cụt Lái Thiêu', 'trai-cay-nhiet-doi', ['79'], [50000, 90000], 'fruit', 'Măng cụt vườn cổ Lái Thiêu.'),
  s('Bò tơ Củ Chi', 'thit-bo', ['79'], [250000, 350000], 'meat', 'Bò tơ nuôi cỏ, thịt mềm.'),
  s('Hồ tiêu Bà Rịa', 'ho-tieu', ['79'], [160000, 240000], 'dry', 'Tiêu Châu Đức, hạt chắc, thơm.'),
  s('Rau sạch Củ Chi', 'rau-an-la', ['79'], [20000, 40000], 'vegetable', 'Rau trồng nhà lưới theo VietGAP.'),
  s('Bánh tráng phơi sương Trảng Bàng', 'dac-san-vung-mien', ['80'], [60000, 100000], 'gift', 'Bánh tráng nướng than, phơi sương đêm.'),
  s('Muối tôm Tây Ninh', 'tuong-mam', ['80'], [80000, 140000], 'gift', 'Muối, tôm khô, ớt, giã nhuyễn.'),
  s('Gạo Nàng thơm Chợ Đào', 'gao-dac-san', ['80'], [30000, 45000], 'rice', 'Nàng thơm Chợ Đào Cần Đước, cơm thơm dẻo.'),
  s('Thanh long Long An', 'trai-cay-nhiet-doi', ['80'], [15000, 30000], 'fruit', 'Thanh long Châu Thành, ruột đỏ.'),
  // Đồng bằng sông Cửu Long
  s('Xoài cát Hòa Lộc', 'trai-cay-nhiet-doi', ['82'], [60000, 110000], 'fruit', 'Xoài cát Hòa Lộc Cái Bè, thơm, ngọt lịm.'),
  s('Hạt sen Đồng Tháp', 'dau-hat', ['82'], [150000, 250000], 'dry', 'Sen Tháp Mười, hạt sấy giữ tim.'),
  s('Quýt hồng Lai Vung', 'cay-co-mui', ['82'], [35000, 60000], 'fruit', 'Quýt hồng vỏ đỏ cam, chín dịp Tết.'),
  s('Vú sữa Lò Rèn Vĩnh Kim', 'trai-cay-nhiet-doi', ['82'], [40000, 70000], 'fruit', 'Vú sữa Lò Rèn, vỏ mỏng, nhiều sữa.'),
  s('Khóm Tân Phước', 'trai-cay-nhiet-doi', ['82'], [10000, 20000], 'fruit', 'Khóm Queen đất phèn, thơm ngọt.'),
  s('Nem Lai Vung', 'dac-san-vung-mien', ['82'], [120000, 180000], 'gift', 'Nem chua gói lá chùm ruột.'),
  s('Bưởi Năm Roi', 'cay-co-mui', ['86'], [30000, 55000], 'fruit', 'Bưởi Năm Roi Bình Minh, không hạt, ráo nước.'),
  s('Kẹo dừa Bến Tre', 'banh-keo-truyen-thong', ['86'], [60000, 100000], 'gift', 'Nước cốt dừa, mạch nha, nấu thủ công.'),
  s('Dừa sáp Cầu Kè', 'trai-cay-nhiet-doi', ['86'], [120000, 220000], 'fruit', 'Dừa sáp Trà Vinh, cơm đặc dẻo.'),
  s('Sầu riêng Ri6 Vĩnh Long', 'trai-cay-nhiet-doi', ['86'], [70000, 120000], 'fruit', 'Giống Ri6 gốc Vĩnh Long, cơm vàng, ít xơ.'),
  s('Cam sành Tam Bình', 'cay-co-mui', ['86'], [20000, 35000], 'fruit', 'Cam sành miệt vườn Tam Bình.'),
  s('Nước mắm Phú Quốc', 'nuoc-mam', ['91'], [120000, 250000], 'liquid', 'Cá cơm than ủ thùng gỗ bời lời, 40 độ đạm.'),
  s('Hồ tiêu Phú Quốc', 'ho-tieu', ['91'], [200000, 320000], 'dry', 'Tiêu đảo Phú Quốc, hạt chắc, thơm.'),
  s('Sim rừng Phú Quốc', 'trai-cay-nhiet-doi', ['91'], [60000, 100000], 'fruit', 'Sim rừng chín tím, làm rượu và mứt.'),
  s('Đường thốt nốt An Giang', 'dac-san-vung-mien', ['91'], [60000, 90000], 'dry', 'Nấu từ nước thốt nốt Tri Tôn, Tịnh Biên.'),
  s('Mắm cá linh Châu Đốc', 'tuong-mam', ['91'], [120000, 200000], 'gift', 'Cá linh mùa nước nổi, ủ thính.'),
  s('Gạo ST25 Sóc Trăng', 'gao-dac-san', ['92'], [32000, 45000], 'rice', 'Gạo ST25 vùng lúa tôm, hạt dài, thơm lá dứa.'),
  s('Bánh pía Sóc Trăng', 'banh-keo-truyen-thong', ['92'], [70000, 120000], 'gift', 'Bánh pía nhân sầu riêng, đậu xanh, trứng muối.'),
  s('Khóm Cầu Đúc', 'trai-cay-nhiet-doi', ['92'], [12000, 22000], 'fruit', 'Khóm Cầu Đúc Hậu Giang, ngọt thanh.'),
  s('Sầu riêng Ri6 Cái Răng', 'trai-cay-nhiet-doi', ['92'], [70000, 120000], 'fruit', 'Sầu riêng miệt vườn Cần Thơ, chín cây.'),
  s('Mật ong rừng U Minh', 'mat-ong', ['96'], [350000, 550000], 'liquid', 'Mật ong gác kèo rừng tràm U Minh Hạ.'),
  s('Tôm khô Cà Mau', 'hai-san-kho', ['96'], [900000, 1500000], 'dry', 'Tôm đất Rạch Gốc luộc, phơi khô.'),
  s('Cua Cà Mau', 'hai-san-kho', ['96'], [350000, 600000], 'seafood', 'Cua gạch Năm Căn, buộc dây, giao sống.'),
  s('Muối Bạc Liêu', 'dac-san-vung-mien', ['96'], [15000, 30000], 'dry', 'Muối hạt phơi trên ruộng muối Bạc Liêu.'),
];

/** Everyday produce grown everywhere. */
export const STAPLES: readonly Produce[] = [
  { name: 'Rau muống', categoryId: 'rau-an-la', price: [15000, 25000], pack: 'vegetable', story: 'Rau hái buổi sáng, giao trong ngày.' },
  {
    name: 'Cải ngọt',
    categoryId: 'rau-an-la',
    price: [18000, 30000],
    pack: 'vegetable',
    story: 'Không phun thuốc trong 15 ngày trước thu hoạch.',
  },
  { name: 'Bắp cải', categoryId: 'rau-an-la', price: [12000, 22000], pack: 'vegetable', story: 'Bắp chắc, lá giòn.' },
  { name: 'Cà chua', categoryId: 'cu-qua', price: [20000, 35000], pack: 'vegetable', story: 'Cà chua chín cây, trồng nhà lưới.' },
  { name: 'Dưa chuột', categoryId: 'cu-qua', price: [15000, 25000], pack: 'vegetable', story: 'Dưa chuột giống ta, giòn.' },
  { name: 'Bí đỏ', categoryId: 'cu-qua', price: [12000, 22000], pack: 'vegetable', story: 'Bí đỏ già, ruột vàng, bở.' },
  { name: 'Khoai lang mật', categoryId: 'ngo-khoai-san', price: [20000, 35000], pack: 'vegetable', story: 'Khoai nướng chảy mật.' },
  { name: 'Ngô nếp', categoryId: 'ngo-khoai-san', price: [10000, 18000], pack: 'vegetable', story: 'Bắp non, hạt dẻo.' },
  { name: 'Sắn dây', categoryId: 'ngo-khoai-san', price: [150000, 250000], pack: 'dry', story: 'Bột sắn dây lọc nhiều lần, phơi khô.' },
  { name: 'Trứng gà ta', categoryId: 'trung', price: [3500, 5000], pack: 'eggs', story: 'Gà thả vườn, ăn ngô thóc.' },
  { name: 'Trứng vịt', categoryId: 'trung', price: [3000, 4500], pack: 'eggs', story: 'Vịt chạy đồng.' },
  {
    name: 'Thịt lợn sạch',
    categoryId: 'thit-lon',
    price: [130000, 180000],
    pack: 'meat',
    story: 'Lợn nuôi cám ngô, không chất tăng trọng.',
  },
  { name: 'Thịt bò ta', categoryId: 'thit-bo', price: [250000, 320000], pack: 'meat', story: 'Bò vàng nuôi cỏ tự nhiên.' },
  { name: 'Gà ta thả vườn', categoryId: 'gia-cam', price: [110000, 160000], pack: 'whole', story: 'Nuôi trên 5 tháng, thịt chắc.' },
  { name: 'Vịt bầu', categoryId: 'gia-cam', price: [80000, 120000], pack: 'whole', story: 'Vịt bầu nuôi thả, nhiều nạc.' },
  { name: 'Mật ong rừng', categoryId: 'mat-ong', price: [300000, 500000], pack: 'liquid', story: 'Mật khai thác từ tổ ong rừng tự nhiên.' },
  { name: 'Gạo nếp cái hoa vàng', categoryId: 'nep', price: [35000, 55000], pack: 'rice', story: 'Nếp dẻo thơm, đồ xôi, gói bánh chưng.' },
  { name: 'Gạo lứt đỏ', categoryId: 'gao', price: [35000, 55000], pack: 'rice', story: 'Gạo lứt xay dối giữ cám.' },
  { name: 'Gạo tẻ thơm', categoryId: 'gao', price: [18000, 28000], pack: 'rice', story: 'Gạo mới vụ, cơm mềm.' },
  { name: 'Đậu xanh', categoryId: 'dau-hat', price: [45000, 70000], pack: 'dry', story: 'Đậu xanh hạt nhỏ, đã tách vỏ.' },
  { name: 'Lạc đỏ', categoryId: 'dau-hat', price: [60000, 90000], pack: 'dry', story: 'Lạc sẻ vỏ lụa đỏ, phơi khô.' },
  { name: 'Nấm rơm', categoryId: 'nam', price: [80000, 120000], pack: 'vegetable', story: 'Nấm rơm búp, hái trong ngày.' },
  { name: 'Nấm sò', categoryId: 'nam', price: [40000, 60000], pack: 'vegetable', story: 'Nấm sò trắng trồng trên mùn cưa.' },
  { name: 'Gừng', categoryId: 'rau-gia-vi', price: [30000, 50000], pack: 'vegetable', story: 'Gừng già, cay nồng.' },
  { name: 'Sả', categoryId: 'rau-gia-vi', price: [15000, 25000], pack: 'vegetable', story: 'Sả cây bó, thơm.' },
  { name: 'Ớt chỉ thiên', categoryId: 'rau-gia-vi', price: [40000, 80000], pack: 'vegetable', story: 'Ớt cay, chín đỏ.' },
  { name: 'Chuối tiêu', categoryId: 'trai-cay-nhiet-doi', price: [15000, 25000], pack: 'fruit', story: 'Chuối tiêu hồng chín tự nhiên.' },
  { name: 'Đu đủ', categoryId: 'trai-cay-nhiet-doi', price: [15000, 25000], pack: 'fruit', story: 'Đu đủ ruột đỏ, chín cây.' },
  { name: 'Mít Thái', categoryId: 'trai-cay-nhiet-doi', price: [20000, 35000], pack: 'fruit', story: 'Mít múi to, giòn, ngọt.' },
  { name: 'Chanh leo', categoryId: 'trai-cay-nhiet-doi', price: [25000, 45000], pack: 'fruit', story: 'Chanh leo tím, thơm.' },
  { name: 'Chanh không hạt', categoryId: 'cay-co-mui', price: [15000, 30000], pack: 'fruit', story: 'Chanh nhiều nước, không hạt.' },
  { name: 'Dưa hấu', categoryId: 'trai-cay-nhiet-doi', price: [12000, 20000], pack: 'fruit', story: 'Dưa hấu ruột đỏ, vỏ mỏng.' },
  { name: 'Tôm thẻ', categoryId: 'tom', price: [180000, 260000], pack: 'seafood', story: 'Tôm nuôi ao đất, giao tươi sống.' },
  { name: 'Cá rô đồng', categoryId: 'ca', price: [90000, 140000], pack: 'seafood', story: 'Cá đồng, làm sạch, hút chân không.' },
  { name: 'Cá khô', categoryId: 'hai-san-kho', price: [200000, 350000], pack: 'dry', story: 'Cá phơi một nắng.' },
  { name: 'Măng khô', categoryId: 'do-kho', price: [250000, 400000], pack: 'dry', story: 'Măng nứa rừng luộc, phơi khô.' },
  { name: 'Mộc nhĩ', categoryId: 'do-kho', price: [150000, 250000], pack: 'dry', story: 'Mộc nhĩ rừng, sấy khô.' },
  { name: 'Trà gừng', categoryId: 'tra-thao-moc', price: [250000, 400000], pack: 'herb', story: 'Gừng sấy lát, pha trà ấm bụng.' },
  { name: 'Tinh bột nghệ', categoryId: 'duoc-lieu', price: [350000, 600000], pack: 'herb', story: 'Nghệ vàng lọc lấy tinh bột.' },
];

/** Words after the product's name: grade, season, practice. */
export const GRADES = [
  'loại 1',
  'loại đặc biệt',
  'vụ mới',
  'nhà vườn',
  'hữu cơ',
  'chuẩn VietGAP',
  'xuất khẩu',
  'tuyển chọn',
  'chính gốc',
  'hàng tuyển',
  'thượng hạng',
  'đóng gói',
];

export const FAMILY_NAMES = [
  ['Nguyễn', 38],
  ['Trần', 11],
  ['Lê', 9.5],
  ['Phạm', 7],
  ['Hoàng', 5],
  ['Huỳnh', 3],
  ['Phan', 4.5],
  ['Vũ', 3.9],
  ['Võ', 2],
  ['Đặng', 2.1],
  ['Bùi', 2],
  ['Đỗ', 1.4],
  ['Hồ', 1.3],
  ['Ngô', 1.3],
  ['Dương', 1],
  ['Lý', 0.5],
  ['Đinh', 0.8],
  ['Trương', 0.7],
  ['Lò', 0.3],
  ['Sùng', 0.2],
  ['Hà', 0.6],
  ['Lương', 0.5],
] as const;

export const MIDDLE_NAMES = {
  male: ['Văn', 'Đức', 'Hữu', 'Minh', 'Quang', 'Công', 'Thành'],
  female: ['Thị', 'Ngọc', 'Thu', 'Thanh', 'Mai', 'Kim'],
};
export const GIVEN_NAMES = {
  male: [
    'An',
    'Bình',
    'Cường',
    'Dũng',
    'Hùng',
    'Khải',
    'Long',
    'Nam',
    'Phong',
    'Quân',
    'Sơn',
    'Thắng',
    'Tuấn',
    'Việt',
    'Hải',
    'Toàn',
    'Lực',
    'Nghĩa',
  ],
  female: [
    'Anh',
    'Bích',
    'Chi',
    'Dung',
    'Hà',
    'Hạnh',
    'Hoa',
    'Hương',
    'Lan',
    'Liên',
    'Mai',
    'Nga',
    'Nhung',
    'Oanh',
    'Phương',
    'Thảo',
    'Trang',
    'Yến',
  ],
};

/** Hamlet names for the free-text address line. */
export const HAMLET_NAMES = [
  'Đông',
  'Tây',
  'Nam',
  'Bắc',
  'Trung',
  'Tân Lập',
  'Hòa Bình',
  'Thống Nhất',
  'Đồng Tâm',
  'An Phú',
  'Phú Lợi',
  'Tân Tiến',
];

/** Cooperative and enterprise name parts. */
export const COOP_FOCUS = ['Nông nghiệp', 'Dịch vụ nông nghiệp', 'Nông sản sạch', 'Trồng trọt', 'Chăn nuôi', 'Thủy sản', 'Cây ăn quả'];
export const ENTERPRISE_FORMS = ['Công ty TNHH', 'Công ty Cổ phần', 'Công ty TNHH MTV'];
export const ENTERPRISE_FOCUS = [
  'Nông sản',
  'Thực phẩm sạch',
  'Đặc sản',
  'Xuất nhập khẩu Nông sản',
  'Chế biến Nông sản',
  'Nông nghiệp Công nghệ cao',
];
export const BRAND_WORDS = [
  'Phú Gia',
  'Thiên Nhiên',
  'Xanh',
  'Hưng Thịnh',
  'Sao Việt',
  'Mekong',
  'Tây Bắc',
  'Đất Việt',
  'An Khang',
  'Hồng Phát',
  'Quê Hương',
  'Nhà Nông',
];

/** Mobile prefixes in use (Viettel, Vinaphone, MobiFone, Vietnamobile). */
export const MOBILE_PREFIXES = [
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '38',
  '39',
  '56',
  '58',
  '70',
  '76',
  '77',
  '78',
  '79',
  '81',
  '82',
  '83',
  '84',
  '85',
  '86',
  '88',
  '89',
  '90',
  '91',
  '93',
  '94',
  '96',
  '97',
  '98',
];
