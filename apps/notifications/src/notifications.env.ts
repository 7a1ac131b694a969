import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, Matches, Max, Min, ValidateIf } from 'class-validator';
import { ServiceEnv, toBoolean } from '@app/platform';

export class NotificationsEnv extends ServiceEnv {
  @IsInt()
  @Min(0)
  @Max(65535)
  override HEALTH_PORT: number = 3105;

  /**
   * Base64 of 32 bytes: the AES-256-GCM key that encrypts endpoint secrets at rest. Required in
   * production; elsewhere a fixed development key (documented, not secret) is used when unset.
   */
  @ValidateIf((e: NotificationsEnv) => e.NODE_ENV === 'production' || e.WEBHOOK_SECRET_KEY !== '')
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'must be the base64 of 32 random bytes (required when NODE_ENV=production)' })
  WEBHOOK_SECRET_KEY: string = '';

  /** Allow endpoints on loopback, private and link-local addresses (development, tests, the quick start). */
  @Transform(toBoolean)
  @IsBoolean()
  WEBHOOK_ALLOW_PRIVATE_TARGETS: boolean = false;

  /** Delays before each retry, comma-separated milliseconds (API.md's schedule by default). */
  @Matches(/^\d+(,\d+)*$/, { message: 'must be comma-separated milliseconds' })
  WEBHOOK_RETRY_SCHEDULE_MS: string = '5000,300000,1800000,7200000,18000000,36000000,50400000,72000000,86400000';

  /** An endpoint whose every attempt failed for this long is disabled (3 days). */
  @IsInt()
  @Min(1000)
  WEBHOOK_DISABLE_AFTER_MS: number = 3 * 24 * 3600 * 1000;

  /** How long a receiver has to answer. */
  @IsInt()
  @Min(100)
  @Max(60000)
  WEBHOOK_TIMEOUT_MS: number = 15000;

  /** Requests in flight to one endpoint from one process (a slow endpoint holds only these). */
  @IsInt()
  @Min(1)
  @Max(64)
  WEBHOOK_ENDPOINT_CONCURRENCY: number = 4;

  /** Requests in flight from one process, all endpoints together. */
  @IsInt()
  @Min(1)
  @Max(4096)
  WEBHOOK_MAX_IN_FLIGHT: number = 256;

  /** How often the worker looks for due deliveries when nothing woke it. */
  @IsInt()
  @Min(10)
  WEBHOOK_POLL_MS: number = 250;

  /** Days public events (the feed) and their delivery log are kept. */
  @IsInt()
  @Min(1)
  @Max(365)
  EVENT_RETENTION_DAYS: number = 30;
}
