import { ProductStatuses } from '@app/contracts';
import { Product } from './product.entity';
import { canTransition, setListingStatus } from './product-state';

describe('product listing status', () => {
  it('lets the owner move between any two listing statuses', () => {
    for (const from of ProductStatuses) for (const to of ProductStatuses) expect(canTransition(from, to)).toBe(true);
  });

  it('changes the status without touching an operator suspension', () => {
    const p = Object.assign(new Product(), { id: 'p1', status: 'active', suspended: true });
    setListingStatus(p, 'paused');
    expect(p).toMatchObject({ status: 'paused', suspended: true });
  });
});
