import { connect } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** Undoes `Transfer-Encoding: chunked`. */
function dechunk(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  while (at < data.length) {
    const eol = data.indexOf('\r\n', at);
    if (eol < 0) break;
    const size = parseInt(data.subarray(at, eol).toString('latin1'), 16);
    if (!size) break;
    parts.push(data.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

/** Reads one HTTP/1.1 answer off the bytes a closed connection delivered. */
export function parseResponse(data: Buffer): RawResponse {
  const end = data.indexOf('\r\n\r\n');
  const head = data.subarray(0, end < 0 ? data.length : end).toString('latin1');
  const [statusLine, ...lines] = head.split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const raw = end < 0 ? Buffer.alloc(0) : data.subarray(end + 4);
  return { status, headers, body: /chunked/i.test(headers['transfer-encoding'] ?? '') ? dechunk(raw) : raw };
}

/**
 * Sends `request` as it is on a fresh TCP connection (what fetch and http.request refuse to send:
 * a NUL or a megabyte in a header) and reads the answer until the server closes the connection.
 * A server that answers before it has read everything may reset the connection under the rest of
 * the request: what arrived until then is the answer.
 */
export function rawExchange(base: string, request: Buffer | string, timeoutMs = 10000): Promise<RawResponse> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect({ host: hostname, port: Number(port) });
    const done = (error?: Error) => {
      clearTimeout(timer);
      socket.destroy();
      if (chunks.length) resolve(parseResponse(Buffer.concat(chunks)));
      else reject(error ?? new Error('connection closed without an answer'));
    };
    const timer = setTimeout(() => done(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('end', () => done());
    socket.on('close', () => done());
    socket.on('error', (e) => done(e));
    socket.write(request);
  });
}

/** A request's bytes with `Connection: close`, a body measured in bytes. */
export function rawRequest(method: string, path: string, headers: Record<string, string>, body?: string): Buffer {
  const payload = body === undefined ? undefined : Buffer.from(body, 'utf8');
  const lines = [`${method} ${path} HTTP/1.1`, 'Host: localhost', 'Connection: close'];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  if (payload) lines.push(`Content-Length: ${payload.length}`);
  // One byte per character: a caller writes other bytes as their latin1 characters (a lone surrogate's WTF-8 form: '\xed\xa0\x80').
  const head = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
  return payload ? Buffer.concat([head, payload]) : head;
}
