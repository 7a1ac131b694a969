import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { validate as isUuid } from 'uuid';
import { OrderPlacedV1, ProductStockChangedV1, SubOrderReleasedV1, type EventOf, type SubOrderLines } from '@app/contracts';
import { event, OnEvent, OnEvents, Outbox, type PendingEvent } from '@app/messaging';
import type { Product } from '../products/product.entity';
import { ProductRepository } from '../products/product.repository';
import { isVisible } from '../products/product.view';
import type { Seller } from '../sellers/seller.entity';
import { SellerRepository } from '../sellers/seller.repository';
import type { ReservedLine, StockReservation } from './stock-reservation.entity';
import { canTransition, reject, release, reserve, tombstone, type RejectedLine } from './stock-reservation-state';
import { StockReservationRepository } from './stock-reservation.repository';

/**
 * The catalog's side of the order saga: reserve every line of a sub-order or none (rows locked in
 * id order; stock never below zero, also under concurrent orders), and give stock back when the
 * order side releases a sub-order. Each runs in the inbox transaction of its event.
 */
@Injectable()
export class StockReservationHandler {
  private readonly logger = new Logger(StockReservationHandler.name);

  constructor(
    private readonly products: ProductRepository,
    private readonly sellers: SellerRepository,
    private readonly reservations: StockReservationRepository,
    private readonly outbox: Outbox,
  ) {}

  /**
   * Reserves the sub-orders of a run of placed orders in one pass: every product they name locked
   * once, in id order (so this transaction cannot deadlock with another that does the same), then
   * each sub-order decided in placement order against the stock left by the ones before it, and
   * all of it written in a few statements for the whole run.
   */
  @OnEvents(OrderPlacedV1)
  async onOrderPlaced(events: EventOf<typeof OrderPlacedV1>[], manager: EntityManager): Promise<void> {
    const subs = events.flatMap((e) => e.data.subOrders.map((sub) => ({ orderId: e.data.orderId, sub })));
    const done = await this.reservations.existing(
      manager,
      subs.map((s) => s.sub.subOrderId),
    );
    const todo: typeof subs = [];
    for (const s of subs) {
      if (done.has(s.sub.subOrderId)) continue;
      done.add(s.sub.subOrderId);
      todo.push(s);
    }
    if (todo.length === 0) return;
    const productIds = [...new Set(todo.flatMap((s) => s.sub.lines.map((l) => l.productId)).filter((id) => isUuid(id)))];
    const locked = productIds.length > 0 ? await this.products.lockMany(manager, productIds) : [];
    const byId = new Map(locked.map((p) => [p.id, p]));
    const sellers = await this.sellers.findMany(
      manager,
      [...new Set(todo.map((s) => s.sub.sellerId))].filter((id) => isUuid(id)),
    );
    const reservations: StockReservation[] = [];
    const out: PendingEvent<unknown>[] = [];
    const changed = new Set<string>();
    for (const { orderId, sub } of todo) {
      const decided = this.decide(orderId, sub, byId, sellers.get(sub.sellerId) ?? null);
      reservations.push(decided.reservation);
      out.push(...decided.events);
      for (const id of decided.changed) changed.add(id);
    }
    // One stock change per product for the run, with the stock it ends at (what a partner system
    // keeps), however many reservations of the run took from it.
    for (const id of changed) {
      const p = byId.get(id)!;
      out.push(event(ProductStockChangedV1, p.id, { productId: p.id, sellerId: p.sellerId, stock: p.stock, reason: 'reserved' as const }));
    }
    await this.products.setStock(
      manager,
      [...changed].map((id) => ({ id, stock: byId.get(id)!.stock })),
    );
    await this.reservations.insert(manager, ...reservations);
    await this.outbox.add(manager, ...out);
  }

  @OnEvent(SubOrderReleasedV1)
  async onSubOrderReleased(e: EventOf<typeof SubOrderReleasedV1>, manager: EntityManager): Promise<void> {
    const r = await this.reservations.find(manager, e.data.subOrderId, true);
    if (!r) {
      await this.reservations.insert(manager, tombstone(e.data.orderId, e.data.subOrderId));
      return;
    }
    // A rejected or already released reservation has nothing to give back: a redelivery is a no-op.
    if (!canTransition(r.status, 'released')) return;
    const events: PendingEvent<unknown>[] = [];
    for (const line of [...r.lines].sort((a, b) => a.productId.localeCompare(b.productId))) {
      await this.products.addStock(manager, line.productId, line.quantity);
      const p = await this.products.findById(line.productId, manager);
      if (p)
        events.push(
          event(ProductStockChangedV1, p.id, { productId: p.id, sellerId: p.sellerId, stock: p.stock, reason: 'released' as const }),
        );
    }
    events.push(release(r, e.data.reason));
    await this.reservations.setStatus(manager, r.subOrderId, r.status);
    await this.outbox.add(manager, ...events);
  }

  /** One sub-order, all its lines or none, against the locked rows (whose stock it decrements). */
  private decide(
    orderId: string,
    sub: SubOrderLines,
    byId: Map<string, Product>,
    seller: Seller | null,
  ): { reservation: StockReservation; events: PendingEvent<unknown>[]; changed: string[] } {
    const quantities = new Map<string, number>();
    for (const l of sub.lines) quantities.set(l.productId, (quantities.get(l.productId) ?? 0) + l.quantity);
    const rejected: RejectedLine[] = [];
    for (const [productId, quantity] of quantities) {
      const p = byId.get(productId);
      if (!p) rejected.push({ productId, quantity, available: 0, reason: 'unknown_product' });
      else if (!seller || p.sellerId !== sub.sellerId || !isVisible(p, seller))
        rejected.push({ productId, quantity, available: 0, reason: 'not_available' });
      else if (p.stock < quantity) rejected.push({ productId, quantity, available: p.stock, reason: 'insufficient_stock' });
    }
    if (rejected.length > 0) {
      const asked = [...quantities].map(([productId, quantity]) => ({
        productId,
        quantity,
        unitPriceVnd: byId.get(productId)?.priceVnd ?? 0,
      }));
      this.logger.log({ orderId, subOrderId: sub.subOrderId, rejected: rejected.length }, 'sub-order rejected');
      const { reservation, event: rejectedEvent } = reject(orderId, sub.subOrderId, asked, rejected);
      return { reservation, events: [rejectedEvent], changed: [] };
    }
    const lines: ReservedLine[] = [];
    for (const [productId, quantity] of quantities) {
      const p = byId.get(productId)!;
      p.stock -= quantity;
      lines.push({ productId, quantity, unitPriceVnd: p.priceVnd });
    }
    const { reservation, event: reservedEvent } = reserve(orderId, sub.subOrderId, lines);
    return { reservation, events: [reservedEvent], changed: [...quantities.keys()] };
  }
}
