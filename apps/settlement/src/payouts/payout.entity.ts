import { Check, Column, CreateDateColumn, Entity, PrimaryColumn, Unique } from 'typeorm';
import type { PayoutStatus } from '@app/contracts';
import { bigintTransformer } from '@app/persistence';

/** Available seller balances moved into one bank-transfer run: `created`, then `paid`. */
@Entity({ name: 'payout_batches' })
@Unique('payout_batches_reference_uq', ['reference'])
@Check('payout_batches_status', `status IN ('created', 'paid')`)
export class Payout {
  @PrimaryColumn({ type: 'uuid' }) id: string;
  @Column({ type: 'text' }) reference: string;
  @Column({ type: 'text' }) status: PayoutStatus;
  @Column({ type: 'bigint', name: 'minimum_vnd', transformer: bigintTransformer }) minimumVnd: number;
  @Column({ type: 'bigint', name: 'total_vnd', transformer: bigintTransformer }) totalVnd: number;
  @Column({ type: 'integer', name: 'item_count' }) itemCount: number;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @Column({ type: 'timestamptz', name: 'paid_at', nullable: true }) paidAt: Date | null;
}
