import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What traceability knows of a catalog seller (from `catalog.seller.registered.v1`): owner and address. */
@Entity({ name: 'seller_replicas' })
export class SellerReplica {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text', name: 'partner_id' })
  partnerId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'text', name: 'province_code' })
  provinceCode: string;

  @Column({ type: 'text', name: 'ward_code' })
  wardCode: string;

  @Column({ type: 'text', name: 'address_line' })
  addressLine: string;
}
