import { Injectable } from '@nestjs/common';
import type { CallerIdentity, SellerStatement, SellerStatementRequest } from '@app/contracts';
import { toVietnamIso, ValidationFailedError, vietnamDate } from '@app/platform';
import { Accounts } from '../ledger/accounts';
import { LedgerRepository } from '../ledger/ledger.repository';
import { SellersService } from './sellers.service';

const DAY = 86400000;

/** Midnight at the start of a Vietnam calendar date, as an instant. */
function vietnamMidnight(date: string): Date {
  return new Date(`${date}T00:00:00+07:00`);
}

/** A seller's ledger lines over a period, with opening and closing balances. */
@Injectable()
export class SellerStatementService {
  constructor(
    private readonly sellers: SellersService,
    private readonly ledger: LedgerRepository,
  ) {}

  async statement(caller: CallerIdentity, req: SellerStatementRequest): Promise<SellerStatement> {
    const sellerName = await this.sellers.assertAccess(caller, req.sellerId);
    const to = req.to ?? vietnamDate();
    const from = req.from ?? vietnamDate(new Date(vietnamMidnight(to).getTime() - 29 * DAY));
    if (from > to)
      throw new ValidationFailedError([{ field: 'from', message: 'from must not be after to', messageVi: 'from không được sau to' }]);
    if (vietnamMidnight(to).getTime() - vietnamMidnight(from).getTime() > 366 * DAY) {
      throw new ValidationFailedError([
        { field: 'from', message: 'a statement covers at most 366 days', messageVi: 'sao kê tối đa 366 ngày' },
      ]);
    }
    const start = vietnamMidnight(from);
    const end = new Date(vietnamMidnight(to).getTime() + DAY);
    const names = new Map([
      [Accounts.sellerPending(req.sellerId).code, 'pending'],
      [Accounts.sellerAvailable(req.sellerId).code, 'available'],
      [Accounts.sellerPayout(req.sellerId).code, 'payout'],
    ]);
    const rows = await this.ledger.entriesBetween([...names.keys()], start, end);
    return {
      sellerId: req.sellerId,
      sellerName,
      from,
      to,
      opening: await this.sellers.balanceAt(req.sellerId, start),
      closing: await this.sellers.balanceAt(req.sellerId, end),
      lines: rows.map((r) => ({
        postedAt: toVietnamIso(r.posted_at),
        postingId: r.posting_id,
        kind: r.kind,
        description: r.description,
        account: names.get(r.account_code) ?? r.account_code,
        debitVnd: Number(r.debit),
        creditVnd: Number(r.credit),
      })),
    };
  }
}
