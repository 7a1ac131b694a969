import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { validate as isUuid } from 'uuid';
import {
  ShipmentDeliveredV1,
  ShipmentReturnedV1,
  ShipmentStatusChangedV1,
  type EventOf,
  type ShipmentFacts,
  type SupplyChainEventKind,
} from '@app/contracts';
import { OnEvent } from '@app/messaging';
import { LotChainService } from '../chain/lot-chain.service';
import { quantityElement } from '../epcis/farm-event.mapper';
import { shipmentToEpcis } from '../epcis/shipment-event.mapper';
import { LotRepository } from '../lots/lot.repository';
import { ReplicaRepository } from '../replicas/replica.repository';

/**
 * Supply-chain entries written automatically from the orders context's shipment events, on every
 * lot the shipment carries. Runs in the event's inbox transaction; `sourceRef` keeps one entry per
 * shipment and step even if the carrier reports a step twice.
 */
@Injectable()
export class ShipmentTrackingHandler {
  constructor(
    private readonly lots: LotRepository,
    private readonly replicas: ReplicaRepository,
    private readonly chain: LotChainService,
  ) {}

  @OnEvent(ShipmentStatusChangedV1)
  async onStatusChanged(e: EventOf<typeof ShipmentStatusChangedV1>, manager: EntityManager): Promise<void> {
    if (e.data.to === 'picked_up') await this.track(manager, 'shipping', e.data, e.data.occurredAt);
  }

  @OnEvent(ShipmentDeliveredV1)
  async onDelivered(e: EventOf<typeof ShipmentDeliveredV1>, manager: EntityManager): Promise<void> {
    await this.track(manager, 'receiving', e.data, e.data.deliveredAt);
  }

  @OnEvent(ShipmentReturnedV1)
  async onReturned(e: EventOf<typeof ShipmentReturnedV1>, manager: EntityManager): Promise<void> {
    await this.track(manager, 'returned', e.data, e.data.returnedAt);
  }

  private async track(manager: EntityManager, kind: SupplyChainEventKind, facts: ShipmentFacts, at: string): Promise<void> {
    const lotIds = [...new Set(facts.lines.map((l) => l.lotId).filter((id): id is string => id !== null && isUuid(id)))].sort();
    for (const lotId of lotIds) {
      const lot = await this.lots.lock(manager, lotId);
      // A product may only move a lot of its own seller (a lot id typed into another shop's product is ignored).
      if (!lot || lot.sellerId !== facts.sellerId) continue;
      let kg = 0;
      let units = 0;
      for (const line of facts.lines.filter((l) => l.lotId === lotId)) {
        const product = await this.replicas.findProduct(line.productId, manager);
        if (product) kg += (line.quantity * product.weightGrams) / 1000;
        else units += line.quantity;
      }
      const quantity = units === 0 ? quantityElement(lot.epcClass, kg, 'kg') : quantityElement(lot.epcClass, units, null);
      const seller = await this.replicas.findSeller(lot.sellerId, manager);
      await this.chain.append(manager, lot, [
        {
          epcis: shipmentToEpcis(kind, facts, at, quantity, seller?.wardCode ?? null),
          source: 'shipment',
          sourceRef: `shipment:${facts.shipmentId}:${kind}`,
        },
      ]);
    }
  }
}
