import { timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { validate as isUuid } from 'uuid';
import {
  ShipmentDeliveredV1,
  ShipmentReturnedV1,
  ShipmentStatusChangedV1,
  type CallerIdentity,
  type CarrierWebhookRequest,
  type Page,
  type ShipmentReport,
  type ShipmentReportResult,
  type ShipmentStatus,
  type ShipmentView,
} from '@app/contracts';
import { event, Outbox, type PendingEvent } from '@app/messaging';
import { toPage } from '@app/persistence';
import { IllegalTransitionError, NotFoundError, UnauthorizedError, toVietnamIso } from '@app/platform';
import { readViettelPost } from '../carriers/viettel-post';
import { readVnpost } from '../carriers/vnpost';
import type { NativeReport } from '../carriers/carrier-report';
import { OrderLifecycle } from '../orders/order-lifecycle';
import { OrdersRepository, type OrderAggregate } from '../orders/orders.repository';
import type { OrdersEnv } from '../orders.env';
import { ORDERS_ENV } from '../orders.tokens';
import { shipmentFacts } from './shipment-facts';
import { isTerminal, judgeReport } from './shipment-state';
import type { Shipment } from './shipment.entity';
import { ShipmentsRepository } from './shipments.repository';

const NATIVE_READERS: Record<string, (body: Record<string, unknown>) => NativeReport> = { VTP: readViettelPost, VNPOST: readVnpost };

/**
 * Carrier reports, in our format or the carriers' own: duplicates and stale reports change
 * nothing, illegal moves are 409, a carrier touches only its own shipments (others: 404), and the
 * order follows its shipments (shipping, delivered, returned).
 */
@Injectable()
export class ShipmentsService {
  private readonly secrets: Map<string, string>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly shipments: ShipmentsRepository,
    private readonly orders: OrdersRepository,
    private readonly lifecycle: OrderLifecycle,
    private readonly outbox: Outbox,
    @Inject(ORDERS_ENV) env: OrdersEnv,
  ) {
    this.secrets = new Map(
      env.CARRIER_WEBHOOK_SECRETS.split(',')
        .map((pair) => pair.trim())
        .filter(Boolean)
        .map((pair) => [pair.slice(0, pair.indexOf(':')), pair.slice(pair.indexOf(':') + 1)] as [string, string]),
    );
  }

  async list(caller: CallerIdentity, status: ShipmentStatus | undefined, limit: number, cursor?: string): Promise<Page<ShipmentView>> {
    const rows = await this.shipments.list(caller.carrierCode ?? '', status, limit, cursor);
    return toPage(rows, limit, shipmentView, (s) => ({ id: s.id }));
  }

  report(caller: CallerIdentity, r: ShipmentReport, raw: Record<string, unknown> | null = null): Promise<ShipmentReportResult> {
    return this.dataSource.transaction((manager) => this.apply(manager, caller, r, raw));
  }

  async webhook(caller: CallerIdentity, w: CarrierWebhookRequest): Promise<ShipmentReportResult> {
    const read = NATIVE_READERS[w.carrierCode];
    if (!read || caller.carrierCode !== w.carrierCode) throw new NotFoundError('Carrier webhook', w.carrierCode, 'webhook của hãng');
    const native = read(w.body);
    const expected = this.secrets.get(w.carrierCode);
    const given = Buffer.from(native.secret ?? w.secret ?? '');
    if (!expected || given.length !== Buffer.byteLength(expected) || !timingSafeEqual(given, Buffer.from(expected))) {
      throw new UnauthorizedError('The webhook secret does not match.').vi('Mã bí mật webhook không khớp.');
    }
    const shipmentId =
      native.shipmentId && isUuid(native.shipmentId)
        ? native.shipmentId
        : native.trackingCode
          ? await this.shipments.idByTracking(w.carrierCode, native.trackingCode)
          : null;
    if (!shipmentId) throw new NotFoundError('Shipment', native.shipmentId ?? native.trackingCode ?? '?', 'vận đơn');
    return this.dataSource.transaction(async (manager) => {
      if (!native.status) {
        const s = await this.ownShipment(manager, caller, shipmentId);
        await this.shipments.record(manager, {
          shipmentId,
          status: 'unmapped',
          carrierStatusCode: native.carrierStatusCode,
          occurredAt: native.occurredAt,
          source: `webhook:${w.carrierCode}`,
          outcome: 'unmapped',
          raw: w.body,
        });
        return { shipmentId, applied: false, ignored: 'unmapped' as const, status: s.status };
      }
      return this.apply(
        manager,
        caller,
        {
          shipmentId,
          status: native.status,
          occurredAt: native.occurredAt.toISOString(),
          carrierStatusCode: native.carrierStatusCode,
          source: 'webhook',
          ...(native.trackingCode ? { trackingCode: native.trackingCode } : {}),
          ...(native.codCollectedVnd !== null ? { codCollectedVnd: native.codCollectedVnd } : {}),
          ...(native.location ? { location: native.location } : {}),
          ...(native.reason ? { reason: native.reason } : {}),
        },
        w.body,
      );
    });
  }

  private async ownShipment(manager: EntityManager, caller: CallerIdentity, id: string): Promise<Shipment> {
    const s = isUuid(id) ? await this.shipments.lock(manager, id) : null;
    if (!s || (caller.role !== 'admin' && s.carrierCode !== caller.carrierCode)) throw new NotFoundError('Shipment', id, 'vận đơn');
    return s;
  }

  private async apply(
    manager: EntityManager,
    caller: CallerIdentity,
    r: ShipmentReport,
    raw: Record<string, unknown> | null,
  ): Promise<ShipmentReportResult> {
    // The order row is the lock every writer of this order takes first.
    const peek = isUuid(r.shipmentId)
      ? await manager.query<{ order_id: string }[]>('SELECT order_id FROM shipments WHERE id = $1', [r.shipmentId])
      : [];
    const agg = peek[0] ? await this.orders.load(peek[0].order_id, manager, true) : null;
    const s = await this.ownShipment(manager, caller, r.shipmentId);
    const occurredAt = new Date(r.occurredAt);
    const verdict = judgeReport(s.status, r.status);
    const source = r.source === 'webhook' ? `webhook:${s.carrierCode}` : 'api';
    const record = (outcome: string) =>
      this.shipments.record(manager, {
        shipmentId: s.id,
        status: r.status,
        carrierStatusCode: r.carrierStatusCode ?? null,
        occurredAt,
        source,
        outcome,
        raw: raw ?? { ...r },
      });
    if (verdict === 'illegal') {
      throw new IllegalTransitionError('Shipment', s.status, r.status).vi(`Vận đơn không thể chuyển từ ${s.status} sang ${r.status}.`);
    }
    if (verdict !== 'apply') {
      await record(verdict);
      return { shipmentId: s.id, applied: false, ignored: verdict, status: s.status };
    }
    const from = s.status;
    s.status = r.status;
    s.statusAt = occurredAt;
    s.carrierStatusCode = r.carrierStatusCode ?? null;
    if (r.trackingCode) s.trackingCode = r.trackingCode;
    if (r.status === 'delivered') s.codCollectedVnd = r.codCollectedVnd ?? s.codVnd;
    await this.shipments.save(manager, s);
    agg!.shipments = agg!.shipments.map((x) => (x.id === s.id ? s : x));
    await record('applied');
    await this.emit(manager, s, agg!, from, r);
    await this.followOrder(manager, agg!);
    return { shipmentId: s.id, applied: true, status: s.status };
  }

  private async emit(manager: EntityManager, s: Shipment, agg: OrderAggregate, from: ShipmentStatus, r: ShipmentReport): Promise<void> {
    const facts = shipmentFacts(s, agg);
    const events: PendingEvent<unknown>[] = [
      event(ShipmentStatusChangedV1, s.id, {
        ...facts,
        from,
        to: s.status,
        carrierStatusCode: s.carrierStatusCode,
        occurredAt: s.statusAt.toISOString(),
        location: r.location ?? null,
        reason: r.reason ?? null,
      }),
    ];
    if (s.status === 'delivered')
      events.push(
        event(ShipmentDeliveredV1, s.id, { ...facts, deliveredAt: s.statusAt.toISOString(), codCollectedVnd: s.codCollectedVnd ?? 0 }),
      );
    if (s.status === 'returned')
      events.push(event(ShipmentReturnedV1, s.id, { ...facts, returnedAt: s.statusAt.toISOString(), reason: r.reason ?? null }));
    await this.outbox.add(manager, ...events);
    if (s.status === 'returned') await this.lifecycle.releaseStock(manager, agg, 'returned', [s.subOrderId]);
  }

  /** The order follows its parcels: first pick-up → shipping; all done → delivered or returned. */
  private async followOrder(manager: EntityManager, agg: OrderAggregate): Promise<void> {
    const live = agg.shipments.filter((s) => s.status !== 'cancelled');
    if (agg.order.status === 'confirmed' && live.some((s) => s.status !== 'requested'))
      await this.lifecycle.transition(manager, agg, 'shipping');
    if (agg.order.status === 'shipping' && live.every((s) => isTerminal(s.status))) {
      await this.lifecycle.transition(manager, agg, live.some((s) => s.status === 'delivered') ? 'delivered' : 'returned');
    }
  }
}

export function shipmentView(s: Shipment): ShipmentView {
  return {
    id: s.id,
    orderId: s.orderId,
    subOrderId: s.subOrderId,
    carrierCode: s.carrierCode,
    trackingCode: s.trackingCode,
    status: s.status,
    carrierStatusCode: s.carrierStatusCode,
    codVnd: s.codVnd,
    codCollectedVnd: s.codCollectedVnd,
    weightGrams: s.weightGrams,
    sender: s.sender,
    receiver: s.receiver,
    createdAt: toVietnamIso(s.createdAt),
    updatedAt: toVietnamIso(s.updatedAt),
  };
}
