import type { IncomingMessage, ServerResponse } from 'node:http';
import { histogram } from './metrics';

interface RoutedRequest extends IncomingMessage {
  /** Express: the matched route (its template, e.g. `/v1/orders/:id`), set once a route matched. */
  route?: { path?: unknown };
  baseUrl?: string;
}

/** Where a request no route of the API matched (a 404 for an unknown path, or refused before routing) is counted. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * Express middleware recording every request in `http_request_duration_seconds{method, route,
 * status_code}` when its answer is finished: the route is the matched template (`/v1/orders/:id`),
 * never the raw path, so ids do not explode the series. Rate = the histogram's `_count`, errors =
 * its `status_code=~"5.."` share, latency = its buckets.
 */
export function httpMetrics(): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  const duration = histogram(
    'http_request_duration_seconds',
    'HTTP requests by route template, method and status: duration from arrival to the last byte of the answer',
    ['method', 'route', 'status_code'],
    [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  );
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const r = req as RoutedRequest;
      const path = typeof r.route?.path === 'string' ? `${r.baseUrl ?? ''}${r.route.path}` : undefined;
      // No route, or only the framework's catch-all (`{/*splat}`, Nest's not-found handler).
      const template = path === undefined || path.includes('*') ? UNMATCHED_ROUTE : path;
      duration.observe(
        { method: req.method ?? 'GET', route: template, status_code: String(res.statusCode) },
        Number(process.hrtime.bigint() - started) / 1e9,
      );
    });
    next();
  };
}
