import type { FieldError, Problem } from '@app/contracts';

/**
 * The one error hierarchy. A domain error carries a stable `code` and an HTTP status; the
 * filters turn it into RFC 9457 problem+json at the edge, whatever service raised it.
 */
export class DomainError extends Error {
  /** `detail` in Vietnamese, for callers sending `Accept-Language: vi`. */
  detailVi?: string;

  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    detail: string,
    readonly errors?: FieldError[],
  ) {
    super(detail);
    this.name = new.target.name;
  }

  /** Adds the Vietnamese text of `detail`. */
  vi(detailVi: string): this {
    this.detailVi = detailVi;
    return this;
  }

  get detail(): string {
    return this.message;
  }

  toProblem(): Problem {
    return {
      type: `/problems/${this.code}`,
      title: this.title,
      status: this.status,
      detail: this.message,
      code: this.code,
      ...(this.errors && this.errors.length > 0 ? { errors: this.errors } : {}),
      ...(this.detailVi ? { detailVi: this.detailVi } : {}),
    };
  }

  static fromProblem(p: Problem): DomainError {
    const e = new DomainError(p.status, p.code, p.title, p.detail, p.errors);
    if (p.detailVi) e.detailVi = p.detailVi;
    return e;
  }
}

export class ValidationFailedError extends DomainError {
  constructor(errors: FieldError[], detail = 'The request has invalid fields.') {
    super(422, 'validation_failed', 'Validation failed', detail, errors);
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, id: string, whatVi?: string) {
    super(404, 'not_found', 'Not found', `${what} ${id} does not exist.`);
    if (whatVi) this.detailVi = `Không tìm thấy ${whatVi} ${id}.`;
  }
}

export class ConflictError extends DomainError {
  constructor(code: string, detail: string) {
    super(409, code, 'Conflict', detail);
  }
}

export class IllegalTransitionError extends DomainError {
  constructor(entity: string, from: string, to: string) {
    super(409, 'illegal_transition', 'Illegal state transition', `${entity} cannot go from ${from} to ${to}.`);
  }
}

/** The same Idempotency-Key (or operation key, ADR 0007) sent again with another request body. */
export class IdempotencyKeyReusedError extends DomainError {
  constructor() {
    super(422, 'idempotency_key_reused', 'Idempotency-Key reused', 'This Idempotency-Key was used for a different request.');
    this.detailVi = 'Idempotency-Key này đã được dùng cho một yêu cầu khác.';
  }
}

export class UnauthorizedError extends DomainError {
  constructor(detail = 'A valid API key is required (Authorization: Bearer <key>).') {
    super(401, 'unauthorized', 'Unauthorized', detail);
  }
}

export class ForbiddenError extends DomainError {
  constructor(detail = 'This API key’s role may not call this endpoint.') {
    super(403, 'forbidden', 'Forbidden', detail);
  }
}

export class UpstreamUnavailableError extends DomainError {
  constructor(detail: string, status = 503) {
    super(status, status === 504 ? 'upstream_timeout' : 'upstream_unavailable', 'Service unavailable', detail);
  }
}

/**
 * The gateway already waits on as many requests to a service as it admits (ADR 0009): this one is
 * refused at once, before any work, with `Retry-After` — shedding what cannot be served in time
 * keeps the requests admitted fast instead of letting every request time out.
 */
export class ServiceBusyError extends DomainError {
  constructor(
    service: string,
    readonly retryAfterSeconds = 1,
  ) {
    super(503, 'service_busy', 'Service busy', `The ${service} service is at capacity; retry after ${retryAfterSeconds} s.`);
    this.detailVi = `Dịch vụ ${service} đang quá tải; vui lòng thử lại sau ${retryAfterSeconds} giây.`;
  }
}
