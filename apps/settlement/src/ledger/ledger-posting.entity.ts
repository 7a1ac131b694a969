import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from '@app/persistence';

/**
 * A balanced set of entries, identified by its idempotency id (`delivery:<shipment>`,
 * `remittance:<id>:chunk:<n>`, …). The fingerprint tells a replay from a different posting.
 */
@Entity({ name: 'ledger_postings' })
export class LedgerPosting {
  @PrimaryColumn({ type: 'text' }) id: string;
  @Column({ type: 'text' }) kind: string;
  @Column({ type: 'text' }) description: string;
  @Column({ type: 'text' }) fingerprint: string;
  @Column({ type: 'bigint', name: 'total_vnd', transformer: bigintTransformer }) totalVnd: number;
  @Column({ type: 'timestamptz', name: 'posted_at', default: () => 'now()' }) postedAt: Date;
}
