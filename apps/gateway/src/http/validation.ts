import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { ValidateBy, ValidateIf } from 'class-validator';
import type { FieldError } from '@app/contracts';
import { ValidationFailedError } from '@app/platform';
import { unsafeInput } from './input-guard';

/** Vietnamese wording per class-validator constraint; `{n}` takes the number in the English text. */
const VI: Record<string, string> = {
  whitelistValidation: 'trường này không được phép',
  isDefined: 'là bắt buộc',
  isNotEmpty: 'không được để trống',
  isString: 'phải là chuỗi ký tự',
  isInt: 'phải là số nguyên',
  isNumber: 'phải là số',
  isBoolean: 'phải là true hoặc false',
  isIn: 'không phải giá trị được chấp nhận',
  isEnum: 'không phải giá trị được chấp nhận',
  min: 'phải lớn hơn hoặc bằng {n}',
  max: 'phải nhỏ hơn hoặc bằng {n}',
  minLength: 'phải dài ít nhất {n} ký tự',
  maxLength: 'không được dài quá {n} ký tự',
  matches: 'không đúng định dạng',
  isArray: 'phải là mảng',
  arrayMinSize: 'phải có ít nhất {n} phần tử',
  arrayMaxSize: 'không được quá {n} phần tử',
  arrayUnique: 'không được có phần tử trùng lặp',
  isObject: 'phải là đối tượng',
  nestedValidation: 'phải là đối tượng hợp lệ',
  isUrl: 'phải là URL',
  isUUID: 'phải là UUID',
  isISO8601: 'phải là thời điểm ISO 8601 có múi giờ',
  isDateString: 'phải là ngày ISO 8601',
  isPositive: 'phải là số dương',
  isDecimal: 'phải là số có tối đa {n} chữ số thập phân',
  isLatitude: 'phải là vĩ độ hợp lệ',
  isLongitude: 'phải là kinh độ hợp lệ',
};

function vietnamese(constraint: string, english: string): string | undefined {
  const template = VI[constraint];
  if (!template) return undefined;
  const n = /(-?\d+(?:\.\d+)?)/.exec(english)?.[1] ?? '';
  return template.replace('{n}', n);
}

/** Flattens class-validator's tree into `errors[]` with dotted/indexed paths. */
export function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = /^\d+$/.test(e.property) ? `${parent}[${e.property}]` : parent ? `${parent}.${e.property}` : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([constraint, message]): FieldError => {
      const english = constraint === 'whitelistValidation' ? `${field} is not an accepted field` : message.replace(e.property, field);
      const vi = vietnamese(constraint, message);
      return { field, message: english, ...(vi ? { messageVi: `${field} ${vi}` } : {}) };
    });
    return [...own, ...fieldErrors(e.children ?? [], field)];
  });
}

/** The most field errors an answer lists; the detail says how many there were. */
export const MAX_LISTED_ERRORS = 50;

/** A 422 listing at most {@link MAX_LISTED_ERRORS} errors, so a bad 5,000-item body gets a small answer. */
export function validationFailed(all: FieldError[]): ValidationFailedError {
  const detail =
    all.length > MAX_LISTED_ERRORS
      ? `The request has ${all.length} invalid fields; the first ${MAX_LISTED_ERRORS} are listed.`
      : 'The request has invalid fields.';
  return new ValidationFailedError(all.slice(0, MAX_LISTED_ERRORS), detail).vi('Yêu cầu có trường không hợp lệ.');
}

/** Refuses what must never reach class-validator or the database (input-guard.ts) before validating. */
class GuardedValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const bad = unsafeInput(value, metadata.type === 'param' ? (metadata.data ?? 'path') : '');
      if (bad) throw validationFailed([bad]);
    }
    return super.transform(value, metadata);
  }
}

/**
 * Validates bodies and queries against the DTOs: unknown properties are rejected (never silently
 * stored), types converted explicitly, every failure a 422 with per-field errors.
 */
export function validationPipe(): ValidationPipe {
  return new GuardedValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => validationFailed(fieldErrors(errors)),
  });
}

/** Like `@IsOptional()`, but only an absent field is skipped: `null` is checked (and refused) like any value. */
export function IsOptionalNotNull(): PropertyDecorator {
  return ValidateIf((_, value) => value !== undefined);
}

/**
 * A finite number with at most `places` decimals. class-validator's `maxDecimalPlaces` reads the
 * decimals off `toString()` and throws on exponent notation (`1e-7`), a 500 for a bad quantity.
 */
export function IsDecimal(places: number): PropertyDecorator {
  const scale = 10 ** places;
  return ValidateBy({
    name: 'isDecimal',
    validator: {
      validate: (v: unknown) => typeof v === 'number' && Number.isFinite(v) && Math.abs(v * scale - Math.round(v * scale)) < 1e-6,
      defaultMessage: (a) => `${a?.property} must be a number with at most ${places} decimals`,
    },
  });
}
