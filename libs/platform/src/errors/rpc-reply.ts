import {
  applyDecorators,
  CallHandler,
  Controller,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  UseFilters,
  UseInterceptors,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { map, Observable } from 'rxjs';
import type { RpcReply } from '@app/contracts';
import { ProblemFilter } from './problem.filter';

/**
 * A successful reply (`{ ok: true, data }`) already in its wire form, UTF-8 JSON, for an answer
 * served many times over (a cached storefront search page, ~20 KB): the Kafka request server sends
 * these bytes as they are instead of serializing the same value again for every request, with its
 * `version`; the gateway's Kafka client hands it over unparsed as a VersionedReply (ADR 0031).
 * Anywhere else (the in-process transport's JSON round trip) it stands for the reply it holds
 * (`toJSON`).
 */
export class SerializedReply<T = unknown> {
  /**
   * Names these bytes: the request server sends it with them (`x-rpc-reply-version`), so a caller
   * that has already turned the same reply into its own answer can reuse that (VersionedReply).
   */
  readonly version: string = randomUUID();

  private constructor(readonly bytes: Buffer) {}

  static of<T>(data: T): SerializedReply<T> {
    const reply: RpcReply<T> = { ok: true, data };
    return new SerializedReply<T>(Buffer.from(JSON.stringify(reply), 'utf8'));
  }

  /** A fresh copy of the value inside (parsed from the bytes: callers may change it). */
  data(): T {
    return (JSON.parse(this.bytes.toString('utf8')) as { data: T }).data;
  }

  toJSON(): RpcReply<T> {
    return { ok: true, data: this.data() };
  }
}

/**
 * A SerializedReply as the caller receives it over Kafka: its version and its bytes, not yet
 * parsed. The same version is always the same bytes, so what a caller makes of them once (the
 * gateway's HTTP body of a cached search page) serves every later reply with that version.
 */
export class VersionedReply<T = unknown> {
  constructor(
    readonly version: string,
    readonly bytes: Buffer,
  ) {}

  reply(): RpcReply<T> {
    return JSON.parse(this.bytes.toString('utf8')) as RpcReply<T>;
  }
}

/** Wraps a request handler's return value as `{ ok: true, data }` (a SerializedReply already is one). */
@Injectable()
export class RpcReplyInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<RpcReply<unknown> | SerializedReply> {
    return next.handle().pipe(map((data: unknown) => (data instanceof SerializedReply ? data : { ok: true as const, data: data ?? null })));
  }
}

/** A controller answering gateway requests (request-reply over Kafka or in-process). */
export function RpcController(): ClassDecorator {
  return applyDecorators(Controller(), UseInterceptors(RpcReplyInterceptor), UseFilters(ProblemFilter));
}
