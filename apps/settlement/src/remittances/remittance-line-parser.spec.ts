import type { RemittanceLineTuple } from '@app/contracts';
import { parseRemittanceLine } from './remittance-line-parser';

const tuple = (o: Partial<Record<string, string>> = {}): RemittanceLineTuple => [
  7,
  o.trackingCode ?? 'VTP123',
  o.shipmentId ?? '',
  o.codCollectedVnd ?? '230000',
  o.shippingFeeVnd ?? '30000',
  o.codFeeVnd ?? '2000',
  o.returnFeeVnd ?? '0',
  o.netRemittedVnd ?? '198000',
  o.deliveredAt ?? '2026-02-14T09:30:00+07:00',
];

describe('parseRemittanceLine', () => {
  it('reads a well-formed line into integer đồng', () => {
    const r = parseRemittanceLine(tuple(), 3);
    expect(r.errors).toEqual([]);
    expect(r.line).toMatchObject({ ordinal: 3, lineNo: 7, shipmentRef: null, codCollectedVnd: 230000, netRemittedVnd: 198000 });
    expect(r.line?.deliveredAt?.toISOString()).toBe('2026-02-14T02:30:00.000Z');
  });

  it('accepts a negative net for a return-fee line', () => {
    const r = parseRemittanceLine(
      tuple({ codCollectedVnd: '0', shippingFeeVnd: '0', codFeeVnd: '0', returnFeeVnd: '15000', netRemittedVnd: '-15000' }),
      0,
    );
    expect(r.errors).toEqual([]);
  });

  it.each([
    ['a non-numeric amount', { codCollectedVnd: '230.000đ' }, 'codCollectedVnd'],
    ['a fractional amount', { shippingFeeVnd: '30000.5' }, 'shippingFeeVnd'],
    ['a negative fee', { codFeeVnd: '-2000' }, 'codFeeVnd'],
    ['a missing tracking code', { trackingCode: '' }, 'trackingCode'],
    ['a date without a time zone', { deliveredAt: '14/02/2026' }, 'deliveredAt'],
    ['a net that does not add up', { netRemittedVnd: '200000' }, 'netRemittedVnd'],
  ])('refuses %s, naming the line and field', (_what, o, field) => {
    const r = parseRemittanceLine(tuple(o), 0);
    expect(r.line).toBeNull();
    expect(r.errors.map((e) => [e.line, e.field])).toContainEqual([7, field]);
    expect(r.errors[0].message).toMatch(/^line 7: /);
  });

  it('refuses a line with the wrong number of fields', () => {
    const r = parseRemittanceLine([9, 'VTP1', '', '1'], 0);
    expect(r.errors).toEqual([expect.objectContaining({ line: 9, field: 'line' })]);
  });
});
