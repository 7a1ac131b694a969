import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { v7 as uuidv7, validate as isUuid } from 'uuid';
import {
  normalizeVietnamesePhone,
  OrderPlacedV1,
  validateAddressCodes,
  type CallerIdentity,
  type FieldError,
  type OrderView,
  type PlaceOrderRequest,
  type QuoteRequest,
  type RpcOperation,
  type QuoteView,
} from '@app/contracts';
import { event, Outbox } from '@app/messaging';
import { isUniqueViolation } from '@app/persistence';
import { ConflictError, IdempotencyKeyReusedError, NotFoundError, ValidationFailedError } from '@app/platform';
import { CatalogViewRepository } from '../catalog-view/catalog-view.repository';
import type { OrdersEnv } from '../orders.env';
import { ORDERS_ENV } from '../orders.tokens';
import { priceOrder } from '../shipping/order-pricing';
import { parseTariff, type Tariff } from '../shipping/tariff';
import { Fulfilment } from '../fulfilment/fulfilment';
import { canSee, orderView } from './order.view';
import { Order } from './order.entity';
import { OrdersRepository, type OrderAggregate } from './orders.repository';
import { SubOrder } from './sub-order.entity';

@Injectable()
export class OrdersService {
  private readonly tariff: Tariff;
  private readonly carriers: Set<string>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly orders: OrdersRepository,
    private readonly catalog: CatalogViewRepository,
    private readonly fulfilment: Fulfilment,
    private readonly outbox: Outbox,
    @Inject(ORDERS_ENV) private readonly env: OrdersEnv,
  ) {
    this.tariff = parseTariff(env.SHIPPING_TARIFF_JSON);
    this.carriers = new Set(env.CARRIER_CODES.split(','));
  }

  private checkAddress(address: QuoteRequest['address'], errors: FieldError[]): void {
    const a = validateAddressCodes(address.provinceCode, address.wardCode);
    if (!a.ok) errors.push({ field: `address.${a.field}`, message: a.message, messageVi: a.messageVi });
  }

  async quote(req: QuoteRequest): Promise<QuoteView> {
    const errors: FieldError[] = [];
    this.checkAddress(req.address, errors);
    if (errors.length > 0) throw new ValidationFailedError(errors);
    const products = await this.catalog.findMany([...new Set(req.items.map((i) => i.productId))].filter((id) => isUuid(id)));
    const subs = priceOrder(req.items, products, req.address, this.tariff, req.service ?? this.env.DEFAULT_SHIPPING_SERVICE);
    const sum = (f: (s: (typeof subs)[number]) => number) => subs.reduce((t, s) => t + f(s), 0);
    return {
      perSeller: subs.map((s) => ({
        sellerId: s.sellerId,
        sellerName: s.sellerName,
        weightGrams: s.weightGrams,
        zone: s.zone,
        shippingVnd: s.shippingVnd,
        codFeeVnd: s.codFeeVnd,
        itemsVnd: s.itemsVnd,
      })),
      itemsVnd: sum((s) => s.itemsVnd),
      shippingVnd: sum((s) => s.shippingVnd),
      codFeeVnd: sum((s) => s.codFeeVnd),
      codVnd: sum((s) => s.codVnd),
    };
  }

  /**
   * Accepts an order as `pending`, priced from the catalog; the stock saga decides the rest. The
   * same operation again (a retry after a lost answer, a redelivered request) returns that order.
   */
  async place(caller: CallerIdentity, req: PlaceOrderRequest, operation?: RpcOperation): Promise<OrderView> {
    // A client's retry is looked up first (it may be days later, at other prices); a redelivered
    // request (`req:` keys) is rare enough to be caught by the unique index on insert instead.
    if (operation && !operation.key.startsWith('req:')) {
      const placed = await this.orders.findPlaced(caller.keyId, operation.key);
      if (placed) return this.placedAlready(caller, placed, operation);
    }
    const errors: FieldError[] = [];
    const phone = normalizeVietnamesePhone(req.buyer.phone);
    if (!phone.ok) errors.push({ field: 'buyer.phone', message: phone.message, messageVi: phone.messageVi });
    this.checkAddress(req.address, errors);
    const carrierCode = req.carrierCode ?? this.env.DEFAULT_CARRIER_CODE;
    if (!this.carriers.has(carrierCode)) {
      errors.push({
        field: 'carrierCode',
        message: `carrierCode must be one of ${[...this.carriers].join(', ')}`,
        messageVi: `carrierCode phải là một trong ${[...this.carriers].join(', ')}`,
      });
    }
    if (errors.length > 0 || !phone.ok) throw new ValidationFailedError(errors);
    const service = req.service ?? this.env.DEFAULT_SHIPPING_SERVICE;
    const products = await this.catalog.findMany([...new Set(req.items.map((i) => i.productId))].filter((id) => isUuid(id)));
    const priced = priceOrder(req.items, products, req.address, this.tariff, service);
    const order = Object.assign(new Order(), {
      id: uuidv7(),
      storefrontKeyId: caller.keyId,
      status: 'pending' as const,
      buyerName: req.buyer.name.normalize('NFC').trim(),
      buyerPhone: phone.e164,
      address: { provinceCode: req.address.provinceCode, wardCode: req.address.wardCode, line: req.address.line.normalize('NFC').trim() },
      paymentMethod: 'cod' as const,
      service,
      carrierCode,
      note: req.note?.normalize('NFC').trim() ?? null,
      placementKey: operation?.key ?? null,
      placementHash: operation?.requestHash || null,
      itemsVnd: priced.reduce((t, s) => t + s.itemsVnd, 0),
      shippingVnd: priced.reduce((t, s) => t + s.shippingVnd, 0),
      codVnd: priced.reduce((t, s) => t + s.codVnd, 0),
      reason: null,
    });
    const subOrders = priced.map((p) =>
      Object.assign(new SubOrder(), {
        id: uuidv7(),
        orderId: order.id,
        sellerId: p.sellerId,
        partnerId: p.partnerId,
        sellerName: p.sellerName,
        status: 'pending' as const,
        acceptance: p.sender.orderAcceptance ?? 'manual',
        acceptBy: null,
        answeredAt: null,
        pickupFrom: null,
        pickupTo: null,
        declineReason: null,
        sellerNote: null,
        items: p.items,
        rejection: null,
        weightGrams: p.weightGrams,
        itemsVnd: p.itemsVnd,
        shippingVnd: p.shippingVnd,
        codFeeVnd: p.codFeeVnd,
        codVnd: p.codVnd,
        shipmentId: null,
      }),
    );
    try {
      return await this.insertPlaced(caller, order, subOrders);
    } catch (e) {
      // The same operation racing itself: the first insert won; answer with its order.
      const placed =
        operation && isUniqueViolation(e, 'orders_placement_key_idx') ? await this.orders.findPlaced(caller.keyId, operation.key) : null;
      if (placed && operation) return this.placedAlready(caller, placed, operation);
      throw e;
    }
  }

  private placedAlready(caller: CallerIdentity, placed: OrderAggregate, operation: RpcOperation): OrderView {
    if (operation.requestHash && placed.order.placementHash && operation.requestHash !== placed.order.placementHash) {
      throw new IdempotencyKeyReusedError();
    }
    return orderView(placed, caller);
  }

  private insertPlaced(caller: CallerIdentity, order: Order, subOrders: SubOrder[]): Promise<OrderView> {
    return this.dataSource.transaction(async (manager) => {
      await this.orders.insert(manager, order, subOrders);
      await this.outbox.add(
        manager,
        event(OrderPlacedV1, order.id, {
          orderId: order.id,
          placedAt: new Date().toISOString(),
          storefrontKeyId: order.storefrontKeyId,
          subOrders: subOrders.map((s) => ({
            subOrderId: s.id,
            sellerId: s.sellerId,
            partnerId: s.partnerId,
            lines: s.items.map((l) => ({ productId: l.productId, quantity: l.quantity })),
          })),
          itemsVnd: order.itemsVnd,
          shippingVnd: order.shippingVnd,
          codVnd: order.codVnd,
          deliveryProvinceCode: order.address.provinceCode,
        }),
      );
      // The insert filled in placedAt, updatedAt and version; nothing else to read back.
      return orderView({ order, subOrders, shipments: [] }, caller);
    });
  }

  /** Cancels until a parcel is handed to the carrier; gives stock back and calls off pick-ups. */
  async cancel(caller: CallerIdentity, id: string, reason?: string): Promise<OrderView> {
    return this.dataSource.transaction(async (manager) => {
      const agg = isUuid(id) ? await this.orders.load(id, manager, true) : null;
      if (!agg || !canSee(agg, caller) || caller.role === 'partner') throw new NotFoundError('Order', id, 'đơn hàng');
      if (agg.shipments.some((s) => s.status !== 'requested' && s.status !== 'cancelled')) {
        throw new ConflictError('already_shipped', 'The order was handed to the carrier and can no longer be cancelled.').vi(
          'Đơn hàng đã giao cho bưu điện, không thể hủy.',
        );
      }
      await this.fulfilment.cancel(manager, agg, reason ?? 'cancelled by the buyer');
      return orderView(agg, caller);
    });
  }
}
