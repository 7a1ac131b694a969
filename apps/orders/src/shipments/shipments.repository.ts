import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ShipmentStatus } from '@app/contracts';
import { decodeCursor } from '@app/persistence';
import { CatalogProduct, type SellerSnapshot } from '../catalog-view/catalog-product.entity';
import { ShipmentReportRecord } from './shipment-report.entity';
import { Shipment } from './shipment.entity';

@Injectable()
export class ShipmentsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, s: Shipment): Promise<void> {
    await manager.getRepository(Shipment).insert(s);
  }

  async save(manager: EntityManager, s: Shipment): Promise<void> {
    await manager.getRepository(Shipment).save(s);
  }

  /** The seller's pickup point, from the catalog snapshot of one of its products. */
  async senderOf(manager: EntityManager, productId: string): Promise<SellerSnapshot | null> {
    return (await manager.getRepository(CatalogProduct).findOneBy({ productId }))?.seller ?? null;
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
