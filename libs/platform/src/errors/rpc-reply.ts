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
import { map, Observable } from 'rxjs';
import type { RpcReply } from '@app/contracts';
import { ProblemFilter } from './problem.filter';

/**
 * A successful reply (`{ ok: true, data }`) already in its wire form, UTF-8 JSON, for an answer
 * served many times over (a cached storefront search page, ~20 KB): the Kafka request server sends
 * these bytes as they are instead of serializing the same value again for every request, and the
 * caller parses it like any reply. Anywhere else (the in-process transport's JSON round trip) it
 * stands for the reply it holds (`toJSON`).
 */
export class SerializedReply<T = unknown> {
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
