import type { PayoutBatchView } from '@app/contracts';
import { csvCell } from './csv-cell';

/**
 * The bank-transfer file of a payout batch: one row per seller with a bank account (UTF-8 with
 * BOM, CRLF); sellers without one are listed with empty account fields for manual handling.
 */
export function payoutBankFile(p: PayoutBatchView): string {
  const rows = [['reference', 'sellerId', 'sellerName', 'bankBin', 'accountNumber', 'accountName', 'amountVnd', 'description'].join(',')];
  for (const i of p.items) {
    rows.push(
      [
        p.reference,
        i.sellerId,
        i.sellerName,
        i.bankAccount?.bankBin ?? '',
        i.bankAccount?.accountNumber ?? '',
        i.bankAccount?.accountName ?? '',
        i.amountVnd,
        `${p.reference} ${i.sellerId.slice(-8)}`,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}
