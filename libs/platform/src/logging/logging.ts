import type { DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { requestIdFor } from './request-id';

/** pino JSON logs; HTTP requests carry their request id (`reqId`), secrets are redacted. */
export function loggingModule(service: string, level: string): DynamicModule {
  return LoggerModule.forRoot({
    pinoHttp: {
      name: service,
      level,
      genReqId: requestIdFor,
      // Credentials callers send: API keys, cookies, the carriers' webhook tokens (Vietnam Post's `Token` header);
      // webhook signing secrets (`secret`, shown once; `secretEnc` at rest) never reach a log line either.
      redact: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers.token',
        'req.headers["x-api-key"]',
        'secret',
        '*.secret',
        '*.*.secret',
        'secretEnc',
        '*.secretEnc',
        '*.*.secretEnc',
      ],
      autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health') || req.url === '/metrics' },
    },
  });
}
