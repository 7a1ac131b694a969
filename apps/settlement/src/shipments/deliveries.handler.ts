import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ShipmentDeliveredV1, ShipmentReturnedV1, type EventOf } from '@app/contracts';
import { OnEvent } from '@app/messaging';
import { Accounts, credit, debit, type PostingDraft } from '../ledger/accounts';
import { CommissionPolicy } from '../ledger/commission-policy';
import { LedgerService } from '../ledger/ledger.service';
import type { SettlementEnv } from '../settlement.env';
import { SETTLEMENT_ENV } from '../settlement.tokens';
import { delivered, markReturned, returnedUndelivered } from './settled-shipment-state';
import type { SettledShipment } from './settled-shipment.entity';
import { ShipmentRepository } from './shipment.repository';

/** The delivery posting: the carrier owes the COD; the seller's share is pending; fees recognised. */
function deliveryPosting(s: SettledShipment): PostingDraft {
  return {
    id: `delivery:${s.shipmentId}`,
    kind: 'delivery',
    description: `COD delivered, shipment ${s.shipmentId} (${s.carrierCode} ${s.trackingCode ?? '-'})`,
    entries: [
      ...debit(Accounts.carrierReceivable(s.carrierCode), s.codVnd),
      ...credit(Accounts.sellerPending(s.sellerId), s.sellerShareVnd),
      ...credit(Accounts.commission(), s.commissionVnd),
      ...credit(Accounts.fees(), s.codVnd - s.itemsVnd),
    ],
  };
}

/**
 * What orders tells settlement: a COD delivery makes the carrier owe the platform and the seller
 * owed its share (pending until the carrier remits); a return reverses an unremitted delivery.
 * Each runs in the event's inbox transaction.
 */
@Injectable()
export class DeliveriesHandler {
  private readonly logger = new Logger(DeliveriesHandler.name);
  private readonly policy: CommissionPolicy;

  constructor(
    private readonly shipments: ShipmentRepository,
    private readonly ledger: LedgerService,
    @Inject(SETTLEMENT_ENV) env: SettlementEnv,
  ) {
    this.policy = CommissionPolicy.fromEnv(env);
  }

  @OnEvent(ShipmentDeliveredV1)
  async onDelivered(e: EventOf<typeof ShipmentDeliveredV1>, manager: EntityManager): Promise<void> {
    const d = e.data;
    const commission = this.policy.commissionOf(d.itemsVnd, d.lines);
    const s = delivered(
      d,
      { codVnd: d.codCollectedVnd, commissionVnd: commission, sellerShareVnd: d.itemsVnd - commission },
      new Date(d.deliveredAt),
    );
    const existing = await this.shipments.lock(manager, d.shipmentId);
    // A second delivery report of the same shipment posts nothing, or is refused if its amounts differ.
    if (existing) {
      if (existing.status === 'delivered' && existing.codVnd > 0) await this.ledger.post(manager, deliveryPosting(s));
      return;
    }
    await this.shipments.save(manager, s);
    if (s.codVnd > 0) await this.ledger.post(manager, deliveryPosting(s));
  }

  @OnEvent(ShipmentReturnedV1)
  async onReturned(e: EventOf<typeof ShipmentReturnedV1>, manager: EntityManager): Promise<void> {
    const d = e.data;
    const existing = await this.shipments.lock(manager, d.shipmentId);
    if (existing?.status === 'returned') return;
    if (existing?.remittanceId) {
      this.logger.warn({ shipmentId: d.shipmentId }, 'return reported for a remitted shipment; ledger left for an operator correction');
      return;
    }
    if (existing && existing.codVnd > 0) {
      const posting = deliveryPosting(existing);
      await this.ledger.post(manager, {
        id: `delivery-reversal:${existing.shipmentId}`,
        kind: 'delivery_reversal',
        description: `Returned after delivery, shipment ${existing.shipmentId}`,
        entries: posting.entries.map((x) => ({ account: x.account, debit: x.credit, credit: x.debit })),
      });
    }
    // A returned shipment stays known (with nothing to collect) so return-fee lines match it.
    const at = new Date(d.returnedAt);
    if (existing) markReturned(existing, at, d.trackingCode);
    await this.shipments.save(manager, existing ?? returnedUndelivered(d, at));
  }
}
