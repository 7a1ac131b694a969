import { findWard, type DiaryFlag, type FieldError, type RecordFarmEventRequest } from '@app/contracts';

/** Clocks of phones in the field run a little fast; beyond this an entry "in the future" is a mistake. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;
const DAY_MS = 86_400_000;

function need(errors: FieldError[], ok: boolean, field: string, message: string, messageVi: string): void {
  if (!ok) errors.push({ field, message, messageVi });
}

/** What a diary entry must carry, by kind. */
export function diaryEntryErrors(req: RecordFarmEventRequest, now: Date = new Date()): FieldError[] {
  const errors: FieldError[] = [];
  const at = Date.parse(req.occurredAt);
  need(errors, at <= now.getTime() + FUTURE_TOLERANCE_MS, 'occurredAt', 'occurredAt is in the future', 'occurredAt ở thời điểm tương lai');
  if (req.kind === 'spraying' || req.kind === 'fertilizing') {
    need(errors, Boolean(req.input), 'input', `${req.kind} needs the input product's name`, 'cần ghi tên vật tư (phân bón/thuốc) đã dùng');
  }
  if (req.kind === 'spraying') {
    need(
      errors,
      req.preHarvestIntervalDays !== undefined,
      'preHarvestIntervalDays',
      'spraying needs the pre-harvest interval (days) from the product label',
      'phun thuốc cần ghi thời gian cách ly (ngày) theo nhãn thuốc',
    );
  }
  need(
    errors,
    req.inputAmount === undefined || Boolean(req.inputUnit),
    'inputUnit',
    'inputAmount needs inputUnit',
    'lượng dùng cần có đơn vị',
  );
  if (req.kind === 'inspection')
    need(
      errors,
      req.result !== undefined,
      'result',
      'an inspection needs its result (pass | fail)',
      'kiểm tra cần có kết quả (đạt | không đạt)',
    );
  if (req.kind === 'certification')
    need(
      errors,
      req.certification !== undefined,
      'certification',
      'a certification entry needs the certificate',
      'cần thông tin giấy chứng nhận',
    );
  if (req.wardCode !== undefined)
    need(
      errors,
      Boolean(findWard(req.wardCode)),
      'wardCode',
      `wardCode ${req.wardCode} is not a 2025 ward code`,
      `wardCode ${req.wardCode} không phải mã xã/phường 2025`,
    );
  need(
    errors,
    req.correctsEventId === undefined || Boolean(req.correctionReason),
    'correctionReason',
    'a correction needs its reason',
    'đính chính cần nêu lý do',
  );
  return errors;
}

export interface DiaryFacts {
  eventId: string;
  kind: string;
  occurredAt: Date;
  preHarvestIntervalDays?: number;
  corrected: boolean;
}

/**
 * Pre-harvest interval: produce harvested within the interval after a spraying may carry residues
 * above the limits. Computed from the whole diary, so an entry recorded late still counts.
 */
export function preHarvestFlags(harvest: DiaryFacts, diary: DiaryFacts[]): DiaryFlag[] {
  if (harvest.kind !== 'harvesting') return [];
  return diary
    .filter((s) => s.kind === 'spraying' && !s.corrected && s.preHarvestIntervalDays !== undefined)
    .filter(
      (s) =>
        s.occurredAt <= harvest.occurredAt && harvest.occurredAt.getTime() < s.occurredAt.getTime() + s.preHarvestIntervalDays! * DAY_MS,
    )
    .map((s) => {
      const days = Math.floor((harvest.occurredAt.getTime() - s.occurredAt.getTime()) / DAY_MS);
      return {
        code: 'pre_harvest_interval_violated' as const,
        message: `harvested ${days} day(s) after a spraying whose pre-harvest interval is ${s.preHarvestIntervalDays} days`,
        messageVi: `Thu hoạch ${days} ngày sau khi phun thuốc, chưa hết thời gian cách ly ${s.preHarvestIntervalDays} ngày`,
        sprayingEventId: s.eventId,
      };
    });
}
