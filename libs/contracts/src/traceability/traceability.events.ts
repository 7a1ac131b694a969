import { defineEvent } from '../cloud-event';
import { registerEvents } from '../event-registry';
import { Topics } from '../topics';
import type { LotEventKind, LotView } from './lot.dto';

/** A lot was opened by a partner for one of its sellers. */
export const LotCreatedV1 = defineEvent<LotView>('traceability.lot.created.v1', Topics.traceabilityEvents);

/**
 * An entry was appended to a lot's hash chain. Publishing every new chain head outside the
 * traceability database anchors it: a rewrite of the whole chain in the database no longer
 * matches the heads others have seen.
 */
export const LotEventRecordedV1 = defineEvent<{
  lotId: string;
  traceCode: string;
  seq: number;
  kind: LotEventKind;
  /** EPCIS event hash ID (`ni:///sha-256;…?ver=CBV2.0`). */
  eventId: string;
  /** Hex SHA-256 chain head after this entry. */
  chainHash: string;
  occurredAt: string;
}>('traceability.lot.event-recorded.v1', Topics.traceabilityEvents);

registerEvents(LotCreatedV1, LotEventRecordedV1);
