import type { MigrationInterface, QueryRunner } from 'typeorm';

type Seed = [slug: string, nameVi: string, nameEn: string, children?: Seed[]];

/** The agricultural category tree, Vietnamese names first (reference data). */
const TREE: Seed[] = [
  [
    'trai-cay',
    'Trái cây',
    'Fruit',
    [
      ['cay-co-mui', 'Cây có múi', 'Citrus'],
      ['trai-cay-nhiet-doi', 'Trái cây nhiệt đới', 'Tropical fruit'],
      ['vai-nhan-chom-chom', 'Vải, nhãn, chôm chôm', 'Lychee, longan and rambutan'],
      ['trai-cay-say', 'Trái cây sấy', 'Dried fruit'],
    ],
  ],
  [
    'rau-cu',
    'Rau củ',
    'Vegetables',
    [
      ['rau-an-la', 'Rau ăn lá', 'Leafy greens'],
      ['cu-qua', 'Củ quả', 'Roots, tubers and fruiting vegetables'],
      ['nam', 'Nấm', 'Mushrooms'],
      ['rau-gia-vi', 'Rau gia vị', 'Fresh herbs'],
    ],
  ],
  [
    'gao-ngu-coc',
    'Gạo và ngũ cốc',
    'Rice and grains',
    [
      ['gao', 'Gạo', 'Rice'],
      ['gao-dac-san', 'Gạo đặc sản', 'Specialty rice'],
      ['nep', 'Nếp', 'Glutinous rice'],
      ['ngo-khoai-san', 'Ngô, khoai, sắn', 'Maize, sweet potato and cassava'],
      ['dau-hat', 'Đậu và hạt', 'Beans and pulses'],
    ],
  ],
  [
    'ca-phe',
    'Cà phê',
    'Coffee',
    [
      ['ca-phe-nhan', 'Cà phê nhân', 'Green coffee beans'],
      ['ca-phe-rang-xay', 'Cà phê rang xay', 'Roasted and ground coffee'],
    ],
  ],
  [
    'che',
    'Chè',
    'Tea',
    [
      ['che-xanh', 'Chè xanh', 'Green tea'],
      ['che-shan-tuyet', 'Chè Shan tuyết', 'Shan tuyet tea'],
      ['tra-thao-moc', 'Trà thảo mộc', 'Herbal tea'],
    ],
  ],
  [
    'thuy-san',
    'Thủy sản',
    'Seafood',
    [
      ['tom', 'Tôm', 'Shrimp'],
      ['ca', 'Cá', 'Fish'],
      ['hai-san-kho', 'Hải sản khô', 'Dried seafood'],
      ['nuoc-mam', 'Nước mắm', 'Fish sauce'],
    ],
  ],
  [
    'chan-nuoi',
    'Chăn nuôi',
    'Livestock and poultry',
    [
      ['thit-lon', 'Thịt lợn', 'Pork'],
      ['thit-bo', 'Thịt bò', 'Beef'],
      ['gia-cam', 'Gia cầm', 'Poultry'],
      ['trung', 'Trứng', 'Eggs'],
      ['mat-ong', 'Mật ong', 'Honey'],
    ],
  ],
  [
    'gia-vi-hat',
    'Gia vị và hạt',
    'Spices and nuts',
    [
      ['ho-tieu', 'Hồ tiêu', 'Black pepper'],
      ['hat-dieu', 'Hạt điều', 'Cashew nuts'],
      ['que-hoi', 'Quế, hồi', 'Cinnamon and star anise'],
    ],
  ],
  [
    'dac-san-ocop',
    'Đặc sản OCOP',
    'OCOP specialties',
    [
      ['dac-san-vung-mien', 'Đặc sản vùng miền', 'Regional specialties'],
      ['banh-keo-truyen-thong', 'Bánh kẹo truyền thống', 'Traditional confectionery'],
      ['duoc-lieu', 'Dược liệu', 'Medicinal herbs'],
    ],
  ],
  [
    'thuc-pham-che-bien',
    'Thực phẩm chế biến',
    'Processed foods',
    [
      ['do-kho', 'Đồ khô', 'Dried goods'],
      ['tuong-mam', 'Tương, mắm', 'Sauces and fermented pastes'],
    ],
  ],
];

export class Categories1763856100000 implements MigrationInterface {
  name = 'Categories1763856100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE categories (
        id text PRIMARY KEY,
        parent_id text REFERENCES categories (id),
        slug text NOT NULL,
        name_vi text NOT NULL,
        name_en text NOT NULL,
        position integer NOT NULL,
        CONSTRAINT "UQ_categories_slug" UNIQUE (slug)
      )`);
    await q.query(`CREATE INDEX categories_parent_idx ON categories (parent_id)`);
    const insert = async (seeds: Seed[], parent: string | null): Promise<void> => {
      for (const [i, [slug, nameVi, nameEn, children]] of seeds.entries()) {
        await q.query(`INSERT INTO categories (id, parent_id, slug, name_vi, name_en, position) VALUES ($1, $2, $3, $4, $5, $6)`, [
          slug,
          parent,
          slug,
          nameVi,
          nameEn,
          i + 1,
        ]);
        if (children) await insert(children, slug);
      }
    };
    await insert(TREE, null);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE categories`);
  }
}
