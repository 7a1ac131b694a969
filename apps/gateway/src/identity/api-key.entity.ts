import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Role } from '@app/contracts';

/** An API key. The key itself is shown once at issue; only its SHA-256 is kept. */
@Entity({ name: 'api_keys' })
export class ApiKey {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  role: Role;

  /** The partner that owns what this key creates (partner keys); several keys may share one. */
  @Index('api_keys_partner_idx')
  @Column({ type: 'text', name: 'partner_id', nullable: true })
  partnerId: string | null;

  /** The carrier this key acts for (carrier keys), e.g. `VTP`, `VNPOST`. */
  @Column({ type: 'text', name: 'carrier_code', nullable: true })
  carrierCode: string | null;

  @Column({ type: 'text', name: 'key_hash', unique: true })
  keyHash: string;

  /** First characters of the key, to recognise it in listings. */
  @Column({ type: 'text', name: 'key_prefix' })
  keyPrefix: string;

  /** Requests per minute; null: the gateway default. */
  @Column({ type: 'int', name: 'rate_limit_per_minute', nullable: true })
  rateLimitPerMinute: number | null;

  @Column({ type: 'text', name: 'created_by' })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @Column({ type: 'timestamptz', name: 'revoked_at', nullable: true })
  revokedAt: Date | null;
}
