import { IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { ServiceEnv } from '@app/platform';

export class GatewayEnv extends ServiceEnv {
  /** The REST API's port, in every run mode. */
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number = 3000;

  /**
   * Internal port of GET /metrics (Prometheus); the public PORT does not serve it. 0: no metrics
   * listener.
   */
  @IsInt()
  @Min(0)
  @Max(65535)
  METRICS_PORT: number = 3100;

  /** Bootstrap admin key (Authorization: Bearer …); unset: no bootstrap admin. */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'must be at least 16 characters' })
  ADMIN_API_KEY?: string;

  /**
   * Carriers the platform works with (the orders service reads the same variable): a carrier key
   * is issued only for one of them, so a typo cannot create a carrier nobody ships with.
   */
  @Matches(/^[A-Z][A-Z0-9_]{1,19}(,[A-Z][A-Z0-9_]{1,19})*$/, { message: 'must be comma-separated carrier codes such as VNPOST,VTP' })
  CARRIER_CODES: string = 'VNPOST,VTP';

  /** How long the gateway waits for a service's reply before answering 504. */
  @IsInt()
  @Min(100)
  RPC_TIMEOUT_MS: number = 10000;

  /**
   * A read, or a write under its operation key, still unanswered after this long is sent again to
   * another instance of the service if its own instance has stopped answering (ADR 0056); 0: never.
   */
  @IsInt()
  @Min(0)
  RPC_HEDGE_MS: number = 1000;

  /**
   * How long an Idempotency-Key's claim outlives a gateway that died holding it (renewed every third
   * of it while the request runs): a retry at another gateway takes over after at most this long.
   */
  @IsInt()
  @Min(300)
  IDEMPOTENCY_LEASE_MS: number = 3000;

  /** On SIGTERM: how long the gateway keeps answering (not ready, `Connection: close`) before it stops listening. */
  @IsInt()
  @Min(0)
  SHUTDOWN_DRAIN_MS: number = 1000;

  /**
   * Requests this gateway instance keeps waiting on per service (ADR 0009); one more is refused at
   * once with 503 `service_busy` and `Retry-After: 1`. About the service's throughput times the
   * latency worth waiting for.
   */
  @IsInt()
  @Min(1)
  RPC_MAX_IN_FLIGHT: number = 256;

  /** Default requests per minute per API key (a key may carry its own). */
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_MINUTE: number = 1200;

  /** Where buyers reach the public trace pages (the QR codes point at `<PUBLIC_BASE_URL>/t/<code>`). */
  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: 'must be an http(s) URL' })
  PUBLIC_BASE_URL: string = 'http://localhost:3000';

  /** Largest JSON body accepted, in bytes (larger: 413). */
  @IsInt()
  @Min(1024)
  BODY_LIMIT_BYTES: number = 1048576;

  /**
   * How long an idle keep-alive connection stays open, in ms: longer than the idle timeout of
   * whatever keeps connections to the gateway (load balancer, storefront's pool), so the client
   * side closes first. Node's 5 s default closed sockets that a client was just reusing, and that
   * request failed with ECONNRESET.
   */
  @IsInt()
  @Min(1000)
  @Max(600000)
  HTTP_KEEP_ALIVE_MS: number = 65000;

  /**
   * Product-by-id answers for storefronts and carriers this gateway process keeps, dropped by the
   * catalog's product events (ADR 0055); 0: none, every read asks the catalog.
   */
  @IsInt()
  @Min(0)
  @Max(1000000)
  PRODUCT_CACHE_SIZE: number = 20000;

  /**
   * How long this gateway process answers a storefront search page it got from the catalog without
   * asking again (kept while PRODUCT_CACHE_SIZE > 0 and its consumer is live; dropped by any
   * partner's or operator's product change); 0: every search asks the catalog (ADR 0055).
   */
  @IsInt()
  @Min(0)
  @Max(60000)
  SEARCH_PAGE_CACHE_TTL_MS: number = 2000;
}
