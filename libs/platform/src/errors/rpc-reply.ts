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

/** Wraps a request handler's return value as `{ ok: true, data }`. */
@Injectable()
export class RpcReplyInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<RpcReply<unknown>> {
    return next.handle().pipe(map((data: unknown) => ({ ok: true as const, data: data ?? null })));
  }
}

/** A controller answering gateway requests (request-reply over Kafka or in-process). */
export function RpcController(): ClassDecorator {
  return applyDecorators(Controller(), UseInterceptors(RpcReplyInterceptor), UseFilters(ProblemFilter));
}
