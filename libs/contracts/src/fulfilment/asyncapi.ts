/**
 * The AsyncAPI 3.0 document of what postal carriers consume: topic `fulfilment.shipments`,
 * CloudEvents 1.0 JSON, key = shipment id. Served by the gateway at /asyncapi.json.
 */
const party = {
  type: 'object',
  required: ['name', 'phone', 'provinceCode', 'wardCode', 'line'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', examples: ['HTX Nông nghiệp Lục Ngạn'] },
    phone: { type: 'string', description: 'E.164', examples: ['+84912345678'] },
    provinceCode: { type: 'string', pattern: '^\\d{2}$', description: '2025 province code (34 provinces).' },
    wardCode: { type: 'string', pattern: '^\\d{5}$', description: '2025 ward/commune code.' },
    line: { type: 'string', description: 'Street, hamlet (thôn/ấp), house number.' },
  },
};

function envelope(type: string, data: Record<string, unknown>, description: string) {
  return {
    type: 'object',
    description,
    required: ['specversion', 'id', 'source', 'type', 'subject', 'time', 'datacontenttype', 'data'],
    properties: {
      specversion: { const: '1.0' },
      id: { type: 'string', format: 'uuid', description: 'UUID v7; deduplicate on it (delivery is at least once).' },
      source: { type: 'string', examples: ['/nongsan/orders'] },
      type: { const: type },
      subject: { type: 'string', description: 'The shipment id (also the Kafka key).' },
      time: { type: 'string', format: 'date-time' },
      datacontenttype: { const: 'application/json' },
      data,
    },
  };
}

const requested = envelope(
  'fulfilment.shipment.requested.v1',
  {
    type: 'object',
    required: [
      'shipmentId',
      'orderId',
      'carrierCode',
      'service',
      'sender',
      'receiver',
      'items',
      'weightGrams',
      'codVnd',
      'valueVnd',
      'requestedAt',
    ],
    properties: {
      shipmentId: { type: 'string', description: 'Echo it back as your order reference (ORDER_REFERENCE / OrderCode).' },
      orderId: { type: 'string' },
      carrierCode: { type: 'string', examples: ['VNPOST', 'VTP'], description: 'Only the named carrier picks this parcel up.' },
      service: { enum: ['standard', 'express'] },
      sender: { ...party, description: 'The seller’s pickup point.' },
      receiver: { ...party, description: 'The buyer.' },
      items: {
        type: 'array',
        items: {
          type: 'object',
          required: ['name', 'quantity', 'weightGrams', 'valueVnd'],
          properties: {
            name: { type: 'string' },
            quantity: { type: 'integer', minimum: 1 },
            weightGrams: { type: 'integer', minimum: 0 },
            valueVnd: { type: 'integer', minimum: 0 },
          },
        },
      },
      weightGrams: { type: 'integer', minimum: 1 },
      codVnd: { type: 'integer', minimum: 0, description: 'Cash to collect from the buyer, integer đồng (no minor unit).' },
      valueVnd: { type: 'integer', minimum: 0, description: 'Declared value of the goods, integer đồng.' },
      requestedAt: { type: 'string', format: 'date-time' },
      pickupWindow: {
        type: 'object',
        required: ['from', 'to'],
        additionalProperties: false,
        description:
          'When the seller has the parcel ready (given when the seller accepted the order; at least 1 hour, within 7 days). Absent: any time during business hours.',
        properties: {
          from: { type: 'string', format: 'date-time', examples: ['2026-01-29T08:00:00+07:00'] },
          to: { type: 'string', format: 'date-time', examples: ['2026-01-29T11:00:00+07:00'] },
        },
      },
    },
  },
  'Pick this parcel up from the sender and deliver it to the receiver, collecting codVnd in cash.',
);

const cancelled = envelope(
  'fulfilment.shipment.cancelled.v1',
  {
    type: 'object',
    required: ['shipmentId', 'orderId', 'carrierCode', 'reason', 'cancelledAt'],
    properties: {
      shipmentId: { type: 'string' },
      orderId: { type: 'string' },
      carrierCode: { type: 'string' },
      reason: { type: 'string' },
      cancelledAt: { type: 'string', format: 'date-time' },
    },
  },
  'Do not pick this parcel up: the order was cancelled before hand-over.',
);

export function fulfilmentAsyncApi(serverHost = 'kafka:9092') {
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Nông sản marketplace — fulfilment events for postal carriers',
      version: '1.0.0',
      description:
        'Shipment requests and cancellations postal carriers (Vietnam Post, Viettel Post) consume with their own consumer group. ' +
        'A parcel is requested once its seller accepted the order (at once for sellers who take orders automatically), with the seller’s pickup window when one was given. ' +
        'Report progress back through POST /v1/shipments/{id}/events or your native webhook at POST /v1/carriers/{carrierCode}/webhook.',
    },
    defaultContentType: 'application/cloudevents+json',
    servers: { production: { host: serverHost, protocol: 'kafka', description: 'Kafka brokers (plaintext within the cluster).' } },
    channels: {
      shipments: {
        address: 'fulfilment.shipments',
        description: 'One message per shipment request or cancellation; key = shipment id, so one shipment’s messages stay in order.',
        messages: {
          shipmentRequested: {
            name: 'fulfilment.shipment.requested.v1',
            title: 'Shipment requested',
            contentType: 'application/cloudevents+json',
            payload: requested,
          },
          shipmentCancelled: {
            name: 'fulfilment.shipment.cancelled.v1',
            title: 'Shipment cancelled',
            contentType: 'application/cloudevents+json',
            payload: cancelled,
          },
        },
        bindings: { kafka: { topic: 'fulfilment.shipments', bindingVersion: '0.5.0' } },
      },
    },
    operations: {
      receiveShipmentRequests: {
        action: 'receive',
        channel: { $ref: '#/channels/shipments' },
        summary: 'Carriers consume shipment requests and cancellations meant for their carrier code.',
        messages: [
          { $ref: '#/channels/shipments/messages/shipmentRequested' },
          { $ref: '#/channels/shipments/messages/shipmentCancelled' },
        ],
      },
    },
  };
}
