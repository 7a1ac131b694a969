// The public face of geo/. Internal helpers (name keys, the per-province name index) stay unexported, so
// their matching rules can change without touching callers.
export {
  ADMIN_UNITS_FILE,
  allProvinces,
  findProvince,
  findWard,
  findWardByName,
  matchWardsByName,
  validateAddressCodes,
  wardsOf,
  type AddressCodesResult,
  type Province,
  type ProvinceType,
  type Ward,
  type WardType,
} from './admin-units';
export { foldVietnamese } from './vietnamese-text';
export { MACRO_REGION_BY_PROVINCE, region, type MacroRegion } from './regions';
