import { v7 as uuidv7, validate as isUuid } from 'uuid';
import { EVENT_TYPE_PATTERN, type CloudEvent, type EventDefinition } from '@app/contracts';

export const CLOUDEVENTS_CONTENT_TYPE = 'application/cloudevents+json; charset=UTF-8';

/** Builds the CloudEvents envelope of a new event. */
export function newEvent<T>(
  definition: EventDefinition<T>,
  subject: string,
  data: T,
  source: string,
  time: Date = new Date(),
): CloudEvent<T> {
  return {
    specversion: '1.0',
    id: uuidv7(),
    source,
    type: definition.type,
    subject,
    time: time.toISOString(),
    datacontenttype: 'application/json',
    data,
  };
}

/** A message that is not a CloudEvents 1.0 envelope we can read. */
export class EnvelopeError extends Error {
  constructor(reason: string) {
    super(`malformed envelope: ${reason}`);
    this.name = 'EnvelopeError';
  }
}

function requireString(o: Record<string, unknown>, field: string): string {
  const v = o[field];
  if (typeof v !== 'string' || v.length === 0) throw new EnvelopeError(`"${field}" must be a non-empty string`);
  return v;
}

/** Parses and checks a structured-mode CloudEvents JSON message. */
export function parseEnvelope(raw: Buffer | string | null): CloudEvent {
  if (raw === null || raw.length === 0) throw new EnvelopeError('empty message');
  let parsed: unknown;
  try {
    parsed = JSON.parse(typeof raw === 'string' ? raw : raw.toString('utf8'));
  } catch {
    throw new EnvelopeError('not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new EnvelopeError('not a JSON object');
  const o = parsed as Record<string, unknown>;
  if (o.specversion !== '1.0') throw new EnvelopeError('"specversion" must be "1.0"');
  const id = requireString(o, 'id');
  if (!isUuid(id)) throw new EnvelopeError('"id" must be a UUID');
  const type = requireString(o, 'type');
  if (!EVENT_TYPE_PATTERN.test(type)) throw new EnvelopeError(`"type" ${JSON.stringify(type)} is not <context>.<entity>.<happened>.v<N>`);
  const source = requireString(o, 'source');
  const subject = requireString(o, 'subject');
  const time = requireString(o, 'time');
  if (Number.isNaN(Date.parse(time))) throw new EnvelopeError('"time" must be an RFC 3339 timestamp');
  if (!('data' in o)) throw new EnvelopeError('"data" is missing');
  return { specversion: '1.0', id, source, type, subject, time, datacontenttype: 'application/json', data: o.data };
}
