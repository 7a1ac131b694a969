// Vietnamese phone numbers as buyers type them, in E.164 form for storage and in national form for couriers.
// Numbering plan since the 2017 landline and 2018 mobile renumbering (Thông tư 22/2014/TT-BTTTT):
//   mobile:   0 + 9 digits, prefix 03x, 05x, 07x, 08x or 09x (for example 0912 345 678). E.164: +84 + 9 digits.
//   landline: 0 + 10 digits, area code 2x or 2xx (024 Hà Nội, 028 TP.HCM, 0236 Đà Nẵng, ...) plus the subscriber
//             number. Every landline has 11 digits nationally. E.164: +84 + 10 digits.
// Prefixes are checked by their first digit only. The regulator assigns new blocks within 03/05/07/08/09 from
// time to time, and rejecting a real buyer's number costs more than accepting an unassigned one.

/** The kind of line a valid number belongs to. */
export type PhoneKind = 'mobile' | 'landline';

/** The outcome of normalizeVietnamesePhone. The messages suit a FieldError (problem.ts). */
export type PhoneResult = { ok: true; e164: string; national: string; kind: PhoneKind } | { ok: false; message: string; messageVi: string };

/** Anything longer than this is not a phone number. Reject it before doing any work on it. */
const MAX_INPUT_LENGTH = 40;
/** Digits and the separators people use: spaces, dots, dashes and parentheses, with an optional leading +. */
const ALLOWED = /^\+?[\d\s.()-]+$/u;
const MOBILE = /^[35789]\d{8}$/u;
const LANDLINE = /^2\d{9}$/u;

function fail(message: string, messageVi: string): PhoneResult {
  return { ok: false, message, messageVi };
}

/** Returns the national significant number (without the 0 or +84), or a failure if no Vietnamese form fits. */
function significantDigits(cleaned: string): string | PhoneResult {
  const digits = cleaned.replace(/\D/gu, '');
  let nsn: string;
  let international = true;
  if (cleaned.startsWith('+')) {
    if (!digits.startsWith('84')) {
      return fail('Only Vietnamese numbers (+84) are accepted', 'Chỉ chấp nhận số điện thoại Việt Nam (+84)');
    }
    nsn = digits.slice(2);
  } else if (digits.startsWith('0084')) {
    nsn = digits.slice(4); // 00 is the international call prefix dialled from Vietnam
  } else if (digits.startsWith('0')) {
    nsn = digits.slice(1);
    international = false;
  } else if (digits.startsWith('84')) {
    nsn = digits.slice(2);
  } else {
    return fail('Phone number must start with 0, +84 or 84', 'Số điện thoại phải bắt đầu bằng 0, +84 hoặc 84');
  }
  // "+84 (0)912 345 678" and "+84 0912…" are common. The trunk 0 is never part of the international form, so drop it.
  if (international && nsn.startsWith('0')) nsn = nsn.slice(1);
  return nsn;
}

/** Says what is wrong with a national significant number that is neither a mobile nor a landline number. */
function explain(nsn: string): PhoneResult {
  const national = `0${nsn}`;
  if (/^[35789]/u.test(nsn)) {
    return fail(
      `Mobile numbers have 10 digits (0 + 9 digits); ${national} has ${national.length}`,
      `Số di động gồm 10 chữ số (0 + 9 chữ số); ${national} có ${national.length} chữ số`,
    );
  }
  if (nsn.startsWith('2')) {
    return fail(
      `Landline numbers have 11 digits (0 + area code 2x + subscriber number); ${national} has ${national.length}`,
      `Số cố định gồm 11 chữ số (0 + mã vùng 2x + số thuê bao); ${national} có ${national.length} chữ số`,
    );
  }
  if (/^1[2689]\d{8}$/u.test(nsn)) {
    // Old 11-digit mobiles (012x, 016x, 018x, 019x) were renumbered in 2018–2019. Ask for the new number and do not
    // convert it ourselves: the table differs by prefix and the old number may have been reissued since.
    return fail(
      'Old 11-digit mobile numbers (01x) are no longer in use; enter the new 10-digit number',
      'Số di động 11 chữ số (đầu 01x) không còn sử dụng; vui lòng nhập số mới 10 chữ số',
    );
  }
  if (nsn.startsWith('1')) {
    return fail(
      'Service numbers (1800, 1900, ...) cannot receive calls from couriers; enter a mobile or landline number',
      'Không chấp nhận số dịch vụ (1800, 1900, ...); vui lòng nhập số di động hoặc số cố định',
    );
  }
  return fail(
    `${national.slice(0, 2)}x is not a Vietnamese mobile (03, 05, 07, 08, 09) or landline (02) prefix`,
    `Đầu số ${national.slice(0, 2)}x không phải đầu số di động (03, 05, 07, 08, 09) hay cố định (02) của Việt Nam`,
  );
}

/**
 * Normalises a Vietnamese mobile or landline number. Accepted forms: `0912345678`, `+84912345678`, `84912345678`,
 * `0084912345678` and `+84 (0)912…`, with any spaces, dots, dashes or parentheses ("0912.345.678",
 * "(028) 3821 2345"). Full-width digits and non-breaking spaces from mobile keyboards are folded first (NFKC).
 * On success it returns `e164` ('+84912345678') for storage and `national` ('0912345678') for couriers. On failure it
 * returns an English and a Vietnamese message that say what to fix.
 */
export function normalizeVietnamesePhone(input: string): PhoneResult {
  // Runtime guard: values often come straight from JSON bodies, where the declared type is not enforced.
  if (typeof input !== 'string') return fail('Phone number must be a string', 'Số điện thoại phải là chuỗi ký tự');
  if (input.length > MAX_INPUT_LENGTH) return fail('Phone number is too long', 'Số điện thoại quá dài');
  const cleaned = input.normalize('NFKC').trim();
  if (cleaned === '') return fail('Phone number is empty', 'Chưa nhập số điện thoại');
  if (!ALLOWED.test(cleaned)) {
    return fail(
      'Phone number may contain only digits, spaces, dots, dashes, parentheses and a leading +',
      'Số điện thoại chỉ được chứa chữ số, dấu cách, dấu chấm, gạch ngang, dấu ngoặc và dấu + ở đầu',
    );
  }
  const nsn = significantDigits(cleaned);
  if (typeof nsn !== 'string') return nsn;
  const kind: PhoneKind | undefined = MOBILE.test(nsn) ? 'mobile' : LANDLINE.test(nsn) ? 'landline' : undefined;
  if (!kind) return explain(nsn);
  return { ok: true, e164: `+84${nsn}`, national: `0${nsn}`, kind };
}

/**
 * Masks a phone number for display to partners (sellers, couriers' dashboards). Only the first digit after +84 and
 * the last three digits are shown: '+84912345678' → '+84 9** *** 678', and the landline '+842838212345' →
 * '+84 2* **** *345'. The input may be in any form that normalizeVietnamesePhone accepts. Anything else returns
 * '***', so that a malformed stored value never leaks.
 */
export function maskPhone(e164: string): string {
  const parsed = normalizeVietnamesePhone(e164);
  if (!parsed.ok) return '***';
  const nsn = parsed.e164.slice(3);
  const last3 = nsn.slice(-3);
  // Grouped like the numbers are read aloud: mobiles 3-3-3, landlines 2-4-4.
  return parsed.kind === 'mobile' ? `+84 ${nsn[0]}** *** ${last3}` : `+84 ${nsn[0]}* **** *${last3}`;
}
