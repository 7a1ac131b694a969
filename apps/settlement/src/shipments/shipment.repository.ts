import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { MissingRemittance } from '@app/contracts';
import { toVietnamIso } from '@app/platform';
import { SettledShipment } from './settled-shipment.entity';

@Injectable()
export class ShipmentRepository {
  constructor(private readonly dataSource: DataSource) {}

  lock(manager: EntityManager, shipmentId: string): Promise<SettledShipment | null> {
    return manager
      .getRepository(SettledShipment)
      .createQueryBuilder('s')
      .where('s.shipment_id = :shipmentId', { shipmentId })
      .setLock('pessimistic_write')
      .getOne();
  }

  save(manager: EntityManager, s: SettledShipment): Promise<SettledShipment> {
    return manager.getRepository(SettledShipment).save(s);
  }

  /** The partner owning a seller, from its shipments (when the seller event has not arrived yet). */
  async partnerOfSeller(sellerId: string): Promise<string | undefined> {
    const rows = await this.dataSource.query<{ partner_id: string }[]>(
      'SELECT partner_id FROM settled_shipments WHERE seller_id = $1 LIMIT 1',
      [sellerId],
    );
    return rows[0]?.partner_id;
  }

  /** Delivered COD shipments of `carrier` not remitted and delivered before `cutoff`, oldest first. */
  async missing(
    manager: EntityManager,
    carrier: string,
    cutoff: Date,
    now: Date,
  ): Promise<{ items: MissingRemittance[]; buckets: { age: number; cod: number }[] }> {
    const buckets = await manager.query<{ age: number; cod: string }[]>(
      `SELECT floor(extract(epoch FROM ($3::timestamptz - delivered_at)) / 86400)::int AS age, cod_vnd AS cod
         FROM settled_shipments
        WHERE carrier_code = $1 AND status = 'delivered' AND remittance_id IS NULL AND cod_vnd > 0 AND delivered_at < $2`,
      [carrier, cutoff, now],
    );
    const items = await manager.query<{ shipment_id: string; tracking_code: string | null; delivered_at: Date; cod: string }[]>(
      `SELECT shipment_id, tracking_code, delivered_at, cod_vnd AS cod FROM settled_shipments
        WHERE carrier_code = $1 AND status = 'delivered' AND remittance_id IS NULL AND cod_vnd > 0 AND delivered_at < $2
        ORDER BY delivered_at, shipment_id LIMIT 100`,
      [carrier, cutoff],
    );
    return {
      buckets: buckets.map((b) => ({ age: b.age, cod: Number(b.cod) })),
      items: items.map((i) => ({
        shipmentId: i.shipment_id,
        trackingCode: i.tracking_code,
        deliveredAt: toVietnamIso(i.delivered_at),
        codVnd: Number(i.cod),
        ageDays: Math.floor((now.getTime() - new Date(i.delivered_at).getTime()) / 86400000),
      })),
    };
  }
}
