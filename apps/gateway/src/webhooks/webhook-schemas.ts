import type { OpenAPIObject } from '@nestjs/swagger';
import type { PublicEventType } from '@app/contracts';

type Schema = Record<string, unknown>;

const str = (description?: string): Schema => ({ type: 'string', ...(description ? { description } : {}) });
const nullableStr = (description?: string): Schema => ({ type: 'string', nullable: true, ...(description ? { description } : {}) });
const vnd = (description?: string): Schema => ({ type: 'integer', description: description ?? 'Integer đồng.' });
const obj = (properties: Record<string, Schema>, required = Object.keys(properties)): Schema => ({
  type: 'object',
  properties,
  ...(required.length > 0 ? { required } : {}),
});

const sequence: Schema = {
  type: 'integer',
  minimum: 0,
  description:
    'Increases per order (per resource) in the order the platform applied the changes: deliveries may arrive out of order, this may not.',
};
const lines: Schema = {
  type: 'array',
  items: obj({ productId: str(), quantity: { type: 'integer' } }, ['productId', 'quantity']),
};
const subOrderRef = { orderId: str(), subOrderId: str(), sellerId: str() };
const totals = obj({ itemsVnd: vnd(), shippingVnd: vnd(), codVnd: vnd() });

/** `data` of each public event type (API.md, "Webhooks and the event feed"). */
const DATA: Record<PublicEventType, { summary: string; data: Schema }> = {
  'order.created': {
    summary: 'An order was placed (status `pending`). A storefront gets the whole order; a partner only its sellers’ sub-orders.',
    data: obj(
      {
        orderId: str(),
        status: { type: 'string', enum: ['pending'] },
        placedAt: str(),
        itemsVnd: vnd('Storefront only.'),
        shippingVnd: vnd('Storefront only.'),
        codVnd: vnd('Storefront only: what the buyer pays on delivery.'),
        subOrders: { type: 'array', items: obj({ subOrderId: str(), sellerId: str(), lines }) },
        sequence,
      },
      ['orderId', 'status', 'placedAt', 'subOrders', 'sequence'],
    ),
  },
  'order.status_changed': {
    summary: 'An order moved to another status; a partner also gets the ids of its sub-orders in it.',
    data: obj(
      {
        orderId: str(),
        from: str(),
        to: str(),
        reason: nullableStr(),
        changedAt: str(),
        subOrderIds: { type: 'array', items: str(), description: 'Partner only.' },
        sequence,
      },
      ['orderId', 'from', 'to', 'changedAt', 'sequence'],
    ),
  },
  'sub_order.awaiting_seller': {
    summary: 'A sub-order waits for its seller to accept or decline it by `acceptBy`.',
    data: obj({
      ...subOrderRef,
      status: { type: 'string', enum: ['awaiting_seller'] },
      acceptBy: str('The deadline; no answer by then and the sub-order expires.'),
      itemsVnd: vnd(),
      shippingVnd: vnd(),
      codVnd: vnd(),
      lines: { type: 'array', items: obj({ productId: str(), name: str(), quantity: { type: 'integer' }, lineVnd: vnd() }) },
      sequence,
    }),
  },
  'sub_order.accepted': {
    summary: 'A sub-order was accepted (by its seller, or at once for `auto` sellers): its shipment is requested.',
    data: obj(
      {
        ...subOrderRef,
        status: { type: 'string', enum: ['accepted'] },
        shipmentId: str(),
        automatic: { type: 'boolean' },
        pickupWindow: { type: 'object', nullable: true, properties: { from: str(), to: str() } },
        acceptedAt: str(),
        sequence,
      },
      ['orderId', 'subOrderId', 'sellerId', 'status', 'shipmentId', 'sequence'],
    ),
  },
  'sub_order.declined': {
    summary: 'The seller declined a sub-order: stock released, the order’s totals lowered.',
    data: obj({
      ...subOrderRef,
      status: { type: 'string', enum: ['declined'] },
      reason: str(),
      removed: totals,
      orderTotals: totals,
      declinedAt: str(),
      sequence,
    }),
  },
  'sub_order.expired': {
    summary: 'The seller did not answer by `acceptBy`: handled as a decline.',
    data: obj({
      ...subOrderRef,
      status: { type: 'string', enum: ['expired'] },
      acceptBy: str(),
      removed: totals,
      orderTotals: totals,
      expiredAt: str(),
      sequence,
    }),
  },
  'shipment.status_changed': {
    summary: 'A shipment moved (carrier report accepted); told to the partner, the storefront and the carrier.',
    data: obj(
      {
        shipmentId: str(),
        orderId: str(),
        subOrderId: str(),
        sellerId: str(),
        carrierCode: str(),
        trackingCode: nullableStr('The carrier’s waybill number, once picked up.'),
        from: str(),
        to: str(),
        carrierStatusCode: nullableStr(),
        occurredAt: str(),
        location: nullableStr(),
        reason: nullableStr(),
        codVnd: vnd(),
        sequence,
      },
      ['shipmentId', 'orderId', 'subOrderId', 'from', 'to', 'occurredAt', 'sequence'],
    ),
  },
  'remittance.reconciled': {
    summary: 'A carrier’s remittance statement was reconciled and posted (carrier).',
    data: obj({
      remittanceId: str(),
      batchId: str(),
      totalTransferredVnd: vnd(),
      outcomes: { type: 'object', additionalProperties: obj({ count: { type: 'integer' }, codVnd: vnd() }, []) },
      reconciledAt: str(),
      sequence,
    }),
  },
  'payout.paid': {
    summary: 'A payout batch was transferred: what each of the partner’s sellers was paid.',
    data: obj({
      payoutId: str(),
      paidAt: str(),
      totalVnd: vnd(),
      items: { type: 'array', items: obj({ sellerId: str(), amountVnd: vnd() }) },
      sequence,
    }),
  },
  'product.suspended': {
    summary: 'An operator suspended one of the partner’s products: storefronts no longer sell it.',
    data: obj({ productId: str(), sellerId: str(), name: str(), status: str(), suspendedAt: str(), sequence }),
  },
  'webhook.test': {
    summary: 'Sent by POST /v1/webhook-endpoints/{id}/test.',
    data: obj({ message: str(), test: { type: 'boolean' }, sequence }, ['sequence']),
  },
};

const HEADERS = {
  'webhook-id': { required: true, schema: { type: 'string' }, description: 'The event id: the same on every retry and in GET /v1/events.' },
  'webhook-timestamp': { required: true, schema: { type: 'integer' }, description: 'Unix seconds when this attempt was signed.' },
  'webhook-signature': {
    required: true,
    schema: { type: 'string' },
    description:
      '`v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{body}" keyed with the base64-decoded secret after "whsec_">`; ' +
      'space-separated, one per secret, for 24 h after a rotation.',
  },
};

/**
 * The deliveries a receiver gets, one per event type, with each `data` schema: OpenAPI 3.1's
 * `webhooks` (the document is 3.1, see toOpenApi31) and one component schema per type.
 */
export function describeWebhooks(document: OpenAPIObject): OpenAPIObject {
  const schemas = (document.components ??= {}).schemas ?? (document.components.schemas = {});
  const webhooks: Record<string, unknown> = {};
  for (const [type, { summary, data }] of Object.entries(DATA)) {
    const name = `WebhookEvent_${type.replace(/[^a-z]/g, '_')}`;
    schemas[name] = obj({
      id: str('The event id (UUID v7).'),
      type: { type: 'string', enum: [type] },
      timestamp: str('ISO 8601 with offset.'),
      data,
    });
    webhooks[type] = {
      post: {
        summary,
        description:
          'POSTed to every enabled endpoint of the owner that lists this type. Any 2xx within 15 s is success; otherwise retried after ' +
          '~5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h and 24 h (with jitter; a later `Retry-After` wins); 410 disables the endpoint, ' +
          'and so do 3 days of failures. The same body is in GET /v1/events.',
        parameters: Object.entries(HEADERS).map(([name, h]) => ({ name, in: 'header', ...h })),
        requestBody: { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } } },
        responses: { '2XX': { description: 'Received.' }, '410': { description: 'Gone: the endpoint is disabled.' } },
      },
    };
  }
  document.webhooks = webhooks as OpenAPIObject['webhooks'];
  return document;
}
