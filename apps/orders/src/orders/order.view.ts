import {
  findProvince,
  findWard,
  maskPhone,
  type CallerIdentity,
  type OrderView,
  type SubOrderView,
  type TrackingEntry,
} from '@app/contracts';
import { toVietnamIso } from '@app/platform';
import type { OrderAggregate } from './orders.repository';
import { countsInTotals } from './sub-order-state';
import type { SubOrder } from './sub-order.entity';

const iso = (d: Date | null): string | null => (d ? toVietnamIso(d) : null);

/**
 * The order as the caller may see it: a partner only its sellers' sub-orders, with the buyer's
 * phone masked and totals of those sub-orders only. `tracking` (by shipment id) is shown when given.
 */
export function orderView(
  { order, subOrders, shipments }: OrderAggregate,
  caller: CallerIdentity,
  tracking?: Map<string, TrackingEntry[]>,
): OrderView {
  const partner = caller.role === 'partner';
  const visible = partner ? subOrders.filter((s) => s.partnerId === caller.partnerId) : subOrders;
  const subs: SubOrderView[] = visible.map((s) => {
    const shipment = shipments.find((sh) => sh.subOrderId === s.id);
    return {
      id: s.id,
      sellerId: s.sellerId,
      sellerName: s.sellerName,
      status: s.status,
      acceptance: s.acceptance,
      acceptBy: iso(s.acceptBy),
      answeredAt: iso(s.answeredAt),
      pickupWindow: s.pickupFrom && s.pickupTo ? { from: toVietnamIso(s.pickupFrom), to: toVietnamIso(s.pickupTo) } : null,
      declineReason: s.declineReason,
      sellerNote: s.sellerNote,
      shipmentId: shipment?.id ?? null,
      shipmentStatus: shipment?.status ?? null,
      carrierCode: shipment?.carrierCode ?? null,
      trackingCode: shipment?.trackingCode ?? null,
      itemsVnd: s.itemsVnd,
      shippingVnd: s.shippingVnd,
      codVnd: s.codVnd,
      items: s.items.map((l) => ({
        productId: l.productId,
        name: l.name,
        unit: l.unit,
        quantity: l.quantity,
        unitPriceVnd: l.unitPriceVnd,
        lineVnd: l.lineVnd,
      })),
      ...(s.rejection ? { rejection: s.rejection } : {}),
      ...(tracking ? { tracking: (shipment && tracking.get(shipment.id)) ?? [] } : {}),
    };
  });
  // A partner's totals are those of its sub-orders the order still counts (a declined or expired one dropped out).
  const live = visible.filter(countsInTotals);
  const sum = (of: SubOrder[], f: (s: SubOrder) => number) => of.reduce((t, s) => t + f(s), 0);
  return {
    id: order.id,
    status: order.status,
    buyer: { name: order.buyerName, phone: partner ? maskPhone(order.buyerPhone) : order.buyerPhone },
    address: {
      ...order.address,
      provinceName: findProvince(order.address.provinceCode)?.name ?? order.address.provinceCode,
      wardName: findWard(order.address.wardCode)?.name ?? order.address.wardCode,
    },
    paymentMethod: order.paymentMethod,
    itemsVnd: partner ? sum(live, (s) => s.itemsVnd) : order.itemsVnd,
    shippingVnd: partner ? sum(live, (s) => s.shippingVnd) : order.shippingVnd,
    codVnd: partner ? sum(live, (s) => s.codVnd) : order.codVnd,
    reason: order.reason,
    subOrders: subs,
    placedAt: toVietnamIso(order.placedAt),
    updatedAt: toVietnamIso(order.updatedAt),
  };
}

/** Storefronts see their own orders, partners those with their sellers, admins all; others: 404. */
export function canSee({ order, subOrders }: OrderAggregate, caller: CallerIdentity): boolean {
  switch (caller.role) {
    case 'admin':
      return true;
    case 'storefront':
      return order.storefrontKeyId === caller.keyId;
    case 'partner':
      return subOrders.some((s) => s.partnerId === caller.partnerId);
    case 'carrier':
      return false;
  }
}
