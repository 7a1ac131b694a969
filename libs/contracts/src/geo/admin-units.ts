// Vietnam's two-level administrative units after the reform of 1 July 2025 (province → ward/commune; there
// is no district level any more). Source, licence and caveats: ./SOURCES.md.
//
// The JSON is read with fs at first use, not imported. An import would put 0.5 MB into every process that
// loads @app/contracts, even one that never looks up an address. SWC does not copy JSON into dist/, so
// tools/build.js must copy libs/contracts/src/geo/*.json next to the compiled file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { matchWardNames } from './ward-names';

/** Province-level unit type: a centrally-run city or a province. */
export type ProvinceType = 'thanh_pho' | 'tinh';
/** Commune-level unit type: rural commune, urban ward, or island special zone. */
export type WardType = 'xa' | 'phuong' | 'dac_khu';

/** A province-level unit (tỉnh / thành phố trực thuộc trung ương). */
export interface Province {
  /** Two-digit code as a string, for example '01' (Hà Nội). Keep it as a string because the leading zero matters. */
  readonly code: string;
  /** Official name with its type prefix: 'Thành phố Hà Nội', 'Tỉnh Quảng Ninh'. */
  readonly name: string;
  /** The name without the prefix: 'Hà Nội'. */
  readonly shortName: string;
  readonly type: ProvinceType;
}

/** A commune-level unit (xã / phường / đặc khu). In this codebase every such unit is called a "ward". */
export interface Ward {
  /** Five-digit code as a string, for example '06970'. Unique nationwide. */
  readonly code: string;
  /** Official name with its type prefix: 'Xã Ba Chẽ'. */
  readonly name: string;
  /** The name without the prefix: 'Ba Chẽ'. It is not unique nationwide, and within a province see findWardByName. */
  readonly shortName: string;
  readonly type: WardType;
  readonly provinceCode: string;
}

/** Everything the lookups need, built once on first use. */
interface AdminUnits {
  readonly provinces: readonly Province[];
  readonly provinceByCode: ReadonlyMap<string, Province>;
  readonly wardByCode: ReadonlyMap<string, Ward>;
  readonly wardsByProvince: ReadonlyMap<string, readonly Ward[]>;
}

/** The data file. It sits next to this module in both src/ and dist/. */
export const ADMIN_UNITS_FILE = path.join(__dirname, 'vn-admin-units-2025.json');

const PROVINCE_TYPES: ReadonlySet<string> = new Set<ProvinceType>(['thanh_pho', 'tinh']);
const WARD_TYPES: ReadonlySet<string> = new Set<WardType>(['xa', 'phuong', 'dac_khu']);

let cache: AdminUnits | undefined;

const byCode = (a: { code: string }, b: { code: string }): number => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads a string field. A missing or mistyped field means the file is corrupt or has changed shape, so fail loudly. */
function str(record: Record<string, unknown>, key: string, where: string): string {
  const value = record[key];
  if (typeof value !== 'string' || value.length === 0) throw new Error(`${ADMIN_UNITS_FILE}: ${where}.${key} is not a non-empty string`);
  return value;
}

// Checks the shape of the file as it is read. A wrong code or type in address data would otherwise surface much
// later as "unknown ward" on real orders, far from its cause.
function parse(raw: string): AdminUnits {
  const data: unknown = JSON.parse(raw);
  if (!isRecord(data) || !Array.isArray(data.provinces)) throw new Error(`${ADMIN_UNITS_FILE}: no provinces array`);
  const provinces: Province[] = [];
  const provinceByCode = new Map<string, Province>();
  const wardByCode = new Map<string, Ward>();
  const wardsByProvince = new Map<string, readonly Ward[]>();
  for (const [i, p] of (data.provinces as unknown[]).entries()) {
    if (!isRecord(p) || !Array.isArray(p.wards)) throw new Error(`${ADMIN_UNITS_FILE}: provinces[${i}] is malformed`);
    const code = str(p, 'code', `provinces[${i}]`);
    const type = str(p, 'type', `provinces[${i}]`);
    if (!/^\d{2}$/.test(code) || !PROVINCE_TYPES.has(type) || provinceByCode.has(code)) {
      throw new Error(`${ADMIN_UNITS_FILE}: province ${code} has a bad or duplicate code or type ${type}`);
    }
    const province: Province = Object.freeze({
      code,
      name: str(p, 'name', `provinces[${i}]`),
      shortName: str(p, 'short_name', `provinces[${i}]`),
      type: type as ProvinceType,
    });
    const wards: Ward[] = [];
    for (const [j, w] of (p.wards as unknown[]).entries()) {
      const where = `provinces[${i}].wards[${j}]`;
      if (!isRecord(w)) throw new Error(`${ADMIN_UNITS_FILE}: ${where} is malformed`);
      const wardCode = str(w, 'code', where);
      const wardType = str(w, 'type', where);
      if (!/^\d{5}$/.test(wardCode) || !WARD_TYPES.has(wardType) || wardByCode.has(wardCode) || str(w, 'province_code', where) !== code) {
        throw new Error(`${ADMIN_UNITS_FILE}: ward ${wardCode} has a bad or duplicate code, type ${wardType} or province`);
      }
      const ward: Ward = Object.freeze({
        code: wardCode,
        name: str(w, 'name', where),
        shortName: str(w, 'short_name', where),
        type: wardType as WardType,
        provinceCode: code,
      });
      wards.push(ward);
      wardByCode.set(wardCode, ward);
    }
    provinces.push(province);
    provinceByCode.set(code, province);
    // Sorted here rather than trusting file order: the lists are documented as being in code order.
    wardsByProvince.set(code, Object.freeze(wards.sort(byCode)));
  }
  return { provinces: Object.freeze(provinces.sort(byCode)), provinceByCode, wardByCode, wardsByProvince };
}

/** The parsed data. It is read and indexed on first call, then kept for the life of the process. */
function adminUnits(): AdminUnits {
  cache ??= parse(readDataFile());
  return cache;
}

function readDataFile(): string {
  try {
    return fs.readFileSync(ADMIN_UNITS_FILE, 'utf8');
  } catch (err) {
    // The likely cause in dist/ is a build that did not copy the JSON. Name the fix, not just the ENOENT.
    throw new Error(`Cannot read ${ADMIN_UNITS_FILE}: the build must copy libs/contracts/src/geo/*.json next to admin-units.js`, {
      cause: err,
    });
  }
}

/** The province with this 2-digit code, or undefined. Pre-2025 codes (for example '02' Hà Giang) are unknown. */
export function findProvince(code: string): Province | undefined {
  return adminUnits().provinceByCode.get(code);
}

/** The ward (xã / phường / đặc khu) with this 5-digit code, or undefined. */
export function findWard(code: string): Ward | undefined {
  return adminUnits().wardByCode.get(code);
}

/** The wards of a province in code order. Returns an empty list for an unknown province. The list is frozen and shared. */
export function wardsOf(provinceCode: string): readonly Ward[] {
  return adminUnits().wardsByProvince.get(provinceCode) ?? [];
}

/** All 34 provinces in code order. The list is frozen and shared. */
export function allProvinces(): readonly Province[] {
  return adminUnits().provinces;
}

/** The outcome of validateAddressCodes. The failure has the shape of a FieldError (problem.ts) minus the field path prefix. */
export type AddressCodesResult =
  { ok: true; province: Province; ward: Ward } | { ok: false; field: 'provinceCode' | 'wardCode'; message: string; messageVi: string };

/**
 * Checks that a province code and a ward code exist and belong together. Codes are compared exactly, so
 * '1' is not '01'. A failure names the field to blame. When the ward exists in another province, the message
 * says which one, because the usual cause is a stale province picker in the client.
 */
export function validateAddressCodes(provinceCode: string, wardCode: string): AddressCodesResult {
  const province = findProvince(provinceCode);
  if (!province) {
    return {
      ok: false,
      field: 'provinceCode',
      message: `Unknown province code "${provinceCode}" (expected one of the 34 two-digit codes in force since 1 July 2025)`,
      messageVi: `Mã tỉnh/thành phố "${provinceCode}" không tồn tại (dùng mã của 34 tỉnh/thành phố từ ngày 01/07/2025)`,
    };
  }
  const ward = findWard(wardCode);
  if (!ward) {
    return {
      ok: false,
      field: 'wardCode',
      message: `Unknown ward code "${wardCode}" (expected a five-digit commune/ward code in force since 1 July 2025)`,
      messageVi: `Mã xã/phường "${wardCode}" không tồn tại (dùng mã 5 chữ số có hiệu lực từ ngày 01/07/2025)`,
    };
  }
  if (ward.provinceCode !== province.code) {
    const owner = findProvince(ward.provinceCode)!;
    return {
      ok: false,
      field: 'wardCode',
      message: `${ward.name} (${ward.code}) is in ${owner.name} (${owner.code}), not in ${province.name} (${province.code})`,
      messageVi: `${ward.name} (${ward.code}) thuộc ${owner.name} (mã ${owner.code}), không thuộc ${province.name} (mã ${province.code})`,
    };
  }
  return { ok: true, province, ward };
}

/**
 * Every ward of the province whose name matches `name`, best matches only. Returns an empty list for an unknown
 * province or no match. There are several candidates when the input fits more than one ward ("Cam Giang"
 * could be Xã Cẩm Giang or Xã Cẩm Giàng in Hải Phòng): show them to the user and ask.
 * Matching rules: see ./ward-names.ts.
 */
export function matchWardsByName(provinceCode: string, name: string): readonly Ward[] {
  const wards = adminUnits().wardsByProvince.get(provinceCode);
  return wards ? matchWardNames(wards, name) : [];
}

/**
 * The one ward of the province that `name` designates, or undefined when nothing matches or the name is
 * ambiguous. The type prefix is optional, and so are diacritics and tone-mark placement: 'Xa Pho Bang',
 * 'xã Phố Bảng' and 'Phố Bảng' all find 00745 in Tuyên Quang. To list the candidates of an ambiguous name,
 * call matchWardsByName.
 */
export function findWardByName(provinceCode: string, name: string): Ward | undefined {
  const matches = matchWardsByName(provinceCode, name);
  return matches.length === 1 ? matches[0] : undefined;
}

export { foldVietnamese } from './vietnamese-text';
export { region, MACRO_REGION_BY_PROVINCE, type MacroRegion } from './regions';
