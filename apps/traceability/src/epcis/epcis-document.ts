import { EXPORT_CONTEXT } from './epcis-context';

/** An EPCIS 2.0 EPCISDocument (JSON-LD) carrying the given events, in chain order. */
export function epcisDocument(
  events: Record<string, unknown>[],
  o: { id: string; sender: string; createdAt: Date },
): Record<string, unknown> {
  return {
    '@context': EXPORT_CONTEXT,
    id: o.id,
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: o.createdAt.toISOString(),
    sender: o.sender,
    epcisBody: { eventList: events },
  };
}
