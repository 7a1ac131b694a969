import { findProvince, findWard, maskPhone, type CallerIdentity, type OrderView, type SubOrderView } from '@app/contracts';
import { toVietnamIso } from '@app/platform';
import type { OrderAggregate } from './orders.repository';

/**
 * The order as the caller may see it: a partner only its sellers' sub-orders, with the buyer's
 * phone masked and totals of those sub-orders only.
 */
export function orderView({ order, subOrders, shipments }: OrderAggregate, caller: CallerIdentity): OrderView {
  const partner = caller.role === 'partner';
  const visible = partner ? subOrders.filter((s) => s.partnerId === caller.partnerId) : subOrders;
  const subs: SubOrderView[] = visible.map((s) => {
    const shipment = shipments.find((sh) => sh.subOrderId === s.id);
    return {
      id: s.id,
      sellerId: s.sellerId,
      sellerName: s.sellerName,
      status: s.status,
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
    };
  });
  const sum = (f: (s: SubOrderView) => number) => subs.reduce((t, s) => t + f(s), 0);
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
    itemsVnd: partner ? sum((s) => s.itemsVnd) : order.itemsVnd,
    shippingVnd: partner ? sum((s) => s.shippingVnd) : order.shippingVnd,
    codVnd: partner ? sum((s) => s.codVnd) : order.codVnd,
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
