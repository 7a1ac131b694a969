import { ValidationPipe, type ValidationError } from '@nestjs/common';
import type { FieldError } from '@app/contracts';
import { ValidationFailedError } from '@app/platform';

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

/**
 * Validates bodies and queries against the DTOs: unknown properties are rejected (never silently
 * stored), types converted explicitly, every failure a 422 with per-field errors.
 */
export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationFailedError(fieldErrors(errors)).vi('Yêu cầu có trường không hợp lệ.'),
  });
}
