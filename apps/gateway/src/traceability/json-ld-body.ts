import type { Request } from 'express';
import { DomainError, ValidationFailedError } from '@app/platform';

/** EPCIS documents are as big as the gateway's JSON limit allows (BODY_LIMIT_BYTES default). */
const MAX_BYTES = 1_048_576;

/**
 * Reads an `application/ld+json` body, which the gateway's JSON parser (registered for
 * `application/json` only) leaves unread. Remove once that parser accepts ld+json too.
 */
export async function readJsonLdBody(req: Request): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/ld\+json\b/i.test(type)) {
    throw new DomainError(
      415,
      'unsupported_media_type',
      'Unsupported Media Type',
      'Send the document as application/json or application/ld+json.',
    );
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BYTES) throw new DomainError(413, 'payload_too_large', 'Payload Too Large', `The document exceeds ${MAX_BYTES} bytes.`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new ValidationFailedError([
      { field: 'body', message: 'the body is not valid JSON', messageVi: 'nội dung không phải JSON hợp lệ' },
    ]);
  }
}
