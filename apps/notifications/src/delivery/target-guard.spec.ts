import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DomainError } from '@app/platform';
import { assertWebhookUrl } from '../endpoints/endpoint-url';
import { isBlockedAddress } from './target-guard';
import { WebhookSender } from './webhook-sender';

describe('webhook target guard (SSRF)', () => {
  it('blocks loopback, private, shared, link-local, metadata and unspecified addresses, v4 and v6', () => {
    for (const a of [
      '127.0.0.1',
      '127.1.2.3',
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '100.64.0.1',
      '169.254.169.254',
      '0.0.0.0',
      '::1',
      '::',
      'fd00::1',
      'fc00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
      '::ffff:169.254.169.254',
    ]) {
      expect({ a, blocked: isBlockedAddress(a) }).toEqual({ a, blocked: true });
    }
    for (const a of ['8.8.8.8', '203.113.131.1', '172.32.0.1', '2001:4860:4860::8888']) {
      expect({ a, blocked: isBlockedAddress(a) }).toEqual({ a, blocked: false });
    }
  });

  it('refuses private targets at registration with 422 naming url, unless allowed; https in production', async () => {
    const refused = async (url: string, o = { production: false, allowPrivate: false }) => {
      const e = await assertWebhookUrl(url, o).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).status).toBe(422);
      expect((e as DomainError).errors?.[0].field).toBe('url');
    };
    await refused('http://127.0.0.1:8080/hook');
    await refused('http://[::1]/hook');
    await refused('http://169.254.169.254/latest/meta-data');
    await refused('http://10.0.0.5/hook');
    await refused('http://localhost/hook');
    await refused('http://user:pw@8.8.8.8/hook');
    await refused('ftp://8.8.8.8/hook');
    await refused('http://8.8.8.8/hook', { production: true, allowPrivate: false });
    await expect(assertWebhookUrl('http://127.0.0.1:8080/hook', { production: false, allowPrivate: true })).resolves.toBe(
      'http://127.0.0.1:8080/hook',
    );
    await expect(assertWebhookUrl('https://8.8.8.8/hook', { production: true, allowPrivate: false })).resolves.toBe('https://8.8.8.8/hook');
  });

  describe('on every connection', () => {
    let server: http.Server;
    let hits = 0;
    let port = 0;
    beforeAll(async () => {
      server = http.createServer((_, res) => {
        hits += 1;
        res.end('ok');
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(() => new Promise((r) => server.close(r)));

    const send = (sender: WebhookSender, url: string) => sender.send({ endpointId: 'e1', url, headers: {}, body: '{}' });

    it('refuses a name that resolves to loopback (DNS rebinding) and a literal private address; nothing reaches the server', async () => {
      const sender = new WebhookSender({ timeoutMs: 2000, allowPrivate: false, maxSocketsPerEndpoint: 2 });
      const byName = await send(sender, `http://localhost:${port}/hook`);
      expect(byName.httpStatus).toBeNull();
      expect(byName.error).toMatch(/EBLOCKEDTARGET|may not reach/);
      const literal = await send(sender, `http://127.0.0.1:${port}/hook`);
      expect(literal).toMatchObject({ httpStatus: null, error: 'target address refused' });
      expect(hits).toBe(0);
      sender.close();
    });

    it('delivers there when private targets are allowed, and bounds the stored answer to 1 KB', async () => {
      const sender = new WebhookSender({ timeoutMs: 2000, allowPrivate: true, maxSocketsPerEndpoint: 2 });
      const o = await send(sender, `http://localhost:${port}/hook`);
      expect(o).toMatchObject({ httpStatus: 200, snippet: 'ok', error: null });
      expect(hits).toBe(1);
      sender.close();
    });
  });
});
