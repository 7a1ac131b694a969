import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { ShipmentStatus } from '@app/contracts';
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

  lock(manager: EntityManager, id: string): Promise<Shipment | null> {
    return manager.getRepository(Shipment).createQueryBuilder('s').where('s.id = :id', { id }).setLock('pessimistic_write').getOne();
  }

  async idByTracking(carrierCode: string, trackingCode: string): Promise<string | null> {
    const s = await this.dataSource.getRepository(Shipment).findOne({ where: { carrierCode, trackingCode }, select: { id: true } });
    return s?.id ?? null;
  }

  async record(manager: EntityManager, r: Omit<ShipmentReportRecord, 'id' | 'receivedAt'>): Promise<void> {
    await manager.getRepository(ShipmentReportRecord).save(Object.assign(new ShipmentReportRecord(), r));
  }

  /** A carrier's shipments, newest first (UUID v7 ids sort by creation). */
  list(carrierCode: string, status: ShipmentStatus | undefined, limit: number, cursor?: string): Promise<Shipment[]> {
    const after = decodeCursor<{ id: string }>(cursor, ['id']);
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
