import type { PublicEventType } from '@app/contracts';

const order = '0193f0a0-0000-7000-8000-000000000001';
const subOrder = '0193f0a0-0000-7000-8000-000000000002';
const seller = '0193f0a0-0000-7000-8000-000000000003';

/** What a test delivery of each type carries: the shape of the real thing, with made-up ids. */
export const SAMPLE_DATA: Record<PublicEventType, Record<string, unknown>> = {
  'webhook.test': { message: 'A test delivery from the Nông sản marketplace.' },
  'order.created': {
    orderId: order,
    status: 'pending',
    placedAt: '2026-12-07T09:00:00+07:00',
    subOrders: [{ subOrderId: subOrder, sellerId: seller, lines: [] }],
  },
  'order.status_changed': { orderId: order, from: 'pending', to: 'confirmed', reason: null, changedAt: '2026-12-07T09:00:02+07:00' },
  'sub_order.awaiting_seller': {
    orderId: order,
    subOrderId: subOrder,
    sellerId: seller,
    status: 'awaiting_seller',
    acceptBy: '2026-12-08T09:00:02+07:00',
    itemsVnd: 250000,
    shippingVnd: 30000,
    codVnd: 280000,
    lines: [],
  },
  'sub_order.accepted': {
    orderId: order,
    subOrderId: subOrder,
    sellerId: seller,
    status: 'accepted',
    shipmentId: subOrder,
    automatic: false,
  },
  'sub_order.declined': { orderId: order, subOrderId: subOrder, sellerId: seller, status: 'declined', reason: 'out_of_stock' },
  'sub_order.expired': { orderId: order, subOrderId: subOrder, sellerId: seller, status: 'expired', acceptBy: '2026-12-08T09:00:02+07:00' },
  'shipment.status_changed': {
    shipmentId: subOrder,
    orderId: order,
    subOrderId: subOrder,
    sellerId: seller,
    from: 'requested',
    to: 'picked_up',
    trackingCode: 'VTP123456789',
  },
  'remittance.reconciled': { remittanceId: order, batchId: 'VTP-2026-12-07', totalTransferredVnd: 280000 },
  'payout.paid': { payoutId: order, totalVnd: 237500, items: [{ sellerId: seller, amountVnd: 237500 }] },
  'product.suspended': { productId: order, sellerId: seller, name: 'Vải thiều Lục Ngạn', status: 'active' },
};
