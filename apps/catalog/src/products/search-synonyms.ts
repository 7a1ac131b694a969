import { allProvinces, foldVietnamese } from '@app/contracts';

/**
 * Ways buyers say one thing. A query holding any phrase of a set finds products whose text holds
 * any phrase of it, or whose origin is one of its provinces (the `province:<code>` lexeme of the
 * search document). Phrases are folded (no diacritics, lower case), words separated by one space.
 */
export interface SynonymSet {
  readonly phrases: readonly string[];
  /** 2025 province codes (ADR 0055: the 34 provinces of Nghị quyết 202/2025/QH15). */
  readonly provinces: readonly string[];
}

/** Produce named by a loanword, an English word or a regional word as well as the listing's word. */
const PRODUCT_SETS: readonly (readonly string[])[] = [
  ['ca phe', 'cafe', 'caphe', 'coffee'],
  ['che', 'tra', 'tea'],
  ['gao', 'rice'],
  ['vai thieu', 'lychee'],
  ['sau rieng', 'durian'],
  ['ho tieu', 'pepper'],
  ['mat ong', 'honey'],
  ['tom', 'shrimp'],
  ['xoai', 'mango'],
  ['buoi', 'pomelo'],
  ['lon', 'heo'],
  ['ngo', 'bap'],
  ['qua', 'trai'],
  ['nuoc mam', 'fish sauce'],
];

/** Towns and regions known by more than one name (the old name is what people still say). */
const PLACE_SETS: readonly (readonly string[])[] = [
  ['buon ma thuot', 'ban me thuot', 'buon me thuot', 'ban me', 'bmt'],
  ['da lat', 'dalat'],
  ['phu quoc'],
];

/** Other names of a 2025 province, beside its own short name. */
const PROVINCE_ALIASES: Readonly<Record<string, readonly string[]>> = {
  '01': ['hanoi'],
  '46': ['thua thien hue'],
  '48': ['danang'],
  '66': ['daklak'],
  '79': ['sai gon', 'saigon', 'tp hcm', 'tphcm', 'tp.hcm', 'hcm', 'hcmc'],
};

/**
 * The 29 provinces merged into another on 1 July 2025 (Nghị quyết 202/2025/QH15), with the code of
 * the province they are part of now: a buyer typing the old name finds what comes from there.
 */
export const MERGED_PROVINCES: Readonly<Record<string, string>> = {
  'Hà Giang': '08',
  'Yên Bái': '15',
  'Bắc Kạn': '19',
  'Vĩnh Phúc': '25',
  'Hòa Bình': '25',
  'Bắc Giang': '24',
  'Thái Bình': '33',
  'Hải Dương': '31',
  'Hà Nam': '37',
  'Nam Định': '37',
  'Quảng Bình': '44',
  'Quảng Nam': '48',
  'Kon Tum': '51',
  'Bình Định': '52',
  'Phú Yên': '66',
  'Ninh Thuận': '56',
  'Đắk Nông': '68',
  'Bình Thuận': '68',
  'Bình Phước': '75',
  'Bình Dương': '79',
  'Bà Rịa - Vũng Tàu': '79',
  'Long An': '80',
  'Tiền Giang': '82',
  'Bến Tre': '86',
  'Trà Vinh': '86',
  'Kiên Giang': '91',
  'Sóc Trăng': '92',
  'Hậu Giang': '92',
  'Bạc Liêu': '96',
};

/** Other names of merged provinces. */
const MERGED_ALIASES: Readonly<Record<string, readonly string[]>> = {
  'Bà Rịa - Vũng Tàu': ['ba ria vung tau', 'vung tau', 'ba ria', 'brvt'],
  'Đắk Nông': ['daknong'],
};

/** Words written before a province's name that do not change what it names. */
const PROVINCE_PREFIXES = ['tinh', 'tp', 'thanh pho'];

/** Query words (folded) as the search splits them: decimal numbers whole, every other run of letters and digits. */
export function queryTokens(folded: string): string[] {
  return folded.match(/\d+(?:[.,]\d+)+|[a-z0-9]+/g) ?? [];
}

const key = (text: string) => queryTokens(foldVietnamese(text)).join(' ');

function buildTable(): { table: Map<string, SynonymSet>; longest: number } {
  const table = new Map<string, SynonymSet>();
  const add = (keys: readonly string[], set: SynonymSet) => {
    for (const k of keys.map(key)) if (k && !table.has(k)) table.set(k, set);
  };
  const withPrefixes = (names: readonly string[]) => names.flatMap((n) => [n, ...PROVINCE_PREFIXES.map((p) => `${p} ${n}`)]);
  for (const phrases of [...PRODUCT_SETS, ...PLACE_SETS]) add(phrases, { phrases, provinces: [] });
  for (const p of allProvinces()) {
    const phrases = [foldVietnamese(p.shortName), ...(PROVINCE_ALIASES[p.code] ?? [])];
    add(withPrefixes(phrases), { phrases, provinces: [p.code] });
  }
  for (const [name, code] of Object.entries(MERGED_PROVINCES)) {
    const phrases = [key(name), ...(MERGED_ALIASES[name] ?? [])];
    add(withPrefixes(phrases), { phrases, provinces: [code] });
  }
  const longest = Math.max(...[...table.keys()].map((k) => k.split(' ').length));
  return { table, longest };
}

let built: ReturnType<typeof buildTable> | undefined;

/** A query's parts: a run of words with a synonym set, a letters-and-number code ("st 25" = "st25"), or a plain word. */
export type QueryPart =
  { kind: 'set'; key: string; set: SynonymSet } | { kind: 'code'; letters: string; digits: string } | { kind: 'word'; word: string };

const CODE = /^([a-z]{1,4})(\d{1,4})$/;

/**
 * Splits a query into its parts, longest synonym phrase first at each position. Letters followed
 * by a number, written together or apart ("ST25", "ST 25", "ST-25"), are one part that finds
 * either spelling.
 */
export function queryParts(q: string): QueryPart[] {
  built ??= buildTable();
  const { table, longest } = built;
  const tokens = queryTokens(foldVietnamese(q));
  const parts: QueryPart[] = [];
  for (let i = 0; i < tokens.length;) {
    let matched = false;
    for (let n = Math.min(longest, tokens.length - i); n >= 1 && !matched; n--) {
      const k = tokens.slice(i, i + n).join(' ');
      const set = table.get(k);
      if (set) {
        parts.push({ kind: 'set', key: k, set });
        i += n;
        matched = true;
      }
    }
    if (matched) continue;
    const t = tokens[i];
    const next = tokens[i + 1];
    const code = CODE.exec(t);
    if (code) {
      parts.push({ kind: 'code', letters: code[1], digits: code[2] });
      i += 1;
    } else if (/^[a-z]{1,4}$/.test(t) && next !== undefined && /^\d{1,4}$/.test(next)) {
      parts.push({ kind: 'code', letters: t, digits: next });
      i += 2;
    } else {
      parts.push({ kind: 'word', word: t });
      i += 1;
    }
  }
  return parts;
}
