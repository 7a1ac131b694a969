import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsString, Matches, Max, Min } from 'class-validator';

/**
 * A boolean variable for `@Transform`: reads the raw string, since implicit conversion would make
 * the string "false" true.
 */
export const toBoolean = ({ obj, key }: { obj: Record<string, unknown>; key: string }): unknown => {
  const raw = obj[key];
  if (typeof raw !== 'string') return raw;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  return raw;
};

/**
 * Variables every process reads. Each has a default that works on a developer's machine; the
 * README lists them all. Apps extend this class with their own.
 */
export class ServiceEnv {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  /** `kafka`: each app its own process on a broker; `in-process`: the one-process quick start. */
  @IsIn(['kafka', 'in-process'])
  TRANSPORT: 'kafka' | 'in-process' = 'kafka';

  /** Comma-separated `host:port` list. */
  @Matches(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, { message: 'must be a comma-separated list of host:port' })
  KAFKA_BROKERS: string = '127.0.0.1:9092';

  /** Create the topics this process uses at start (off where a deploy job owns topics). */
  @Transform(toBoolean)
  @IsBoolean()
  KAFKA_CREATE_TOPICS: boolean = true;

  /**
   * Prefix of the event consumer group (`<prefix><service>.events`): empty in every deployment.
   * A test that runs extra instances of a service beside a shared cluster gives them their own
   * group with it, so they never take partitions from the cluster's instances.
   */
  @Matches(/^([a-z0-9][a-z0-9._-]{0,60})?$/, { message: 'must be empty or lower-case letters, digits, ".", "_" and "-"' })
  KAFKA_GROUP_PREFIX: string = '';

  /**
   * Serve the service's requests (`<service>.rpc`). Off only for an instance that must not answer
   * a shared cluster's gateway (a test's extra instances with their own database); it still
   * consumes events, relays its outbox and runs its workers.
   */
  @Transform(toBoolean)
  @IsBoolean()
  RPC_SERVER: boolean = true;

  /** Partitions of event topics created by this process (scale-out ceiling per consumer group). */
  @IsInt()
  @Min(1)
  @Max(256)
  KAFKA_EVENT_PARTITIONS: number = 6;

  /**
   * Partitions of each service's request topic and of the reply topic: the most instances of a
   * service that share its requests, and of the gateway (each needs its own reply partition).
   */
  @IsInt()
  @Min(1)
  @Max(64)
  KAFKA_RPC_PARTITIONS: number = 6;

  /**
   * Partitions whose event batches a service process applies at once. A batch is one transaction;
   * two at once that lock the same rows in another order deadlock (PostgreSQL breaks it after
   * deadlock_timeout and the batch is redone event by event), which hot products made frequent.
   */
  @IsInt()
  @Min(1)
  @Max(64)
  EVENT_CONCURRENCY: number = 1;

  /** Requests a service process handles at once (its handlers share DB_POOL_SIZE connections). */
  @IsInt()
  @Min(1)
  @Max(1024)
  RPC_CONCURRENCY: number = 32;

  /** Server URL; each service uses its own database `<DB_NAME_PREFIX>_<service>` on it. */
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// URL' })
  DATABASE_URL: string = 'postgres://postgres@127.0.0.1:5432/postgres';

  @Matches(/^[a-z][a-z0-9_]{0,40}$/, { message: 'must be lower-case letters, digits and _' })
  DB_NAME_PREFIX: string = 'nongsan';

  @IsInt()
  @Min(1)
  @Max(200)
  DB_POOL_SIZE: number = 10;

  /** How often the outbox relay looks for unsent events when no notification woke it. */
  @IsInt()
  @Min(10)
  OUTBOX_POLL_MS: number = 500;

  /** Attempts at one message before it goes to `<topic>.dlq`. */
  @IsInt()
  @Min(1)
  @Max(50)
  CONSUMER_MAX_ATTEMPTS: number = 5;

  @IsInt()
  @Min(1)
  CONSUMER_RETRY_BASE_MS: number = 100;

  /** HTTP port for /health and /metrics of a service process (the gateway uses PORT). */
  @IsInt()
  @Min(0)
  @Max(65535)
  HEALTH_PORT: number = 0;

  @IsString()
  SERVICE_INSTANCE: string = `${process.pid}`;
}
