import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from '@app/persistence';

/** One seller's amount in a payout, with the bank account as it was at payout time. */
@Entity({ name: 'payout_items' })
export class PayoutItemRecord {
  @PrimaryColumn({ type: 'uuid', name: 'payout_id' }) payoutId: string;
  @PrimaryColumn({ type: 'text', name: 'seller_id' }) sellerId: string;
  @Column({ type: 'text', name: 'seller_name' }) sellerName: string;
  @Column({ type: 'bigint', name: 'amount_vnd', transformer: bigintTransformer }) amountVnd: number;
  @Column({ type: 'text', name: 'bank_bin', nullable: true }) bankBin: string | null;
  @Column({ type: 'text', name: 'bank_account_number', nullable: true }) bankAccountNumber: string | null;
  @Column({ type: 'text', name: 'bank_account_name', nullable: true }) bankAccountName: string | null;
}
