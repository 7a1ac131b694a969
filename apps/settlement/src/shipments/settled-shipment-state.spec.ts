import { IllegalTransitionError } from '@app/platform';
import { aSettledShipment, aShipmentFacts } from '../../../../test/support/factories';
import { canTransition, delivered, markReturned, returnedUndelivered } from './settled-shipment-state';

describe('settled shipment transitions', () => {
  const facts = aShipmentFacts({ shipmentId: 's1', trackingCode: 'EB1', itemsVnd: 100_000, shippingVnd: 20_000 });

  it('records a delivery with nothing remitted or returned yet', () => {
    const at = new Date('2026-12-01T00:00:00Z');
    const s = delivered(facts, { codVnd: 120_000, commissionVnd: 5_000, sellerShareVnd: 95_000 }, at);
    expect(s).toMatchObject({
      shipmentId: 's1',
      trackingCode: 'EB1',
      itemsVnd: 100_000,
      status: 'delivered',
      deliveredAt: at,
      returnedAt: null,
      remittanceId: null,
      remittedAt: null,
      codVnd: 120_000,
      sellerShareVnd: 95_000,
    });
  });

  it('returns a delivered shipment with nothing left to collect, keeping a tracking code it had', () => {
    const s = aSettledShipment();
    const at = new Date('2026-12-06T00:00:00Z');
    markReturned(s, at, 'OTHER');
    expect(s).toMatchObject({
      status: 'returned',
      codVnd: 0,
      commissionVnd: 0,
      sellerShareVnd: 0,
      returnedAt: at,
      trackingCode: 'EB123456789VN',
    });
  });

  it('takes the reported tracking code when it had none', () => {
    const s = aSettledShipment({ trackingCode: null });
    markReturned(s, new Date(), 'EB9');
    expect(s.trackingCode).toBe('EB9');
  });

  it('knows a shipment returned without delivery, with nothing to collect', () => {
    const at = new Date('2026-12-06T00:00:00Z');
    const s = returnedUndelivered(facts, at);
    expect(s).toMatchObject({ status: 'returned', deliveredAt: null, codVnd: 0, sellerShareVnd: 0, returnedAt: at });
  });

  it('refuses to return a shipment twice (409)', () => {
    expect(canTransition('returned', 'delivered')).toBe(false);
    expect(() => markReturned(aSettledShipment({ status: 'returned' }), new Date(), null)).toThrow(IllegalTransitionError);
  });
});
