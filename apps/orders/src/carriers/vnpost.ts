import type { ShipmentStatus } from '@app/contracts';
import { ValidationFailedError } from '@app/platform';
import { field, optionalAmount, optionalText, parseVietnamDateTime, requireText, type NativeReport } from './carrier-report';

/**
 * Vietnam Post order status ids (OrderStatusId) mapped to ours (see docs/adr/0006). Ids not listed
 * are kept with the report but change nothing.
 */
export const VNPOST_STATUSES: Record<string, ShipmentStatus> = {
  '3': 'picked_up', // Đã lấy hàng / Đã nhận bưu gửi
  '5': 'in_transit', // Đang vận chuyển
  '6': 'in_transit', // Đến bưu cục phát
  '8': 'out_for_delivery', // Đang phát
  '14': 'delivered', // Phát thành công
  '15': 'failed', // Phát không thành công
  '16': 'returning', // Chờ chuyển hoàn
  '17': 'returning', // Đang chuyển hoàn
  '19': 'returned', // Đã chuyển hoàn / phát hoàn thành công
};

/** `StatusDate` as ISO 8601 with offset, or the postal `dd/MM/yyyy HH:mm:ss` in Vietnam time. */
function statusDate(body: Record<string, unknown>): Date {
  const text = requireText(body, 'StatusDate');
  if (/^\d{4}-\d{2}-\d{2}T/.test(text)) {
    const d = new Date(text);
    if (!Number.isNaN(d.getTime()) && /(Z|[+-]\d{2}:?\d{2})$/.test(text)) return d;
    throw new ValidationFailedError([
      { field: 'StatusDate', message: 'StatusDate must carry its UTC offset', messageVi: 'StatusDate phải có múi giờ' },
    ]);
  }
  return parseVietnamDateTime(text, 'StatusDate');
}

/**
 * Vietnam Post webhook body: `{ ItemCode, OrderCode, OrderStatusId, StatusName?, StatusDate,
 * CollectionAmount?, PostOfficeName?, Note? }`; the shared secret comes in the `Token` header.
 */
export function readVnpost(body: Record<string, unknown>): NativeReport {
  const code = requireText(body, 'OrderStatusId');
  const status = VNPOST_STATUSES[code] ?? null;
  return {
    shipmentId: optionalText(body, 'OrderCode'),
    trackingCode: requireText(body, 'ItemCode'),
    status,
    carrierStatusCode: code,
    occurredAt: statusDate(body),
    codCollectedVnd: status === 'delivered' ? optionalAmount(body, 'CollectionAmount') : null,
    location: optionalText(body, 'PostOfficeName'),
    reason:
      optionalText(body, 'Note') ??
      (typeof field(body, 'StatusName') === 'string' && status === 'failed' ? (field(body, 'StatusName') as string) : null),
    secret: null,
  };
}
