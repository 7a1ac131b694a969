import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { of, type Observable } from 'rxjs';
import type { RpcReply } from '@app/contracts';
import { localizeProblem, preferredLanguage } from './i18n';
import { ServiceBusyError } from './domain-error';
import { INTERNAL_PROBLEM, isDatabaseUnavailable, toProblem } from './to-problem';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/**
 * The one error filter. Over HTTP every error leaves as RFC 9457 problem+json with a stable code;
 * in a request-reply handler it becomes the reply `{ ok: false, problem }`, so the gateway gets
 * the same problem whatever the transport. Errors that are not the caller's fault are logged and
 * answered with a bare 500 that leaks nothing.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(error: unknown, host: ArgumentsHost): Observable<RpcReply<never>> | void {
    const problem = toProblem(error);
    // An outage, not the caller's fault and not a bug: one line, without the error's details.
    if (isDatabaseUnavailable(error)) this.logger.warn(`database unavailable: ${(error as { code?: string }).code ?? 'connection lost'}`);
    if (host.getType() === 'rpc') {
      if (!problem) this.logger.error({ err: error }, 'unhandled error in request handler');
      return of({ ok: false as const, problem: problem ?? INTERNAL_PROBLEM });
    }
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    const req = http.getRequest<Request>();
    if (!problem) this.logger.error({ err: error, path: req.originalUrl }, 'unhandled error');
    if (res.headersSent) return;
    const language = preferredLanguage(req.headers['accept-language']);
    const body = { ...localizeProblem(problem ?? INTERNAL_PROBLEM, language), instance: req.originalUrl };
    if (error instanceof ServiceBusyError) res.setHeader('Retry-After', String(error.retryAfterSeconds));
    else if (body.status === 503) res.setHeader('Retry-After', '1');
    res.status(body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
  }
}
