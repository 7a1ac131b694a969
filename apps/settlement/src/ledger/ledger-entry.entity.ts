import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { bigintTransformer } from '@app/persistence';

/** One side of a posting on one account; exactly one of debit and credit is non-zero. */
@Entity({ name: 'ledger_entries' })
@Index('ledger_entries_posting_idx', ['postingId'])
@Index('ledger_entries_account_idx', ['accountCode', 'postedAt'])
@Check('ledger_entries_one_side', `debit_vnd >= 0 AND credit_vnd >= 0 AND (debit_vnd = 0) <> (credit_vnd = 0)`)
export class LedgerEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ type: 'text', name: 'posting_id' }) postingId: string;
  @Column({ type: 'text', name: 'account_code' }) accountCode: string;
  @Column({ type: 'bigint', name: 'debit_vnd', transformer: bigintTransformer }) debitVnd: number;
  @Column({ type: 'bigint', name: 'credit_vnd', transformer: bigintTransformer }) creditVnd: number;
  @Column({ type: 'timestamptz', name: 'posted_at', default: () => 'now()' }) postedAt: Date;
}
