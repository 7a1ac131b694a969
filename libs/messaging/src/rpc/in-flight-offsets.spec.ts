import { InFlightOffsets } from './in-flight-offsets';
import { Semaphore } from './semaphore';

describe('InFlightOffsets', () => {
  it('commits only up to the lowest offset still being handled', () => {
    const o = new InFlightOffsets();
    for (const offset of ['10', '11', '12']) o.started('t', 0, offset);
    expect(o.finished('t', 0, '12')).toBe('10');
    expect(o.finished('t', 0, '10')).toBe('11');
    expect(o.size).toBe(1);
    expect(o.finished('t', 0, '11')).toBe('13');
    expect(o.size).toBe(0);
  });

  it('keeps partitions apart', () => {
    const o = new InFlightOffsets();
    o.started('t', 0, '5');
    o.started('t', 1, '7');
    expect(o.finished('t', 1, '7')).toBe('8');
    expect(o.finished('t', 0, '5')).toBe('6');
  });

  it('moves past everything started once it is all handled, also after a replay from an earlier offset', () => {
    const o = new InFlightOffsets();
    o.started('t', 0, '20');
    expect(o.finished('t', 0, '20')).toBe('21');
    o.started('t', 0, '18'); // redelivered after a rebalance
    expect(o.finished('t', 0, '18')).toBe('21');
  });

  it('refuses a finish it never saw start', () => {
    expect(() => new InFlightOffsets().finished('t', 0, '1')).toThrow(/never started/);
  });
});

describe('Semaphore', () => {
  it('hands slots out in arrival order and each release frees one slot once', async () => {
    const s = new Semaphore(1);
    const first = await s.acquire();
    const order: number[] = [];
    const second = s.acquire().then((release) => {
      order.push(2);
      return release;
    });
    const third = s.acquire().then((release) => {
      order.push(3);
      return release;
    });
    first();
    first(); // a second call must not free another slot
    const releaseSecond = await second;
    expect(order).toEqual([2]);
    expect(s.inUse).toBe(1);
    releaseSecond();
    (await third)();
    expect(order).toEqual([2, 3]);
    expect(s.inUse).toBe(0);
  });
});
