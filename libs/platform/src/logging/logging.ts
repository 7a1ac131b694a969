import type { DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { Options } from 'pino-http';
import { stdSerializers } from 'pino';
import { REDACTED_FIELDS, redactError, redactFields } from './redaction';
import { requestIdFor } from './request-id';

/** The request headers of the redaction list (pino-http logs a request's headers with its line). */
const REDACTED_HEADERS = [...REDACTED_FIELDS.filter((f) => f === f.toLowerCase()), 'token'].map((h) => `req.headers["${h}"]`);

/** pino's options for a service: JSON lines, the request id (`reqId`), the one redaction list. */
export function pinoOptions(service: string, level: string): Options {
  return {
    name: service,
    level,
    genReqId: requestIdFor,
    formatters: { log: (object) => redactFields(object) },
    // pino-http hands this serializer the error already serialized (type, message, stack, own fields).
    serializers: { err: (e: unknown) => redactError(e instanceof Error ? stdSerializers.err(e) : e) },
    redact: REDACTED_HEADERS,
    autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health') || req.url === '/metrics' },
  };
}

/**
 * pino JSON logs; HTTP requests carry their request id. Every line goes through the one
 * redaction list (redaction.ts): credentials and personal data by field name at any depth, in
 * errors too (a failed write's SQL parameters), and in the request headers pino-http logs.
 */
export function loggingModule(service: string, level: string): DynamicModule {
  return LoggerModule.forRoot({ pinoHttp: pinoOptions(service, level) });
}
