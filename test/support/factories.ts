// Test data for unit specs: each factory returns a valid object in its usual state, and a spec
// overrides only the fields its rule is about.
import { StockReservation } from '../../apps/catalog/src/stock/stock-reservation.entity';

export function aStockReservation(overrides: Partial<StockReservation> = {}): StockReservation {
  return Object.assign(new StockReservation(), {
    subOrderId: 'sub-1',
    orderId: 'order-1',
    status: 'reserved',
    lines: [{ productId: 'product-1', quantity: 2, unitPriceVnd: 45000 }],
    ...overrides,
  });
}
