import { createHash } from 'node:crypto';
import {
  applyDecorators,
  Inject,
  Injectable,
  SetMetadata,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { ApiHeader } from '@nestjs/swagger';
import type { Response } from 'express';
import { from, lastValueFrom, type Observable } from 'rxjs';
import type { Problem } from '@app/contracts';
import { ConflictError, DomainError, IdempotencyKeyReusedError, ValidationFailedError, toProblem } from '@app/platform';
import type { GatewayEnv } from '../gateway.env';
import { GATEWAY_ENV } from '../gateway.tokens';
import type { GatewayRequest } from '../http/request-context';
import { IdempotencyRepository } from './idempotency.repository';

/** Records are kept this long (the IETF draft asks for at least 24 h). */
export const IDEMPOTENCY_TTL_HOURS = 48;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/**
 * Idempotency-Key semantics (IETF httpapi-idempotency-key draft), scoped per API key: the same key
 * and body replay the first response; the same key with another body is 422; while the first
 * request still runs, 409. Server failures (5xx) release the key so the client can retry; a claim
 * whose gateway died before answering expires after its lease and the next request takes over (the
 * services' operation keys, ADR 0007, keep that from creating twice what was created). The lease is
 * short (IDEMPOTENCY_LEASE_MS, 3 s) and renewed every third of it while the request runs here, so a
 * retry sent to another gateway after this one died takes over within seconds, not after the
 * request's whole timeout (issue 23, ADR 0056).
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  /** How long a claim outlives its gateway: it is renewed every third of it while the request runs. */
  private readonly leaseMs: number;

  constructor(
    private readonly records: IdempotencyRepository,
    @Inject(GATEWAY_ENV) env: GatewayEnv,
  ) {
    this.leaseMs = env.IDEMPOTENCY_LEASE_MS;
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<GatewayRequest>();
    const res = context.switchToHttp().getResponse<Response>();
    const header = req.headers['idempotency-key'];
    const key = Array.isArray(header) ? header[0] : header;
    if (key === undefined) return next.handle();
    return from(this.run(context, req, res, key, next));
  }

  private async run(context: ExecutionContext, req: GatewayRequest, res: Response, key: string, next: CallHandler): Promise<unknown> {
    if (!KEY_PATTERN.test(key)) {
      throw new ValidationFailedError([
        {
          field: 'Idempotency-Key',
          message: 'Idempotency-Key must be 1–255 printable ASCII characters',
          messageVi: 'Idempotency-Key phải gồm 1–255 ký tự ASCII in được',
        },
      ]);
    }
    const apiKeyId = req.caller?.keyId ?? 'anonymous';
    const hash = createHash('sha256')
      .update(`${req.method} ${req.originalUrl.split('?')[0]}\n${JSON.stringify(canonical(req.body))}`)
      .digest('hex');
    // The service keeps this with what it creates: a retry after a 5xx (the record released) that
    // reaches a service which did create the first time gets that back instead of a second one.
    req.operation = { key: `idem:${createHash('sha256').update(`${apiKeyId}\n${key}`).digest('hex')}`, requestHash: hash };
    if (!(await this.records.claim(apiKeyId, key, hash, this.leaseMs))) {
      return this.replay(apiKeyId, key, hash, res);
    }
    const status =
      (Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler()) as number | undefined) ?? (req.method === 'POST' ? 201 : 200);
    const renewal = setInterval(() => void this.records.renew(apiKeyId, key, this.leaseMs).catch(() => undefined), this.leaseMs / 3);
    renewal.unref();
    try {
      const body: unknown = await lastValueFrom(next.handle(), { defaultValue: undefined });
      await this.records.complete(apiKeyId, key, status, body, IDEMPOTENCY_TTL_HOURS);
      return body;
    } catch (e) {
      const problem = toProblem(e);
      if (problem && problem.status < 500) await this.records.complete(apiKeyId, key, problem.status, problem, IDEMPOTENCY_TTL_HOURS);
      else await this.records.release(apiKeyId, key);
      throw e;
    } finally {
      clearInterval(renewal);
    }
  }

  private async replay(apiKeyId: string, key: string, hash: string, res: Response): Promise<unknown> {
    const stored = await this.records.find(apiKeyId, key);
    if (!stored) throw new ConflictError('idempotency_in_progress', 'A request with this Idempotency-Key just finished; retry.');
    if (stored.requestHash !== hash) {
      throw new IdempotencyKeyReusedError();
    }
    if (stored.state === 'in_progress') {
      throw new ConflictError('idempotency_in_progress', 'A request with this Idempotency-Key is still being processed.').vi(
        'Một yêu cầu với Idempotency-Key này vẫn đang được xử lý.',
      );
    }
    res.setHeader('Idempotent-Replayed', 'true');
    if ((stored.responseStatus ?? 200) >= 400) throw DomainError.fromProblem(stored.responseBody as Problem);
    return stored.responseBody;
  }
}

export const IDEMPOTENT_METADATA = 'nongsan:idempotent';

/** A creating POST that honours Idempotency-Key. */
export function Idempotent(): MethodDecorator {
  return applyDecorators(
    SetMetadata(IDEMPOTENT_METADATA, true),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'Retry-safe key (≤ 255 printable ASCII). Same key and body: the first response again; other body: 422; still running: 409. Kept 48 h.',
    }),
    UseInterceptors(IdempotencyInterceptor),
  );
}
