import type { ShipmentFacts, SupplyChainEventKind } from '@app/contracts';
import { NONGSAN_NS } from './epcis-context';
import { wardLocation } from './farm-event.mapper';

const STEP: Record<SupplyChainEventKind, { bizStep: string; disposition: string }> = {
  shipping: { bizStep: 'shipping', disposition: 'in_transit' },
  receiving: { bizStep: 'receiving', disposition: 'retail_sold' },
  returned: { bizStep: 'receiving', disposition: 'returned' },
};

/**
 * A shipment step of the lot's goods as an EPCIS ObjectEvent. The buyer appears only as the
 * delivery ward: the trace page is public, and a buyer's name or street is nobody else's business.
 */
export function shipmentToEpcis(
  kind: SupplyChainEventKind,
  facts: ShipmentFacts,
  at: string,
  quantity: Record<string, unknown>,
  sellerWardCode: string | null,
): Record<string, unknown> {
  const e: Record<string, unknown> = {
    type: 'ObjectEvent',
    eventTime: new Date(at).toISOString(),
    eventTimeZoneOffset: '+07:00',
    quantityList: [quantity],
    action: 'OBSERVE',
    ...STEP[kind],
    bizTransactionList: [{ type: 'po', bizTransaction: `${NONGSAN_NS}order/${facts.orderId}` }],
    sourceList: [{ type: 'owning_party', source: `${NONGSAN_NS}seller/${facts.sellerId}` }],
    destinationList: [{ type: 'location', destination: wardLocation(facts.receiverWardCode) }],
    'nongsan:activity': kind,
    'nongsan:recordedBy': facts.carrierCode,
    'nongsan:carrier': facts.carrierCode,
    'nongsan:shipmentId': facts.shipmentId,
    'nongsan:receiverProvinceCode': facts.receiverProvinceCode,
  };
  if (facts.trackingCode) e['nongsan:trackingCode'] = facts.trackingCode;
  if (kind === 'receiving') e.bizLocation = { id: wardLocation(facts.receiverWardCode) };
  if (kind === 'returned' && sellerWardCode) e.bizLocation = { id: wardLocation(sellerWardCode) };
  return e;
}
