import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { validate as isUuid } from 'uuid';
import type { ShipmentStatus, TrackingEntry } from '@app/contracts';
import { toVietnamIso } from '@app/platform';
import { decodeCursor } from '@app/persistence';
import { CatalogProduct, type SellerSnapshot } from '../catalog-view/catalog-product.entity';
import { ShipmentReportRecord } from './shipment-report.entity';
import { Shipment } from './shipment.entity';

@Injectable()
export class ShipmentsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, ...shipments: Shipment[]): Promise<void> {
    if (shipments.length > 0) await manager.getRepository(Shipment).insert(shipments);
  }

  async save(manager: EntityManager, s: Shipment): Promise<void> {
    await manager.getRepository(Shipment).save(s);
  }

  /** Sellers' pickup points, from the catalog snapshot of one of their products each (by product id). */
  async sendersOf(manager: EntityManager, productIds: string[]): Promise<Map<string, SellerSnapshot>> {
    if (productIds.length === 0) return new Map();
    const rows = await manager
      .getRepository(CatalogProduct)
      .find({ where: { productId: In(productIds) }, select: { productId: true, seller: true } });
    return new Map(rows.map((r) => [r.productId, r.seller]));
  }

  /** The order a shipment belongs to (null for an unknown or malformed id). */
  async orderIdOf(manager: EntityManager, id: string): Promise<string | null> {
    if (!isUuid(id)) return null;
    const s = await manager.getRepository(Shipment).findOne({ where: { id }, select: { orderId: true } });
    return s?.orderId ?? null;
  }

  /** The shipment with its row locked (null for an unknown or malformed id). */
  async lock(manager: EntityManager, id: string): Promise<Shipment | null> {
    if (!isUuid(id)) return null;
    return manager.getRepository(Shipment).createQueryBuilder('s').where('s.id = :id', { id }).setLock('pessimistic_write').getOne();
  }

  async idByTracking(carrierCode: string, trackingCode: string): Promise<string | null> {
    const s = await this.dataSource.getRepository(Shipment).findOne({ where: { carrierCode, trackingCode }, select: { id: true } });
    return s?.id ?? null;
  }

  async record(manager: EntityManager, r: Omit<ShipmentReportRecord, 'id' | 'receivedAt'>): Promise<void> {
    await manager.getRepository(ShipmentReportRecord).save(Object.assign(new ShipmentReportRecord(), r));
  }

  /**
   * The carriers' reports of these shipments as tracking steps, oldest first: every report that
   * said where a parcel was (late ones too), the same report sent twice once, unknown codes left out.
   */
  async tracking(shipmentIds: string[]): Promise<Map<string, TrackingEntry[]>> {
    const out = new Map<string, TrackingEntry[]>(shipmentIds.map((id) => [id, []]));
    if (shipmentIds.length === 0) return out;
    const rows = await this.dataSource.query<
      { shipment_id: string; status: ShipmentStatus; occurred_at: Date; location: string | null; carrier_status_code: string | null }[]
    >(
      `SELECT shipment_id, status, occurred_at, location, carrier_status_code FROM (
         SELECT DISTINCT ON (shipment_id, status, occurred_at) shipment_id, status, occurred_at, location, carrier_status_code, id
           FROM shipment_reports WHERE shipment_id = ANY($1::uuid[]) AND outcome IN ('applied', 'duplicate', 'stale')
          ORDER BY shipment_id, status, occurred_at, id) r
        ORDER BY occurred_at, id`,
      [shipmentIds],
    );
    for (const r of rows) {
      out.get(r.shipment_id)?.push({
        status: r.status,
        occurredAt: toVietnamIso(r.occurred_at),
        ...(r.location ? { location: r.location } : {}),
        ...(r.carrier_status_code ? { carrierStatusCode: r.carrier_status_code } : {}),
      });
    }
    return out;
  }

  /** A carrier's shipments, newest first (UUID v7 ids sort by creation). */
  list(carrierCode: string, status: ShipmentStatus | undefined, limit: number, cursor?: string): Promise<Shipment[]> {
    const after = decodeCursor<{ id: string }>(cursor, ['id'], (k) => isUuid(k.id));
    const q = this.dataSource
      .getRepository(Shipment)
      .createQueryBuilder('s')
      .where('s.carrier_code = :carrierCode', { carrierCode })
      .orderBy('s.id', 'DESC')
      .limit(limit + 1);
    if (status) q.andWhere('s.status = :status', { status });
    if (after) q.andWhere('s.id < :id', { id: after.id });
    return q.getMany();
  }
}
