import { Check, Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from '@app/persistence';

/**
 * A ledger account with its posted totals (TigerBeetle-style: debits and credits kept apart, the
 * balance derived). `noOverdraft` accounts may never go below zero in their normal direction.
 */
@Entity({ name: 'ledger_accounts' })
@Check('ledger_accounts_side', `normal_side IN ('D', 'C')`)
@Check(
  'ledger_accounts_no_overdraft',
  `NOT no_overdraft OR (normal_side = 'C' AND debits_vnd <= credits_vnd) OR (normal_side = 'D' AND credits_vnd <= debits_vnd)`,
)
export class LedgerAccount {
  @PrimaryColumn({ type: 'text' }) code: string;
  @Column({ type: 'text' }) kind: string;
  @Column({ type: 'text', name: 'owner_id', nullable: true }) ownerId: string | null;
  @Column({ type: 'text', name: 'normal_side' }) normalSide: 'D' | 'C';
  @Column({ type: 'boolean', name: 'no_overdraft', default: false }) noOverdraft: boolean;
  @Column({ type: 'bigint', name: 'debits_vnd', default: 0, transformer: bigintTransformer }) debitsVnd: number;
  @Column({ type: 'bigint', name: 'credits_vnd', default: 0, transformer: bigintTransformer }) creditsVnd: number;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
}
