import type { Producer, ProducerBatch } from 'kafkajs';
import { ProduceBatcher } from './produce-batcher';

/** A stand-in that records what would be produced (the batching is what is tested, not Kafka). */
function recorder() {
  const batches: ProducerBatch[] = [];
  const producer = { sendBatch: (b: ProducerBatch) => (batches.push(b), Promise.resolve([])) } as unknown as Producer;
  return { batches, producer };
}

describe('ProduceBatcher', () => {
  it('sends the messages of one tick as one request, grouped by topic', async () => {
    const { batches, producer } = recorder();
    const b = new ProduceBatcher(() => producer);
    await Promise.all([b.send('a', { value: '1' }), b.send('b', { value: '2' }), b.send('a', { value: '3' })]);
    expect(batches).toHaveLength(1);
    expect(batches[0].topicMessages).toEqual([
      { topic: 'a', messages: [{ value: '1' }, { value: '3' }] },
      { topic: 'b', messages: [{ value: '2' }] },
    ]);
  });

  it('asks the broker for the acknowledgement it was built with (all replicas unless told)', async () => {
    const { batches, producer } = recorder();
    await new ProduceBatcher(() => producer).send('t', { value: '1' });
    await new ProduceBatcher(() => producer, { acks: 0 }).send('t', { value: '2' });
    expect(batches.map((x) => x.acks)).toEqual([-1, 0]);
  });

  it('keeps a request under its byte limit however much one tick produces', async () => {
    const { batches, producer } = recorder();
    const b = new ProduceBatcher(() => producer, { maxBytes: 1000 });
    const big = 'x'.repeat(400);
    await Promise.all(Array.from({ length: 7 }, () => b.send('chunks', { value: big })));
    expect(batches.map((x) => x.topicMessages![0].messages.length)).toEqual([2, 2, 2, 1]);
  });

  it('fails every message of a request the broker refused, and only those', async () => {
    let calls = 0;
    const producer = {
      sendBatch: () => (calls++ === 0 ? Promise.reject(new Error('broker away')) : Promise.resolve([])),
    } as unknown as Producer;
    const b = new ProduceBatcher(() => producer);
    const first = [b.send('t', { value: '1' }), b.send('t', { value: '2' })];
    await expect(Promise.all(first)).rejects.toThrow('broker away');
    await expect(b.send('t', { value: '3' })).resolves.toBeUndefined();
  });

  it('rejects, instead of throwing from a timer, when there is no producer yet', async () => {
    const b = new ProduceBatcher(() => {
      throw new Error('not connected');
    });
    await expect(b.send('t', { value: '1' })).rejects.toThrow('not connected');
  });
});
