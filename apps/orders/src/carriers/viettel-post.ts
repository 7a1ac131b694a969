import type { ShipmentStatus } from '@app/contracts';
import { optionalAmount, optionalText, parseVietnamDateTime, requireText, type NativeReport } from './carrier-report';

/**
 * Viettel Post's order-status codes (ORDER_STATUS) mapped to ours. Codes not listed (e.g. 102
 * "processing", 107/201/503 cancellations on its side) are kept with the report but change nothing.
 */
export const VIETTEL_POST_STATUSES: Record<string, ShipmentStatus> = {
  '105': 'picked_up', // Bưu tá đã nhận hàng
  '200': 'picked_up', // Nhận từ bưu tá – bưu cục gốc
  '300': 'in_transit', // Đóng bảng kê đi
  '310': 'in_transit',
  '320': 'in_transit',
  '400': 'in_transit', // Nhận bảng kê đến
  '509': 'in_transit', // Chuyển tiếp bưu cục khác
  '500': 'out_for_delivery', // Giao bưu tá đi phát
  '508': 'out_for_delivery', // Phát tiếp
  '550': 'out_for_delivery', // Phát tiếp theo yêu cầu
  '501': 'delivered', // Phát thành công
  '505': 'failed', // Tồn – thông báo chuyển hoàn
  '506': 'failed', // Tồn – khách vắng nhà
  '507': 'failed', // Tồn – khách đến bưu cục nhận
  '502': 'returning', // Chuyển hoàn bưu cục gốc
  '515': 'returning', // Bưu cục phát duyệt hoàn
  '504': 'returned', // Thành công – chuyển trả người gửi
};

/**
 * Viettel Post webhook body: `{ DATA: { ORDER_NUMBER, ORDER_REFERENCE, ORDER_STATUSDATE
 * ("dd/MM/yyyy HH:mm:ss", Vietnam time), ORDER_STATUS, STATUS_NAME, LOCALION_CURRENTLY, NOTE,
 * MONEY_COLLECTION, … }, TOKEN }`.
 */
export function readViettelPost(body: Record<string, unknown>): NativeReport {
  const code = requireText(body, 'DATA.ORDER_STATUS');
  return {
    shipmentId: optionalText(body, 'DATA.ORDER_REFERENCE'),
    trackingCode: requireText(body, 'DATA.ORDER_NUMBER'),
    status: VIETTEL_POST_STATUSES[code] ?? null,
    carrierStatusCode: code,
    occurredAt: parseVietnamDateTime(requireText(body, 'DATA.ORDER_STATUSDATE'), 'DATA.ORDER_STATUSDATE'),
    codCollectedVnd: VIETTEL_POST_STATUSES[code] === 'delivered' ? optionalAmount(body, 'DATA.MONEY_COLLECTION') : null,
    location: optionalText(body, 'DATA.LOCALION_CURRENTLY'),
    reason: optionalText(body, 'DATA.NOTE'),
    secret: optionalText(body, 'TOKEN'),
  };
}
