import type { ShipmentFacts } from '@app/contracts';
import type { OrderAggregate } from '../orders/orders.repository';
import type { Shipment } from '../shipments/shipment.entity';

/** What every shipment event repeats, so settlement and traceability need no lookups. */
export function shipmentFacts(s: Shipment, agg: OrderAggregate): ShipmentFacts {
  const sub = agg.subOrders.find((x) => x.id === s.subOrderId)!;
  return {
    shipmentId: s.id,
    orderId: s.orderId,
    subOrderId: s.subOrderId,
    sellerId: sub.sellerId,
    partnerId: sub.partnerId,
    carrierCode: s.carrierCode,
    trackingCode: s.trackingCode,
    senderProvinceCode: s.sender.provinceCode,
    receiverProvinceCode: s.receiver.provinceCode,
    receiverWardCode: s.receiver.wardCode,
    itemsVnd: sub.itemsVnd,
    shippingVnd: sub.shippingVnd,
    codVnd: s.codVnd,
    lines: sub.items.map((l) => ({
      productId: l.productId,
      name: l.name,
      categoryId: l.categoryId,
      quantity: l.quantity,
      unitPriceVnd: l.unitPriceVnd,
      lotId: l.lotId,
    })),
  };
}
