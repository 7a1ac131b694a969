'use strict';
// The catalog benchmark's workload: what storefront buyers send. Kinds say which search feature a
// query exercises.

/** @type {{ kind: string, query: Record<string, string | number> }[]} */
const SEARCHES = [
  { kind: 'accented', query: { q: 'Cà phê Buôn Ma Thuột' } },
  { kind: 'accented', query: { q: 'vải thiều Lục Ngạn' } },
  { kind: 'accented', query: { q: 'gạo ST25 Sóc Trăng' } },
  { kind: 'accented', query: { q: 'nước mắm Phú Quốc' } },
  { kind: 'accented', query: { q: 'chè Shan tuyết' } },
  { kind: 'accented', query: { q: 'xoài cát Hòa Lộc' } },
  { kind: 'unaccented', query: { q: 'ca phe' } },
  { kind: 'unaccented', query: { q: 'vai thieu' } },
  { kind: 'unaccented', query: { q: 'sau rieng ri6' } },
  { kind: 'unaccented', query: { q: 'nhan long hung yen' } },
  { kind: 'unaccented', query: { q: 'buoi dien' } },
  { kind: 'unaccented', query: { q: 'ho tieu chu se' } },
  { kind: 'synonym', query: { q: 'cafe' } },
  { kind: 'synonym', query: { q: 'durian' } },
  { kind: 'typo', query: { q: 'vai thiue' } },
  { kind: 'typo', query: { q: 'ca phe buon me thuot' } },
  { kind: 'typo', query: { q: 'nuoc mam phu quok' } },
  { kind: 'typo', query: { q: 'xoai cat hoa loc' } },
  { kind: 'typo', query: { q: 'sầu riên' } },
  { kind: 'place name', query: { q: 'cà phê Ban Mê Thuột' } },
  { kind: 'place name', query: { q: 'Sài Gòn' } },
  { kind: 'place name', query: { q: 'rau sạch TP.HCM' } },
  { kind: 'place name', query: { q: 'măng cụt Bình Dương' } },
  { kind: 'place name', query: { q: 'kẹo dừa Vĩnh Long' } },
  { kind: 'code', query: { q: 'gạo ST 25' } },
  { kind: 'code', query: { q: 'gao st25' } },
  { kind: 'query+filter', query: { q: 'mat ong', ocopStars: 3 } },
  { kind: 'query+filter', query: { q: 'gao', provinceCode: '92', sort: 'price_asc' } },
  { kind: 'query+filter', query: { q: 'che', categoryId: 'che', maxPriceVnd: 300000 } },
  { kind: 'filter', query: { provinceCode: '66' } },
  { kind: 'filter', query: { categoryId: 'trai-cay', sort: 'price_asc' } },
  { kind: 'filter', query: { categoryId: 'ca-phe-rang-xay', minPriceVnd: 100000, maxPriceVnd: 300000, sort: 'price_desc' } },
  { kind: 'filter', query: { ocopStars: 4 } },
  { kind: 'filter', query: { provinceCode: '24', categoryId: 'vai-nhan-chom-chom' } },
];
const PAGE = 20;
const SAMPLE_PRODUCTS = 2000;

function searchPath(query) {
  const qs = new URLSearchParams(Object.entries({ ...query, limit: PAGE }).map(([k, v]) => [k, String(v)]));
  return `/v1/products?${qs}`;
}

module.exports = { SEARCHES, PAGE, SAMPLE_PRODUCTS, searchPath };
