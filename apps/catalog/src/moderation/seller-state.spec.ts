import { Seller } from '../sellers/seller.entity';
import { canTransition, reinstate, suspend } from './seller-state';

function aSeller(status: Seller['status']): Seller {
  return Object.assign(new Seller(), { id: 'se1', name: 'HTX Rau sạch Đà Lạt', status });
}

describe('seller standing transitions', () => {
  it('suspends an active seller and reinstates it', () => {
    const s = aSeller('active');
    suspend(s);
    expect(s.status).toBe('suspended');
    reinstate(s);
    expect(s.status).toBe('active');
  });

  it('lets an operator repeat a moderation: the standing stays as it is', () => {
    expect(canTransition('suspended', 'suspended')).toBe(true);
    const s = aSeller('active');
    reinstate(s);
    expect(s.status).toBe('active');
  });
});
