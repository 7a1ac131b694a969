import { HttpException, HttpStatus } from '@nestjs/common';
import type { Problem } from '@app/contracts';
import { DomainError } from './domain-error';

const CODES_BY_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'validation_failed',
  429: 'rate_limited',
  503: 'upstream_unavailable',
  504: 'upstream_timeout',
};

function titleOf(status: number): string {
  const name = HttpStatus[status] as string | undefined;
  if (!name) return 'Error';
  return name
    .toLowerCase()
    .split('_')
    .map((w, i) => (i === 0 ? w.charAt(0).toUpperCase() + w.slice(1) : w))
    .join(' ');
}

function describeMessage(m: unknown): string {
  return Array.isArray(m) ? m.map(String).join('; ') : String(m);
}

/** An error raised by body parsing (express/body-parser) carries `status` and `type`. */
interface ParserError {
  status?: number;
  statusCode?: number;
  type?: string;
  expose?: boolean;
  message: string;
}

function isParserError(e: unknown): e is ParserError {
  return typeof e === 'object' && e !== null && 'type' in e && typeof (e as ParserError).type === 'string' && 'expose' in e;
}

/**
 * PostgreSQL refusing or dropping the connection (SQLSTATE class 08, 53300 too many connections,
 * 57P01–57P03 shutting down or starting), or the socket to it refused or reset: an outage of the
 * database, not a bug, and not the caller's fault — answered 503 with Retry-After so that clients
 * retry, instead of a 500 that says nothing (issue 21).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { code?: unknown; driverError?: unknown; message?: unknown };
  if (e.driverError && e.driverError !== error && isDatabaseUnavailable(e.driverError)) return true;
  const code = typeof e.code === 'string' ? e.code : '';
  if (/^08[0-9A-Z]{3}$/.test(code) || ['53300', '53000', '57P01', '57P02', '57P03'].includes(code)) return true;
  if (['ECONNREFUSED', 'ECONNRESET'].includes(code)) return true;
  return typeof e.message === 'string' && /^Connection terminated( unexpectedly| due to connection timeout)?$/.test(e.message);
}

export const DATABASE_UNAVAILABLE_PROBLEM: Problem = {
  type: '/problems/database_unavailable',
  title: 'Service Unavailable',
  status: 503,
  detail: 'The service cannot reach its database just now; retry in a moment.',
  detailVi: 'Dịch vụ tạm thời không kết nối được cơ sở dữ liệu; vui lòng thử lại sau giây lát.',
  code: 'database_unavailable',
};

/**
 * Maps anything thrown to a problem document. Returns `undefined` for errors that are not the
 * caller's fault (bugs, outages), which the filters log and answer with a bare 500.
 */
export function toProblem(error: unknown): Problem | undefined {
  if (error instanceof DomainError) return error.toProblem();
  if (isDatabaseUnavailable(error)) return DATABASE_UNAVAILABLE_PROBLEM;
  if (error instanceof HttpException) {
    const status = error.getStatus();
    if (status >= 500 && status !== 503 && status !== 504) return undefined;
    const response = error.getResponse();
    const message =
      typeof response === 'string'
        ? response
        : typeof response === 'object' && response !== null && 'message' in response
          ? describeMessage(response.message)
          : error.message;
    const code = CODES_BY_STATUS[status] ?? `http_${status}`;
    return { type: `/problems/${code}`, title: titleOf(status), status, detail: message, code };
  }
  if (isParserError(error)) {
    const status = error.status ?? error.statusCode ?? 400;
    if (status >= 500) return undefined;
    const code =
      error.type === 'entity.too.large'
        ? 'payload_too_large'
        : error.type === 'entity.parse.failed'
          ? 'malformed_json'
          : (CODES_BY_STATUS[status] ?? 'bad_request');
    const detail = error.type === 'entity.parse.failed' ? 'The request body is not valid JSON.' : error.message;
    return { type: `/problems/${code}`, title: titleOf(status), status, detail, code };
  }
  return undefined;
}

export const INTERNAL_PROBLEM: Problem = {
  type: '/problems/internal_error',
  title: 'Internal server error',
  status: 500,
  detail: 'Something went wrong on our side. The request id identifies it in our logs.',
  code: 'internal_error',
};
