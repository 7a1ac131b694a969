import type { IncomingMessage, ServerResponse } from 'node:http';
import { v7 as uuidv7 } from 'uuid';

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Echoes a caller's X-Request-Id when it is sane, otherwise makes one; always sets the header. */
export function requestIdFor(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const candidate = Array.isArray(given) ? given[0] : given;
  const id = candidate && SAFE_REQUEST_ID.test(candidate) ? candidate : uuidv7();
  res.setHeader('X-Request-Id', id);
  return id;
}
