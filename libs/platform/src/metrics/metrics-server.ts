import { createServer, type Server } from 'node:http';
import { register } from 'prom-client';

/**
 * A plain HTTP listener that serves only `GET /metrics` (the process's Prometheus registry), for a
 * process whose main port is public (the gateway): scrapes go to this internal port, which the
 * edge never routes to, so /metrics is not on the internet.
 */
export async function startMetricsServer(port: number, host = '0.0.0.0'): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' || path !== '/metrics') {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found: this port serves GET /metrics only\n');
      return;
    }
    register.metrics().then(
      (body) => res.writeHead(200, { 'Content-Type': register.contentType }).end(body),
      (e: unknown) =>
        res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`${e instanceof Error ? e.message : String(e)}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}
