import { Entity, PrimaryColumn } from 'typeorm';

/** Products an operator has suspended, so only the change into suspension is announced. */
@Entity({ name: 'suspended_products' })
export class SuspendedProduct {
  @PrimaryColumn({ type: 'text', name: 'product_id' }) productId: string;
}
