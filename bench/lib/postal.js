'use strict';
// Postal carriers as the platform meets them: their own consumer group on `fulfilment.shipments`,
// a pick-up some time after each request (none once the request was cancelled), then
// picked_up → in_transit → delivered with the COD collected, or failed → returned; reported through
// our REST intake or the carriers' native webhooks, sometimes twice, retried on 5xx, timeouts and
// refused connections until answered.
const { createHash } = require('node:crypto');
const { Kafka, logLevel } = require('kafkajs');
const { request, untilAnswered } = require('./rest');
const { prng, sleep } = require('./common');

const NATIVE = {
  VNPOST: { picked_up: 3, in_transit: 5, delivered: 14, failed: 15, returned: 19 },
  VTP: { picked_up: 200, in_transit: 300, delivered: 501, failed: 506, returned: 504 },
};

/** `dd/MM/yyyy HH:mm:ss` in Vietnam time (UTC+7), the carriers' own format. */
function vietnamDate(ms) {
  const d = new Date(ms + 7 * 3_600_000).toISOString();
  return `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)} ${d.slice(11, 19)}`;
}
const vietnamIso = (ms) => `${new Date(ms + 7 * 3_600_000).toISOString().slice(0, 19)}+07:00`;

function seedOf(text, seed) {
  return createHash('sha256').update(`${seed}:${text}`).digest().readUInt32BE(0);
}

function waybill(carrierCode, shipmentId) {
  const n = BigInt(`0x${createHash('sha256').update(shipmentId).digest('hex').slice(0, 15)}`);
  return carrierCode === 'VNPOST'
    ? `EB${String(n % 1_000_000_000n).padStart(9, '0')}VN`
    : `18${String(n % 100_000_000_000n).padStart(11, '0')}`;
}

class PostalCarriers {
  /**
   * @param {{ base: string, brokers: string[], groupId: string, keys: Record<string, string>, secrets: Record<string, string>,
   *   seed: number, workers?: number, failShare?: number, duplicateShare?: number, restShare?: number,
   *   pickupDelayMs?: [number, number], stepDelayMs?: [number, number] }} o
   */
  constructor(o) {
    this.o = { workers: 16, failShare: 0.1, duplicateShare: 0.1, restShare: 0.5, pickupDelayMs: [200, 2500], stepDelayMs: [50, 400], ...o };
    /** @type {Map<string, { orderId: string, carrierCode: string, codVnd: number, eventIds: Set<string>, copies: number, outcome?: string }>} */
    this.shipments = new Map();
    this.cancelled = new Set();
    this.queue = [];
    this.inFlight = 0; // parcels in hand
    this.calls = 0; // reports on the wire
    this.waiters = [];
    this.lastMessageAt = Date.now();
    this.outcomes = new Map();
    this.reports = new Map(); // channel:status → count
    this.retries = new Map(); // failure → count
    this.problems = [];
    this.stopped = false;
  }

  async start() {
    const kafka = new Kafka({
      clientId: 'postal-carriers',
      brokers: this.o.brokers,
      logLevel: logLevel.NOTHING,
      retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 300, maxRetryTime: 5000 },
    });
    this.consumer = kafka.consumer({ groupId: this.o.groupId, maxWaitTimeInMs: 100, sessionTimeout: 30000, heartbeatInterval: 3000 });
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: 'fulfilment.shipments', fromBeginning: true });
    await this.consumer.run({ eachMessage: async ({ message }) => this.onMessage(message) });
    this.worker = this.work();
    return this;
  }

  onMessage(message) {
    this.lastMessageAt = Date.now();
    let e;
    try {
      e = JSON.parse(message.value.toString());
    } catch {
      this.problems.push(`unreadable message on fulfilment.shipments at offset ${message.offset}`);
      return;
    }
    const id = e.data?.shipmentId;
    if (e.type === 'fulfilment.shipment.requested.v1') {
      const known = this.shipments.get(id);
      if (known) {
        known.copies++;
        known.eventIds.add(e.id);
        return;
      }
      this.shipments.set(id, {
        orderId: e.data.orderId,
        carrierCode: e.data.carrierCode,
        codVnd: e.data.codVnd,
        eventIds: new Set([e.id]),
        copies: 1,
      });
      this.queue.push(id);
    } else if (e.type === 'fulfilment.shipment.cancelled.v1') this.cancelled.add(id);
  }

  idle() {
    return this.queue.length === 0 && this.inFlight === 0;
  }

  /** Parcels are handled side by side; at most `workers` reports are on the wire at once. */
  async work() {
    const running = new Set();
    while (!this.stopped) {
      const id = this.queue.shift();
      if (!id) {
        await sleep(50);
        continue;
      }
      this.inFlight++;
      const p = this.deliver(id)
        .then((outcome) => {
          this.shipments.get(id).outcome = outcome;
          this.outcomes.set(outcome, (this.outcomes.get(outcome) ?? 0) + 1);
        })
        .catch((e) => this.problems.push(`shipment ${id}: ${e.message}`))
        .finally(() => {
          this.inFlight--;
          running.delete(p);
        });
      running.add(p);
    }
    await Promise.all([...running]);
  }

  /** Waits for one of the `workers` slots on the wire. */
  async slot(fn) {
    while (this.calls >= this.o.workers) await new Promise((r) => this.waiters.push(r));
    this.calls++;
    try {
      return await fn();
    } finally {
      this.calls--;
      this.waiters.shift()?.();
    }
  }

  async deliver(id) {
    const s = this.shipments.get(id);
    const rnd = prng(seedOf(id, this.o.seed));
    await sleep(rnd.between(...this.o.pickupDelayMs));
    if (this.cancelled.has(id)) return 'not picked up: cancelled';
    const fails = rnd() < this.o.failShare;
    const steps = fails ? ['picked_up', 'in_transit', 'failed', 'returned'] : ['picked_up', 'in_transit', 'delivered'];
    const tracking = waybill(s.carrierCode, id);
    for (const [i, status] of steps.entries()) {
      if (i > 0) await sleep(rnd.between(...this.o.stepDelayMs));
      const copies = rnd() < this.o.duplicateShare ? 2 : 1;
      for (let c = 0; c < copies; c++) {
        const native = rnd() >= this.o.restShare;
        const r = await this.report(s, id, tracking, status, native, i > 0 && rnd() < 0.3);
        if (r.gaveUp) return `no answer to ${status} (${r.lastFailure})`;
        const a = r.answer;
        if (a.status !== 200) {
          this.problems.push(`shipment ${id} ${status} (${native ? 'webhook' : 'REST'}): ${a.status} ${JSON.stringify(a.body)}`);
          return `refused ${status}: ${a.status} ${a.body?.code ?? ''}`.trim();
        }
        if (a.body.status === 'cancelled') return 'not picked up: cancelled';
      }
    }
    return fails ? 'returned' : 'delivered';
  }

  /** One report, through REST or the carrier's webhook; after pick-up a webhook may name only the waybill. */
  report(s, id, tracking, status, native, byWaybillOnly) {
    const at = Date.now() - 1000;
    const key = this.o.keys[s.carrierCode];
    let send;
    if (!native) {
      const body = {
        status,
        occurredAt: vietnamIso(at),
        ...(status === 'picked_up' ? { trackingCode: tracking } : {}),
        ...(status === 'delivered' ? { codCollectedVnd: s.codVnd } : {}),
        ...(status === 'failed' ? { reason: 'Khách vắng nhà' } : {}),
      };
      send = () => request(this.o.base, 'POST', `/v1/shipments/${id}/events`, { key, body });
    } else if (s.carrierCode === 'VNPOST') {
      const body = {
        ItemCode: tracking,
        ...(byWaybillOnly ? {} : { OrderCode: id }),
        OrderStatusId: NATIVE.VNPOST[status],
        StatusDate: vietnamDate(at),
        ...(status === 'delivered' ? { CollectionAmount: s.codVnd } : {}),
        PostOfficeName: 'Bưu cục phát Sài Gòn',
      };
      send = () => request(this.o.base, 'POST', '/v1/carriers/VNPOST/webhook', { key, body, headers: { Token: this.o.secrets.VNPOST } });
    } else {
      const body = {
        DATA: {
          ORDER_NUMBER: tracking,
          ...(byWaybillOnly ? {} : { ORDER_REFERENCE: id }),
          ORDER_STATUS: NATIVE.VTP[status],
          ORDER_STATUSDATE: vietnamDate(at),
          ...(status === 'delivered' ? { MONEY_COLLECTION: s.codVnd } : {}),
          LOCALION_CURRENTLY: 'Bưu cục Quận 1',
        },
        TOKEN: this.o.secrets.VTP,
      };
      send = () => request(this.o.base, 'POST', '/v1/carriers/VTP/webhook', { key, body });
    }
    const channel = native ? `webhook:${s.carrierCode}` : 'REST';
    this.reports.set(`${channel} ${status}`, (this.reports.get(`${channel} ${status}`) ?? 0) + 1);
    return untilAnswered(() => this.slot(send), { tally: this.retries, giveUpMs: 5 * 60_000 });
  }

  async stop() {
    this.stopped = true;
    await this.worker;
    await this.consumer?.disconnect();
  }
}

module.exports = { PostalCarriers };
