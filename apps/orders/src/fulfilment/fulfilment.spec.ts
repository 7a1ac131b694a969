import { aShipment, aSubOrder, anOrder } from '../../../../test/support/factories';
import { OrderLifecycle } from '../orders/order-lifecycle';
import type { OrderAggregate } from '../orders/orders.repository';
import type { OrdersEnv } from '../orders.env';
import { Fulfilment } from './fulfilment';

/** The order following its parcels and its sellers' answers (no database: `follow` decides in memory). */
describe('fulfilment: the order follows its parcels', () => {
  const lifecycle = new OrderLifecycle(null as never, null as never);
  const fulfilment = new Fulfilment(null as never, lifecycle, null as never, null as never, {} as OrdersEnv);
  const aggregate = (status: 'confirmed' | 'shipping', parts: { sub: 'accepted' | 'awaiting_seller' | 'declined'; parcel?: string }[]) => {
    const order = anOrder({ status });
    const subOrders = parts.map((p) => aSubOrder(order, { status: p.sub }));
    const shipments = parts.flatMap((p, i) => (p.parcel ? [aShipment(subOrders[i], { status: p.parcel as never })] : []));
    return { order, subOrders, shipments } satisfies OrderAggregate;
  };
  const after = (agg: OrderAggregate) => {
    const events = fulfilment.follow(agg, new Date());
    return { status: agg.order.status, events: events.map((e) => (e.data as { to: string }).to) };
  };

  it('is shipping from the first parcel on its way', () => {
    expect(
      after(
        aggregate('confirmed', [
          { sub: 'accepted', parcel: 'picked_up' },
          { sub: 'accepted', parcel: 'requested' },
        ]),
      ),
    ).toEqual({
      status: 'shipping',
      events: ['shipping'],
    });
    expect(after(aggregate('confirmed', [{ sub: 'accepted', parcel: 'requested' }, { sub: 'awaiting_seller' }]))).toEqual({
      status: 'confirmed',
      events: [],
    });
  });

  it('is delivered when every parcel is done and no seller is still to answer', () => {
    expect(after(aggregate('shipping', [{ sub: 'accepted', parcel: 'delivered' }, { sub: 'awaiting_seller' }]))).toEqual({
      status: 'shipping',
      events: [],
    });
    expect(after(aggregate('shipping', [{ sub: 'accepted', parcel: 'delivered' }, { sub: 'declined' }]))).toEqual({
      status: 'delivered',
      events: ['delivered'],
    });
    // A parcel delivered at once (a carrier skipping scans) takes a confirmed order through shipping to delivered.
    expect(after(aggregate('confirmed', [{ sub: 'accepted', parcel: 'delivered' }]))).toEqual({
      status: 'delivered',
      events: ['shipping', 'delivered'],
    });
  });

  it('is returned when every parcel came back, delivered when one of them arrived', () => {
    expect(after(aggregate('shipping', [{ sub: 'accepted', parcel: 'returned' }]))).toEqual({ status: 'returned', events: ['returned'] });
    expect(
      after(
        aggregate('shipping', [
          { sub: 'accepted', parcel: 'returned' },
          { sub: 'accepted', parcel: 'delivered' },
        ]),
      ),
    ).toEqual({
      status: 'delivered',
      events: ['delivered'],
    });
  });
});
