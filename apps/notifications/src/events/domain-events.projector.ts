import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  OrderPlacedV1,
  OrderStatusChangedV1,
  PayoutBatchPaidV1,
  ProductUpdatedV1,
  RemittanceReconciledV1,
  ShipmentStatusChangedV1,
  SubOrderAcceptedV1,
  SubOrderAwaitingSellerV1,
  SubOrderDeclinedV1,
  SubOrderExpiredV1,
  type CloudEvent,
  type EventData,
  type EventOwner,
  type SubOrderRef,
} from '@app/contracts';
import { OnEvent } from '@app/messaging';
import type { OrderRoute } from './order-route.entity';
import { PublicEventPublisher } from './public-event.publisher';
import { PublicEventRepository } from './public-event.repository';

type Event<D> = CloudEvent<EventData<D>>;

const partner = (id: string): EventOwner => ({ role: 'partner', id });
const storefront = (id: string): EventOwner => ({ role: 'storefront', id });
const carrier = (code: string): EventOwner => ({ role: 'carrier', id: code });

/**
 * The other contexts' events, as the public events of API.md for each owner: a partner hears of
 * its sellers' sub-orders (and only those), a storefront of its orders, a carrier of its shipments
 * and remittances. Who owns an order comes from OrderPlacedV1 (kept in `order_routes`); order
 * events are keyed by order id, so the placement is applied before any change of the order.
 */
@Injectable()
export class DomainEventsProjector {
  private readonly logger = new Logger(DomainEventsProjector.name);

  constructor(
    private readonly publisher: PublicEventPublisher,
    private readonly events: PublicEventRepository,
  ) {}

  @OnEvent(OrderPlacedV1)
  async onOrderPlaced(e: Event<typeof OrderPlacedV1>, manager: EntityManager): Promise<void> {
    const d = e.data;
    const partners: Record<string, string> = {};
    for (const s of d.subOrders) if (s.partnerId) partners[s.subOrderId] = s.partnerId;
    const route: OrderRoute = { orderId: d.orderId, storefrontKeyId: d.storefrontKeyId ?? null, partners };
    await this.events.saveRoute(manager, route);
    const subOrder = (s: (typeof d.subOrders)[number]) => ({ subOrderId: s.subOrderId, sellerId: s.sellerId, lines: s.lines });
    const base = { orderId: d.orderId, status: 'pending', placedAt: d.placedAt };
    await this.publisher.publish(manager, e.id, {
      type: 'order.created',
      at: d.placedAt,
      resource: `order:${d.orderId}`,
      to: [
        ...(route.storefrontKeyId
          ? [
              {
                owner: storefront(route.storefrontKeyId),
                data: { ...base, itemsVnd: d.itemsVnd, shippingVnd: d.shippingVnd, codVnd: d.codVnd, subOrders: d.subOrders.map(subOrder) },
              },
            ]
          : []),
        ...this.partnersOf(route).map((p) => ({
          owner: partner(p),
          data: { ...base, subOrders: d.subOrders.filter((s) => s.partnerId === p).map(subOrder) },
        })),
      ],
    });
  }

  @OnEvent(OrderStatusChangedV1)
  async onOrderStatusChanged(e: Event<typeof OrderStatusChangedV1>, manager: EntityManager): Promise<void> {
    const d = e.data;
    const route = await this.routeOf(manager, d.orderId, e);
    if (!route) return;
    const base = { orderId: d.orderId, from: d.from, to: d.to, reason: d.reason ?? null, changedAt: d.at };
    await this.publisher.publish(manager, e.id, {
      type: 'order.status_changed',
      at: d.at,
      resource: `order:${d.orderId}`,
      to: [
        ...(route.storefrontKeyId ? [{ owner: storefront(route.storefrontKeyId), data: base }] : []),
        ...this.partnersOf(route).map((p) => ({
          owner: partner(p),
          data: { ...base, subOrderIds: Object.keys(route.partners).filter((s) => route.partners[s] === p) },
        })),
      ],
    });
  }

  @OnEvent(SubOrderAwaitingSellerV1)
  onAwaitingSeller(e: Event<typeof SubOrderAwaitingSellerV1>, manager: EntityManager): Promise<void> {
    const d = e.data;
    return this.subOrderEvent(manager, e, 'sub_order.awaiting_seller', d, {
      status: 'awaiting_seller',
      acceptBy: d.acceptBy,
      itemsVnd: d.itemsVnd,
      shippingVnd: d.shippingVnd,
      codVnd: d.codVnd,
      lines: d.lines,
    });
  }

  @OnEvent(SubOrderAcceptedV1)
  onAccepted(e: Event<typeof SubOrderAcceptedV1>, manager: EntityManager): Promise<void> {
    const d = e.data;
    return this.subOrderEvent(manager, e, 'sub_order.accepted', d, {
      status: 'accepted',
      shipmentId: d.shipmentId,
      automatic: d.automatic,
      pickupWindow: d.pickupWindow,
      acceptedAt: d.acceptedAt,
    });
  }

  @OnEvent(SubOrderDeclinedV1)
  onDeclined(e: Event<typeof SubOrderDeclinedV1>, manager: EntityManager): Promise<void> {
    const d = e.data;
    return this.subOrderEvent(manager, e, 'sub_order.declined', d, {
      status: 'declined',
      reason: d.reason,
      removed: d.removed,
      orderTotals: d.orderTotals,
      declinedAt: d.declinedAt,
    });
  }

  @OnEvent(SubOrderExpiredV1)
  onExpired(e: Event<typeof SubOrderExpiredV1>, manager: EntityManager): Promise<void> {
    const d = e.data;
    return this.subOrderEvent(manager, e, 'sub_order.expired', d, {
      status: 'expired',
      acceptBy: d.acceptBy,
      removed: d.removed,
      orderTotals: d.orderTotals,
      expiredAt: d.expiredAt,
    });
  }

  @OnEvent(ShipmentStatusChangedV1)
  async onShipmentStatusChanged(e: Event<typeof ShipmentStatusChangedV1>, manager: EntityManager): Promise<void> {
    const d = e.data;
    const route = await this.events.route(manager, d.orderId);
    const data = {
      shipmentId: d.shipmentId,
      orderId: d.orderId,
      subOrderId: d.subOrderId,
      sellerId: d.sellerId,
      carrierCode: d.carrierCode,
      trackingCode: d.trackingCode,
      from: d.from,
      to: d.to,
      carrierStatusCode: d.carrierStatusCode,
      occurredAt: d.occurredAt,
      location: d.location,
      reason: d.reason,
      codVnd: d.codVnd,
    };
    await this.publisher.publish(manager, e.id, {
      type: 'shipment.status_changed',
      at: d.occurredAt,
      resource: `order:${d.orderId}`,
      to: [
        { owner: partner(d.partnerId), data },
        ...(route?.storefrontKeyId ? [{ owner: storefront(route.storefrontKeyId), data }] : []),
        { owner: carrier(d.carrierCode), data },
      ],
    });
  }

  @OnEvent(RemittanceReconciledV1)
  async onRemittanceReconciled(e: Event<typeof RemittanceReconciledV1>, manager: EntityManager): Promise<void> {
    const d = e.data;
    await this.publisher.publish(manager, e.id, {
      type: 'remittance.reconciled',
      at: d.reconciledAt,
      resource: `remittance:${d.remittanceId}`,
      to: [
        {
          owner: carrier(d.carrierCode),
          data: {
            remittanceId: d.remittanceId,
            batchId: d.batchId,
            totalTransferredVnd: d.totalTransferredVnd,
            outcomes: d.outcomes,
            reconciledAt: d.reconciledAt,
          },
        },
      ],
    });
  }

  @OnEvent(PayoutBatchPaidV1)
  async onPayoutPaid(e: Event<typeof PayoutBatchPaidV1>, manager: EntityManager): Promise<void> {
    const d = e.data;
    const byPartner = new Map<string, { sellerId: string; amountVnd: number }[]>();
    for (const i of d.items ?? []) {
      if (i.partnerId)
        byPartner.set(i.partnerId, [...(byPartner.get(i.partnerId) ?? []), { sellerId: i.sellerId, amountVnd: i.amountVnd }]);
    }
    await this.publisher.publish(manager, e.id, {
      type: 'payout.paid',
      at: d.paidAt,
      resource: `payout:${d.payoutId}`,
      to: [...byPartner].map(([p, items]) => ({
        owner: partner(p),
        data: { payoutId: d.payoutId, paidAt: d.paidAt, totalVnd: items.reduce((t, i) => t + i.amountVnd, 0), items },
      })),
    });
  }

  @OnEvent(ProductUpdatedV1)
  async onProductUpdated(e: Event<typeof ProductUpdatedV1>, manager: EntityManager): Promise<void> {
    const p = e.data;
    if (!p.suspended) return this.events.clearSuspended(manager, p.id);
    if (!(await this.events.markSuspended(manager, p.id))) return;
    await this.publisher.publish(manager, e.id, {
      type: 'product.suspended',
      at: p.updatedAt,
      resource: `product:${p.id}`,
      to: [
        {
          owner: partner(p.seller.partnerId),
          data: { productId: p.id, sellerId: p.seller.id, name: p.name, status: p.status, suspendedAt: p.updatedAt },
        },
      ],
    });
  }

  private async subOrderEvent(
    manager: EntityManager,
    e: CloudEvent<SubOrderRef>,
    type: 'sub_order.awaiting_seller' | 'sub_order.accepted' | 'sub_order.declined' | 'sub_order.expired',
    ref: SubOrderRef,
    fields: Record<string, unknown>,
  ): Promise<void> {
    const route = await this.events.route(manager, ref.orderId);
    const data = { orderId: ref.orderId, subOrderId: ref.subOrderId, sellerId: ref.sellerId, ...fields };
    await this.publisher.publish(manager, e.id, {
      type,
      at: e.time,
      resource: `order:${ref.orderId}`,
      to: [
        { owner: partner(ref.partnerId), data },
        ...(route?.storefrontKeyId ? [{ owner: storefront(route.storefrontKeyId), data }] : []),
      ],
    });
  }

  private partnersOf(route: OrderRoute): string[] {
    return [...new Set(Object.values(route.partners))];
  }

  private async routeOf(manager: EntityManager, orderId: string, e: CloudEvent): Promise<OrderRoute | null> {
    const route = await this.events.route(manager, orderId);
    // An order placed before this service existed: nobody to tell.
    if (!route) this.logger.warn({ orderId, type: e.type }, 'event of an order not seen placed; no public event');
    return route;
  }
}
