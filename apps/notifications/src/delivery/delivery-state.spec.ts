import { Delivery } from './delivery.entity';
import { transition } from './delivery-state';

const delivery = (status: Delivery['status']) =>
  Object.assign(new Delivery(), { id: 'd', status, attempts: 1, nextAttemptAt: new Date(0) });

describe('delivery transitions', () => {
  it('moves a pending delivery to succeeded, failed or a later attempt', () => {
    const at = new Date(5000);
    expect(transition(delivery('pending'), 'succeed', null)).toMatchObject({ status: 'succeeded', nextAttemptAt: null });
    expect(transition(delivery('pending'), 'fail', null)).toMatchObject({ status: 'failed', nextAttemptAt: null });
    expect(transition(delivery('pending'), 'scheduleRetry', at)).toMatchObject({ status: 'pending', nextAttemptAt: at });
  });

  it('requeues a finished delivery (replay) and refuses to finish one twice', () => {
    const now = new Date(1);
    expect(transition(delivery('succeeded'), 'requeue', now)).toMatchObject({ status: 'pending', nextAttemptAt: now });
    expect(transition(delivery('failed'), 'requeue', now)).toMatchObject({ status: 'pending' });
    expect(() => transition(delivery('succeeded'), 'fail', null)).toThrow(/cannot go from succeeded to failed/);
    expect(() => transition(delivery('failed'), 'succeed', null)).toThrow(/cannot go from failed to succeeded/);
  });
});
