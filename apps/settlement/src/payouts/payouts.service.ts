import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { v7 as uuidv7, validate as isUuid } from 'uuid';
import type { CreatePayoutRequest, Page, PageRequest, PayoutBatchView, PayoutSummaryView } from '@app/contracts';
import { Outbox } from '@app/messaging';
import { toPage } from '@app/persistence';
import { ConflictError, NotFoundError, toVietnamIso, vietnamDate } from '@app/platform';
import { Accounts, credit, debit } from '../ledger/accounts';
import { LedgerService } from '../ledger/ledger.service';
import { SellerAccountRepository } from '../sellers/seller-account.repository';
import type { SettlementEnv } from '../settlement.env';
import { SETTLEMENT_ENV } from '../settlement.tokens';
import { PayoutItemRecord } from './payout-item.entity';
import type { Payout } from './payout.entity';
import { markPayoutPaid, openPayout } from './payout-state';
import { PayoutRepository } from './payout.repository';
import { vietQrPayload } from './vietqr';

/**
 * Payouts: every available seller balance at or above a minimum moves to `payout` (in
 * transit) in one posting; marking the payout paid moves it out to the bank, i.e. to `paid`.
 */
@Injectable()
export class PayoutsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly payouts: PayoutRepository,
    private readonly sellers: SellerAccountRepository,
    private readonly ledger: LedgerService,
    private readonly outbox: Outbox,
    @Inject(SETTLEMENT_ENV) private readonly env: SettlementEnv,
  ) {}

  async create(req: CreatePayoutRequest): Promise<PayoutBatchView> {
    const id = await this.dataSource.transaction(async (manager) => {
      if (req.reference) {
        const existing = await this.payouts.findByReference(manager, req.reference);
        if (existing) return existing.id;
      }
      const minimumVnd = req.minimumVnd ?? this.env.SETTLEMENT_PAYOUT_MINIMUM_VND;
      const balances = await this.payouts.lockAvailable(manager, minimumVnd, req.sellerIds);
      if (balances.length === 0) {
        throw new ConflictError('nothing_to_pay', `No seller has an available balance of at least ${minimumVnd} đồng.`).vi(
          `Không người bán nào có số dư khả dụng từ ${minimumVnd} đồng.`,
        );
      }
      const sellers = await this.sellers.findMany(
        manager,
        balances.map((b) => b.sellerId),
      );
      const { payout, event: created } = openPayout({
        id: uuidv7(),
        reference: req.reference ?? `payout-${vietnamDate()}-${uuidv7().slice(-8)}`,
        minimumVnd,
        totalVnd: balances.reduce((s, b) => s + b.amountVnd, 0),
        itemCount: balances.length,
      });
      const items = balances.map((b) => {
        const s = sellers.get(b.sellerId);
        return Object.assign(new PayoutItemRecord(), {
          payoutId: payout.id,
          sellerId: b.sellerId,
          sellerName: s?.name ?? b.sellerId,
          amountVnd: b.amountVnd,
          bankBin: s?.bankBin ?? null,
          bankAccountNumber: s?.bankAccountNumber ?? null,
          bankAccountName: s?.bankAccountName ?? null,
        });
      });
      await this.payouts.save(manager, payout, items);
      await this.ledger.post(manager, {
        id: `payout:${payout.id}`,
        kind: 'payout',
        description: `Payout ${payout.reference}`,
        entries: balances.flatMap((b) => [
          ...debit(Accounts.sellerAvailable(b.sellerId), b.amountVnd),
          ...credit(Accounts.sellerPayout(b.sellerId), b.amountVnd),
        ]),
      });
      await this.outbox.add(manager, created);
      return payout.id;
    });
    return this.get(id);
  }

  async markPaid(id: string): Promise<PayoutBatchView> {
    await this.dataSource.transaction(async (manager) => {
      const payout = isUuid(id) ? await this.payouts.find(id, manager, true) : null;
      if (!payout) throw new NotFoundError('Payout', id, 'đợt chi trả');
      const items = await this.payouts.items(id, manager);
      const partners = await this.sellers.findMany(
        manager,
        items.map((i) => i.sellerId),
      );
      // Each seller's amount with its partner: notifications tells each partner what its sellers were paid.
      const paid = markPayoutPaid(
        payout,
        new Date(),
        items.map((i) => ({ sellerId: i.sellerId, partnerId: partners.get(i.sellerId)?.partnerId ?? null, amountVnd: i.amountVnd })),
      );
      await this.payouts.update(manager, payout);
      await this.ledger.post(manager, {
        id: `payout-paid:${payout.id}`,
        kind: 'payout_paid',
        description: `Payout ${payout.reference} transferred`,
        entries: [
          ...items.flatMap((i) => debit(Accounts.sellerPayout(i.sellerId), i.amountVnd)),
          ...credit(Accounts.bank(), payout.totalVnd),
        ],
      });
      await this.outbox.add(manager, paid);
    });
    return this.get(id);
  }

  /** Payouts, newest first, without their transfers. */
  async list(r: PageRequest): Promise<Page<PayoutSummaryView>> {
    return toPage(await this.payouts.list(r.limit, r.cursor), r.limit, payoutSummary, (p) => ({ id: p.id }));
  }

  async get(id: string): Promise<PayoutBatchView> {
    const payout = isUuid(id) ? await this.payouts.find(id) : null;
    if (!payout) throw new NotFoundError('Payout', id, 'đợt chi trả');
    const items = await this.payouts.items(id);
    return {
      ...payoutSummary(payout),
      items: items.map((i) => {
        const account =
          i.bankBin && i.bankAccountNumber
            ? { bankBin: i.bankBin, accountNumber: i.bankAccountNumber, accountName: i.bankAccountName ?? '' }
            : null;
        return {
          sellerId: i.sellerId,
          sellerName: i.sellerName,
          amountVnd: i.amountVnd,
          bankAccount: account,
          vietQr: account
            ? vietQrPayload({ ...account, amountVnd: i.amountVnd, purpose: `${payout.reference} ${i.sellerId.slice(-8)}` })
            : null,
        };
      }),
    };
  }
}

function payoutSummary(payout: Payout): PayoutSummaryView {
  return {
    id: payout.id,
    reference: payout.reference,
    status: payout.status,
    minimumVnd: payout.minimumVnd,
    totalVnd: payout.totalVnd,
    itemCount: payout.itemCount,
    createdAt: toVietnamIso(payout.createdAt),
    paidAt: payout.paidAt ? toVietnamIso(payout.paidAt) : null,
  };
}
