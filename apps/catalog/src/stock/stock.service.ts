import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { validate as isUuid } from 'uuid';
import {
  OrderPlacedV1,
  ProductStockChangedV1,
  StockRejectedV1,
  StockReleasedV1,
  StockReservedV1,
  SubOrderReleasedV1,
  type CloudEvent,
  type EventData,
  type SubOrderLines,
} from '@app/contracts';
import { event, OnEvent, Outbox, type PendingEvent } from '@app/messaging';
import { ProductRepository } from '../products/product.repository';
import { isVisible } from '../products/product.view';
import { SellerRepository } from '../sellers/seller.repository';
import { StockReservation } from './stock-reservation.entity';
import { StockReservationRepository } from './stock-reservation.repository';

type RejectedLine = EventData<typeof StockRejectedV1>['lines'][number];

/**
 * The catalog's side of the order saga: reserve every line of a sub-order or none (rows locked in
 * id order; stock never below zero, also under concurrent orders), and give stock back when the
 * order side releases a sub-order. Each runs in the inbox transaction of its event.
 */
@Injectable()
export class StockService {
  private readonly logger = new Logger(StockService.name);

  constructor(
    private readonly products: ProductRepository,
    private readonly sellers: SellerRepository,
    private readonly reservations: StockReservationRepository,
    private readonly outbox: Outbox,
  ) {}

  @OnEvent(OrderPlacedV1)
  async onOrderPlaced(e: CloudEvent<EventData<typeof OrderPlacedV1>>, manager: EntityManager): Promise<void> {
    for (const sub of e.data.subOrders) await this.reserve(manager, e.data.orderId, sub);
  }

  @OnEvent(SubOrderReleasedV1)
  async onSubOrderReleased(e: CloudEvent<EventData<typeof SubOrderReleasedV1>>, manager: EntityManager): Promise<void> {
    const r = await this.reservations.find(manager, e.data.subOrderId, true);
    if (!r) {
      // Released before it was ever reserved (its placement failed or is still to come): leave a
      // tombstone so a late placement reserves nothing.
      await this.reservations.insert(
        manager,
        Object.assign(new StockReservation(), { subOrderId: e.data.subOrderId, orderId: e.data.orderId, status: 'released', lines: [] }),
      );
      return;
    }
    if (r.status !== 'reserved') return;
    const events: PendingEvent<unknown>[] = [];
    for (const line of [...r.lines].sort((a, b) => a.productId.localeCompare(b.productId))) {
      await this.products.addStock(manager, line.productId, line.quantity);
      const p = await this.products.findById(line.productId, manager);
      if (p)
        events.push(
          event(ProductStockChangedV1, p.id, { productId: p.id, sellerId: p.sellerId, stock: p.stock, reason: 'released' as const }),
        );
    }
    r.status = 'released';
    await this.reservations.setStatus(manager, r.subOrderId, r.status);
    events.push(event(StockReleasedV1, r.subOrderId, { orderId: r.orderId, subOrderId: r.subOrderId, reason: e.data.reason }));
    await this.outbox.add(manager, ...events);
  }

  private async reserve(manager: EntityManager, orderId: string, sub: SubOrderLines): Promise<void> {
    if (await this.reservations.find(manager, sub.subOrderId)) return;
    const quantities = new Map<string, number>();
    for (const l of sub.lines) quantities.set(l.productId, (quantities.get(l.productId) ?? 0) + l.quantity);
    const ids = [...quantities.keys()].filter((id) => isUuid(id));
    const locked = ids.length > 0 ? await this.products.lockMany(manager, ids) : [];
    const byId = new Map(locked.map((p) => [p.id, p]));
    const seller = await this.sellers.findById(sub.sellerId, manager);
    const rejected: RejectedLine[] = [];
    for (const [productId, quantity] of quantities) {
      const p = byId.get(productId);
      if (!p) rejected.push({ productId, quantity, available: 0, reason: 'unknown_product' });
      else if (!seller || p.sellerId !== sub.sellerId || !isVisible(p, seller))
        rejected.push({ productId, quantity, available: 0, reason: 'not_available' });
      else if (p.stock < quantity) rejected.push({ productId, quantity, available: p.stock, reason: 'insufficient_stock' });
    }
    const reservation = Object.assign(new StockReservation(), {
      subOrderId: sub.subOrderId,
      orderId,
      lines: [] as StockReservation['lines'],
    });
    if (rejected.length > 0) {
      reservation.status = 'rejected';
      reservation.lines = [...quantities].map(([productId, quantity]) => ({
        productId,
        quantity,
        unitPriceVnd: byId.get(productId)?.priceVnd ?? 0,
      }));
      await this.reservations.insert(manager, reservation);
      await this.outbox.add(manager, event(StockRejectedV1, sub.subOrderId, { orderId, subOrderId: sub.subOrderId, lines: rejected }));
      this.logger.log({ orderId, subOrderId: sub.subOrderId, rejected: rejected.length }, 'sub-order rejected');
      return;
    }
    const events: PendingEvent<unknown>[] = [];
    for (const [productId, quantity] of quantities) byId.get(productId)!.stock -= quantity;
    await this.products.setStock(
      manager,
      [...quantities.keys()].map((id) => ({ id, stock: byId.get(id)!.stock })),
    );
    for (const [productId, quantity] of quantities) {
      const p = byId.get(productId)!;
      reservation.lines.push({ productId, quantity, unitPriceVnd: p.priceVnd });
      events.push(
        event(ProductStockChangedV1, p.id, { productId: p.id, sellerId: p.sellerId, stock: p.stock, reason: 'reserved' as const }),
      );
    }
    reservation.status = 'reserved';
    await this.reservations.insert(manager, reservation);
    events.push(event(StockReservedV1, sub.subOrderId, { orderId, subOrderId: sub.subOrderId, lines: reservation.lines }));
    await this.outbox.add(manager, ...events);
  }
}
