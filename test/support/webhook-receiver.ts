import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a receiver got. */
export interface Received {
  path: string;
  id: string;
  timestamp: string;
  signature: string;
  raw: string;
  body: { id: string; type: string; timestamp: string; data: Record<string, unknown> & { sequence: number } };
  at: number;
}

/** What to answer: a status, headers, body and how long to wait first (`hang`: never answer). */
export interface Answer {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  delayMs?: number;
  hang?: boolean;
}

/**
 * A partner's webhook receiver: a real HTTP server on 127.0.0.1 that records every request and
 * answers as `respond` says (default 200).
 */
export class WebhookReceiver {
  readonly received: Received[] = [];
  respond: (r: Received, n: number) => Answer = () => ({ status: 200 });
  private server?: http.Server;
  private readonly hanging = new Set<http.ServerResponse>();

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const r: Received = {
          path: req.url ?? '',
          id: String(req.headers['webhook-id']),
          timestamp: String(req.headers['webhook-timestamp']),
          signature: String(req.headers['webhook-signature']),
          raw,
          body: JSON.parse(raw) as Received['body'],
          at: Date.now(),
        };
        this.received.push(r);
        const a = this.respond(r, this.received.length);
        if (a.hang) {
          this.hanging.add(res);
          return;
        }
        setTimeout(() => {
          res.writeHead(a.status ?? 200, a.headers);
          res.end(a.body ?? '');
        }, a.delayMs ?? 0);
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/hooks`;
  }

  of(type: string): Received[] {
    return this.received.filter((r) => r.body.type === type);
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server?.closeAllConnections();
    await new Promise((r) => this.server?.close(r));
  }
}

/**
 * The Standard Webhooks verification, written from the specification: the signed content is
 * `{webhook-id}.{webhook-timestamp}.{body}`, the key is the base64-decoded part of the secret after
 * `whsec_`, the signature HMAC-SHA256 in base64, prefixed `v1,`; the header may list several.
 */
export function verifyStandardWebhook(secret: string, r: Pick<Received, 'id' | 'timestamp' | 'signature' | 'raw'>): boolean {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const expected = createHmac('sha256', key).update(`${r.id}.${r.timestamp}.${r.raw}`).digest();
  return r.signature.split(' ').some((s) => {
    const [version, sig] = s.split(',');
    const given = Buffer.from(sig ?? '', 'base64');
    return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
  });
}
