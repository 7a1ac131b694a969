import { DiagnosticSeverity, Parser } from '@asyncapi/parser';
import { ShipmentRequestedV1 } from '@app/contracts';
import { Api } from '../support/api';

/** The public Kafka contract carriers integrate against is a valid AsyncAPI 3 document. */
describe('/asyncapi.json', () => {
  it('is served without a key and passes the official AsyncAPI parser with no errors', async () => {
    const res = await new Api().get('/asyncapi.json');
    expect(res.status).toBe(200);
    expect(res.body.asyncapi).toBe('3.0.0');
    const { document, diagnostics } = await new Parser().parse(JSON.stringify(res.body));
    const errors = diagnostics
      .filter((d) => Number(d.severity) === Number(DiagnosticSeverity.Error))
      .map((d) => `${d.path.join('.')}: ${d.message}`);
    expect(errors).toEqual([]);
    expect(document?.channels().get('shipments')?.address()).toBe('fulfilment.shipments');
    const names = document!
      .messages()
      .all()
      .map((m) => m.name());
    expect(names).toEqual(expect.arrayContaining([ShipmentRequestedV1.type, 'fulfilment.shipment.cancelled.v1']));
  });
});
