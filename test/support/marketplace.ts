import type { Consumer, KafkaMessage } from 'kafkajs';
import { v7 as uuidv7 } from 'uuid';
import { Topics, wardsOf } from '@app/contracts';
import { Api } from './api';
import { AsyncApiMessageValidator } from './asyncapi-messages';
import { eventually, testKafka } from './infra';

export interface Seller {
  id: string;
  provinceCode: string;
}

/** A partner with its own sellers and products: the setup most journeys start from. */
export class PartnerFixture {
  key = '';
  constructor(readonly api: Api) {}

  async init(): Promise<this> {
    this.key = (await this.api.issueKey('partner')).key;
    return this;
  }

  /** A seller; `auto` unless asked (its orders go to the carrier without its answer). */
  async seller(name: string, provinceCode: string, orderAcceptance: 'auto' | 'manual' = 'auto'): Promise<Seller> {
    const res = await this.api.post(
      '/v1/sellers',
      {
        name,
        kind: 'household',
        phone: '0912345678',
        address: { provinceCode, wardCode: wardsOf(provinceCode)[0].code, line: 'Thôn 1' },
        orderAcceptance,
      },
      { key: this.key },
    );
    if (res.status !== 201) throw new Error(`seller: ${res.status} ${JSON.stringify(res.body)}`);
    return { id: res.body.id, provinceCode };
  }

  async product(sellerId: string, extra: Record<string, unknown> = {}): Promise<{ id: string; priceVnd: number }> {
    const body = {
      sellerId,
      name: 'Vải thiều Lục Ngạn',
      categoryId: 'vai-nhan-chom-chom',
      unit: 'kg',
      priceVnd: 65000,
      stock: 100,
      weightGrams: 1000,
      ...extra,
    };
    const res = await this.api.post('/v1/products', body, { key: this.key });
    if (res.status !== 201) throw new Error(`product: ${res.status} ${JSON.stringify(res.body)}`);
    return { id: res.body.id, priceVnd: res.body.priceVnd };
  }

  stock(productId: string): Promise<number> {
    return this.api.get(`/v1/products/${productId}`, { key: this.key }).then((r) => r.body.stock as number);
  }
}

/** Waits until the orders service's copy of the catalog knows these products (quotes succeed). */
export async function awaitOrderable(api: Api, storefront: string, productIds: string[]): Promise<void> {
  const address = { provinceCode: '79', wardCode: wardsOf('79')[0].code, line: '1 Lê Lợi' };
  await eventually(
    async () =>
      (
        await api.post(
          '/v1/shipping/quotes',
          { items: productIds.map((productId) => ({ productId, quantity: 1 })), address },
          { key: storefront },
        )
      ).status === 200,
    20000,
    'products to be orderable',
  );
}

/**
 * A postal system as carriers run one: its own consumer group on `fulfilment.shipments`,
 * collecting the shipment requests it would pick up. Every message read is checked against the
 * committed AsyncAPI document; `stop()` fails when one did not match it.
 */
export class PostalConsumer {
  readonly messages: { type: string; key: string; data: Record<string, unknown> }[] = [];
  /** Messages read that the AsyncAPI document does not describe, with what is wrong. */
  readonly violations: string[] = [];
  private readonly contract = new AsyncApiMessageValidator('shipments');
  private consumer?: Consumer;

  async start(groupId = `postal-${uuidv7()}`): Promise<this> {
    this.consumer = testKafka('postal-system').consumer({ groupId, maxWaitTimeInMs: 50, sessionTimeout: 10000 });
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: Topics.fulfilmentShipments, fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ message }: { message: KafkaMessage }) => {
        const e = JSON.parse(message.value!.toString()) as { type: string; data: Record<string, unknown> };
        const key = message.key?.toString();
        this.violations.push(...this.contract.violations(key, e));
        this.messages.push({ type: e.type, key: key ?? '', data: e.data });
      },
    });
    return this;
  }

  forOrder(orderId: string, type = 'fulfilment.shipment.requested.v1') {
    return this.messages.filter((m) => m.type === type && m.data.orderId === orderId);
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
    if (this.violations.length) {
      throw new Error(
        `${this.violations.length} message(s) on fulfilment.shipments break the AsyncAPI contract: ${this.violations.slice(0, 10).join('; ')}`,
      );
    }
  }
}

export function address(provinceCode = '79') {
  return { provinceCode, wardCode: wardsOf(provinceCode)[0].code, line: '12 Nguyễn Huệ' };
}
