import { Injectable } from '@nestjs/common';
import type { CallerIdentity, PutBankAccountRequest, SellerBalance, SellerBankAccount } from '@app/contracts';
import { assertPartnerOwns, NotFoundError, toVietnamIso } from '@app/platform';
import { Accounts } from '../ledger/accounts';
import { LedgerRepository } from '../ledger/ledger.repository';
import { ShipmentRepository } from '../shipments/shipment.repository';
import { SellerAccountRepository } from './seller-account.repository';

/** Who may see a seller's money (settlement's copy of catalog's sellers), its bank account, its balance. */
@Injectable()
export class SellersService {
  constructor(
    private readonly sellers: SellerAccountRepository,
    private readonly shipments: ShipmentRepository,
    private readonly ledger: LedgerRepository,
  ) {}

  /** The seller's name, once ownership is checked; another partner's seller is 404. */
  async assertAccess(caller: CallerIdentity, sellerId: string): Promise<string> {
    const seller = await this.sellers.find(sellerId);
    const partnerId = seller?.partnerId ?? (await this.shipments.partnerOfSeller(sellerId));
    if (!partnerId) throw new NotFoundError('Seller', sellerId, 'người bán');
    assertPartnerOwns(caller, partnerId, 'Seller', sellerId, 'người bán');
    return seller?.name ?? sellerId;
  }

  async putBankAccount(caller: CallerIdentity, req: PutBankAccountRequest): Promise<SellerBankAccount> {
    const seller = await this.sellers.find(req.sellerId);
    if (!seller) throw new NotFoundError('Seller', req.sellerId, 'người bán');
    assertPartnerOwns(caller, seller.partnerId, 'Seller', req.sellerId, 'người bán');
    seller.bankBin = req.bankBin;
    seller.bankAccountNumber = req.accountNumber;
    seller.bankAccountName = req.accountName.normalize('NFC').trim().toUpperCase();
    seller.bankUpdatedAt = new Date();
    const saved = await this.sellers.save(seller);
    return {
      sellerId: saved.sellerId,
      bankBin: saved.bankBin!,
      accountNumber: saved.bankAccountNumber!,
      accountName: saved.bankAccountName!,
      updatedAt: toVietnamIso(saved.bankUpdatedAt!),
    };
  }

  async balance(caller: CallerIdentity, sellerId: string): Promise<SellerBalance> {
    await this.assertAccess(caller, sellerId);
    return this.balanceAt(sellerId);
  }

  /** Balances from the entries, as of `before` (exclusive) or now. */
  async balanceAt(sellerId: string, before?: Date): Promise<SellerBalance> {
    const codes = [Accounts.sellerPending(sellerId).code, Accounts.sellerAvailable(sellerId).code, Accounts.sellerPayout(sellerId).code];
    const b = await this.ledger.balances(codes, before);
    const paid = before ? await this.ledger.paidBefore(codes[2], before) : await this.ledger.debitsOf(Accounts.sellerPayout(sellerId).code);
    return {
      sellerId,
      pendingVnd: b.get(codes[0]) ?? 0,
      availableVnd: b.get(codes[1]) ?? 0,
      inPayoutVnd: b.get(codes[2]) ?? 0,
      paidVnd: paid,
    };
  }
}
