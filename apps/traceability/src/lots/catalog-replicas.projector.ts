import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { validate as isUuid } from 'uuid';
import { ProductUpdatedV1, SellerRegisteredV1, type EventOf } from '@app/contracts';
import { OnEvent } from '@app/messaging';
import { LotRepository } from './lot.repository';
import { ProductReplica } from '../replicas/product-replica.entity';
import { ReplicaRepository } from '../replicas/replica.repository';
import { SellerReplica } from '../replicas/seller-replica.entity';

/** Keeps the catalog read models from catalog events (each applied once, in its inbox transaction). */
@Injectable()
export class CatalogReplicasProjector {
  constructor(
    private readonly replicas: ReplicaRepository,
    private readonly lots: LotRepository,
  ) {}

  @OnEvent(SellerRegisteredV1)
  async onSellerRegistered(e: EventOf<typeof SellerRegisteredV1>, manager: EntityManager): Promise<void> {
    const s = e.data;
    await this.replicas.upsertSeller(
      manager,
      Object.assign(new SellerReplica(), {
        id: s.id,
        partnerId: s.partnerId,
        name: s.name,
        kind: s.kind,
        provinceCode: s.address.provinceCode,
        wardCode: s.address.wardCode,
        addressLine: s.address.line,
      }),
    );
  }

  /**
   * A product is linked to a lot only if the lot belongs to the same seller: another partner must
   * not be able to hang its product (and its claims) on someone else's trace page. Older updates
   * than the one kept are ignored (events of one product arrive in order, replays do not).
   */
  @OnEvent(ProductUpdatedV1)
  async onProductUpdated(e: EventOf<typeof ProductUpdatedV1>, manager: EntityManager): Promise<void> {
    const p = e.data;
    const at = new Date(p.updatedAt);
    const existing = await this.replicas.findProduct(p.id, manager);
    if (existing && existing.updatedAt > at) return;
    const lot = p.lotId && isUuid(p.lotId) ? await this.lots.findById(p.lotId, manager) : null;
    if (!existing && (!lot || lot.sellerId !== p.seller.id)) return;
    await this.replicas.upsertProduct(
      manager,
      Object.assign(new ProductReplica(), {
        id: p.id,
        lotId: lot && lot.sellerId === p.seller.id ? lot.id : null,
        sellerId: p.seller.id,
        name: p.name,
        unit: p.unit,
        weightGrams: p.weightGrams,
        ocop: p.ocop,
        certifications: p.certifications,
        updatedAt: at,
      }),
    );
  }
}
