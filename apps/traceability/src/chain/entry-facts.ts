import { FarmEventKinds, SupplyChainEventKinds, type FarmEventKind, type LotEventKind } from '@app/contracts';

/**
 * What an entry of a lot's history says about itself, read from its stored EPCIS record: the part
 * of the row the chain covers (ADR 0013). Everything shown of an entry and every diary rule start
 * here, never from the row's other columns, so what a buyer sees is what `verify` checked.
 */
export interface EntryFacts {
  kind: LotEventKind;
  /** The record's `eventTime`. */
  occurredAt: Date;
  /** The record's `recordTime` (set when the entry was appended). */
  recordedAt: Date;
  recordedBy: string;
  /** Received from another system through EPCIS capture. */
  captured: boolean;
}

/** A captured event's recorder when the event names none. */
export const CAPTURED_BY = 'EPCIS capture';

const OWN_KINDS: ReadonlySet<string> = new Set<string>([...FarmEventKinds, ...SupplyChainEventKinds]);
const FARM_KINDS: ReadonlySet<string> = new Set<string>(FarmEventKinds);

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const textOf = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * - captured: the record carries its document's `@context` (every EPCIS document has one, and
 *   capture keeps it on each event so that the event re-hashes the same); the service's own
 *   events never carry one (the same test picks the prefixes `LotChainService.hashOf` hashes with);
 * - an error declaration: an own event re-stated with `errorDeclaration` (EPCIS corrections),
 *   declared by `errorDeclaration["nongsan:declaredBy"]`;
 * - otherwise the activity and recorder our mappers write (`nongsan:activity`, `nongsan:recordedBy`).
 *
 * A record that names no activity of ours was not written by the service (its chain is broken
 * there): it is shown as an event from elsewhere, which no diary rule uses.
 */
export function entryFacts(epcis: Json): EntryFacts {
  const occurredAt = new Date(String(epcis.eventTime));
  const recordedAt = new Date(String(epcis.recordTime));
  const recorder = textOf(epcis['nongsan:recordedBy']);
  const activity = textOf(epcis['nongsan:activity']);
  if (epcis['@context'] !== undefined || activity === undefined || !OWN_KINDS.has(activity)) {
    return { kind: 'captured', occurredAt, recordedAt, recordedBy: recorder ?? CAPTURED_BY, captured: true };
  }
  const declaration = epcis.errorDeclaration;
  if (isObject(declaration)) {
    // Declarations stored before the declarer was recorded in them re-state the original's recorder.
    const declaredBy = textOf(declaration['nongsan:declaredBy']) ?? recorder ?? '';
    return { kind: 'error_declaration', occurredAt, recordedAt, recordedBy: declaredBy, captured: false };
  }
  return { kind: activity as LotEventKind, occurredAt, recordedAt, recordedBy: recorder ?? '', captured: false };
}

/** A farm diary entry (what an error declaration may correct), not a shipment step, a capture or a declaration. */
export function isDiaryKind(kind: LotEventKind): kind is FarmEventKind {
  return FARM_KINDS.has(kind);
}
