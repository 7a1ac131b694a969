import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

interface AsyncApiMessage {
  name: string;
  payload: object;
}

/**
 * Checks messages of one channel against the committed AsyncAPI document (docs/api/asyncapi.json,
 * itself checked against the code by `npm run check`): what a carrier reads must be what the
 * contract promises, not only what our own tests expect.
 */
export class AsyncApiMessageValidator {
  private readonly byType = new Map<string, ValidateFunction>();

  constructor(channel: string, file = join(__dirname, '../../docs/api/asyncapi.json')) {
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { channels: Record<string, { messages: Record<string, AsyncApiMessage> }> };
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    for (const message of Object.values(doc.channels[channel].messages)) this.byType.set(message.name, ajv.compile(message.payload));
  }

  /** What is wrong with a message (its Kafka key and JSON value), or an empty list. */
  violations(key: string | undefined, value: unknown): string[] {
    const type = (value as { type?: unknown } | null)?.type;
    const validate = typeof type === 'string' ? this.byType.get(type) : undefined;
    if (!validate) return [`type ${JSON.stringify(type)} is not a message of the channel`];
    const problems = validate(value)
      ? []
      : (validate.errors ?? []).map((e) => `${String(type)}${e.instancePath}: ${e.message ?? e.keyword}`);
    const subject = (value as { subject?: unknown }).subject;
    if (key !== subject) problems.push(`${String(type)}: Kafka key ${JSON.stringify(key)} is not the subject ${JSON.stringify(subject)}`);
    return problems;
  }
}
