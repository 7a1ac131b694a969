import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A seller as settlement knows it (from catalog's SellerRegisteredV1), with its bank account. */
@Entity({ name: 'seller_accounts' })
export class SellerAccount {
  @PrimaryColumn({ type: 'text', name: 'seller_id' }) sellerId: string;
  /** The partner owning the seller: only it (and admins) see balances and statements. */
  @Column({ type: 'text', name: 'partner_id' }) partnerId: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text', name: 'bank_bin', nullable: true }) bankBin: string | null;
  @Column({ type: 'text', name: 'bank_account_number', nullable: true }) bankAccountNumber: string | null;
  @Column({ type: 'text', name: 'bank_account_name', nullable: true }) bankAccountName: string | null;
  @Column({ type: 'timestamptz', name: 'bank_updated_at', nullable: true }) bankUpdatedAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
}
