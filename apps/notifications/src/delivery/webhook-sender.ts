import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { performance } from 'node:perf_hooks';
import { guardedLookup, isBlockedAddress } from './target-guard';

/** What a receiver said (or why it said nothing). */
export interface SendOutcome {
  httpStatus: number | null;
  durationMs: number;
  /** The first 1 KB of the answer, as text. */
  snippet: string | null;
  retryAfter: string | undefined;
  error: string | null;
}

export interface SendRequest {
  endpointId: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

const SNIPPET_BYTES = 1024;
/** Bytes of an answer read to keep the connection reusable; a longer answer closes it. */
const DRAIN_BYTES = 64 * 1024;

/**
 * The HTTP client of deliveries: node:http/https with one keep-alive agent per endpoint (its own
 * sockets, so one endpoint's slow connections never queue another's), a guarded DNS lookup on
 * every new connection, and a hard deadline per request.
 */
export class WebhookSender {
  private readonly agents = new Map<string, { origin: string; agent: http.Agent }>();

  constructor(private readonly o: { timeoutMs: number; allowPrivate: boolean; maxSocketsPerEndpoint: number }) {}

  send(r: SendRequest): Promise<SendOutcome> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    let url: URL;
    try {
      url = new URL(r.url);
    } catch {
      return Promise.resolve({ httpStatus: null, durationMs: 0, snippet: null, retryAfter: undefined, error: 'invalid URL' });
    }
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (!this.o.allowPrivate && isIP(host) && isBlockedAddress(host)) {
      return Promise.resolve({ httpStatus: null, durationMs: 0, snippet: null, retryAfter: undefined, error: 'target address refused' });
    }
    const client = url.protocol === 'https:' ? https : http;
    return new Promise<SendOutcome>((resolve) => {
      let settled = false;
      const finish = (o: Omit<SendOutcome, 'durationMs'>) => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        resolve({ ...o, durationMs: elapsed() });
      };
      const req = client.request(
        url,
        {
          method: 'POST',
          agent: this.agentFor(r.endpointId, url),
          headers: { ...r.headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(r.body) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          let kept = 0;
          let read = 0;
          res.on('data', (chunk: Buffer) => {
            read += chunk.length;
            if (kept < SNIPPET_BYTES) {
              const part = chunk.subarray(0, SNIPPET_BYTES - kept);
              chunks.push(part);
              kept += part.length;
            }
            if (read > DRAIN_BYTES) res.destroy();
          });
          const done = () =>
            finish({
              httpStatus: res.statusCode ?? null,
              snippet: kept > 0 ? Buffer.concat(chunks).toString('utf8') : null,
              retryAfter: typeof res.headers['retry-after'] === 'string' ? res.headers['retry-after'] : undefined,
              error: null,
            });
          res.on('end', done);
          res.on('close', done);
          res.on('error', done);
        },
      );
      const deadline = setTimeout(() => {
        req.destroy(new Error(`no answer within ${this.o.timeoutMs} ms`));
      }, this.o.timeoutMs);
      req.on('error', (e: Error & { code?: string }) =>
        finish({ httpStatus: null, snippet: null, retryAfter: undefined, error: (e.code ? `${e.code}: ` : '') + e.message }),
      );
      req.end(r.body);
    });
  }

  /** Forgets an endpoint's agent (its URL changed, or it was deleted). */
  forget(endpointId: string): void {
    this.agents.get(endpointId)?.agent.destroy();
    this.agents.delete(endpointId);
  }

  close(): void {
    for (const { agent } of this.agents.values()) agent.destroy();
    this.agents.clear();
  }

  private agentFor(endpointId: string, url: URL): http.Agent {
    const known = this.agents.get(endpointId);
    if (known && known.origin === url.origin) return known.agent;
    known?.agent.destroy();
    const options = {
      keepAlive: true,
      maxSockets: this.o.maxSocketsPerEndpoint,
      maxFreeSockets: this.o.maxSocketsPerEndpoint,
      lookup: guardedLookup(this.o.allowPrivate),
    };
    const agent = url.protocol === 'https:' ? new https.Agent(options) : new http.Agent(options);
    this.agents.set(endpointId, { origin: url.origin, agent });
    return agent;
  }
}
