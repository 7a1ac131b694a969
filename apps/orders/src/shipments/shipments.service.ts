import { timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { validate as isUuid } from 'uuid';
import {
  type CallerIdentity,
  type CarrierWebhookRequest,
  type Page,
  type ShipmentReport,
  type ShipmentReportResult,
  type ShipmentStatus,
  type ShipmentView,
} from '@app/contracts';
import { toPage } from '@app/persistence';
import { NotFoundError, UnauthorizedError, toVietnamIso } from '@app/platform';
import { readViettelPost } from '../carriers/viettel-post';
import { readVnpost } from '../carriers/vnpost';
import type { NativeReport } from '../carriers/carrier-report';
import { CarrierReports } from '../fulfilment/carrier-reports';
import type { OrdersEnv } from '../orders.env';
import { ORDERS_ENV } from '../orders.tokens';
import { pickupWindowView } from './shipment-requests';
import type { Shipment } from './shipment.entity';
import { ShipmentsRepository } from './shipments.repository';

const NATIVE_READERS: Record<string, (body: Record<string, unknown>) => NativeReport> = { VTP: readViettelPost, VNPOST: readVnpost };

/**
 * A carrier's side of the orders service: its shipments, and its reports in our format or the
 * carriers' own (native webhooks, with their secret checked), applied by {@link CarrierReports}.
 */
@Injectable()
export class ShipmentsService {
  private readonly secrets: Map<string, string>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly shipments: ShipmentsRepository,
    private readonly reports: CarrierReports,
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
    return this.dataSource.transaction((manager) => this.reports.apply(manager, caller, r, raw));
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
    // The report is kept as the carrier sent it, less its credential (Viettel Post's TOKEN).
    const { TOKEN: _token, ...kept } = w.body;
    return this.dataSource.transaction(async (manager) => {
      if (!native.status) {
        const s = await this.reports.ownShipment(manager, caller, shipmentId);
        await this.shipments.record(manager, {
          shipmentId,
          status: 'unmapped',
          carrierStatusCode: native.carrierStatusCode,
          occurredAt: native.occurredAt,
          source: `webhook:${w.carrierCode}`,
          outcome: 'unmapped',
          location: native.location ?? null,
          raw: kept,
        });
        return { shipmentId, applied: false, ignored: 'unmapped' as const, status: s.status };
      }
      return this.reports.apply(
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
        kept,
      );
    });
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
    pickupWindow: s.pickupFrom && s.pickupTo ? pickupWindowView({ from: s.pickupFrom, to: s.pickupTo }) : null,
    sender: s.sender,
    receiver: s.receiver,
    createdAt: toVietnamIso(s.createdAt),
    updatedAt: toVietnamIso(s.updatedAt),
  };
}
