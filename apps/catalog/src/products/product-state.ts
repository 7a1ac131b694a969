import type { ProductStatus } from '@app/contracts';
import { IllegalTransitionError } from '@app/platform';
import type { Product } from './product.entity';

/**
 * The listing status its owner gives a product: a `draft` is not shown yet, `active` is on sale,
 * `paused` is off sale for now. The owner may move between them freely; an operator's suspension
 * is a separate flag (`suspended`), which no status lifts.
 */
const TRANSITIONS: Record<ProductStatus, readonly ProductStatus[]> = {
  draft: ['draft', 'active', 'paused'],
  active: ['active', 'paused', 'draft'],
  paused: ['paused', 'active', 'draft'],
};

export function canTransition(from: ProductStatus, to: ProductStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** The owner's change of listing status. */
export function setListingStatus(product: Product, to: ProductStatus): void {
  if (!canTransition(product.status, to)) throw new IllegalTransitionError('Product', product.status, to);
  product.status = to;
}
