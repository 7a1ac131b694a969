import { IsInt, Max, Min } from 'class-validator';
import { ServiceEnv } from '@app/platform';

export class CatalogEnv extends ServiceEnv {
  @IsInt()
  @Min(0)
  @Max(65535)
  override HEALTH_PORT: number = 3101;

  /**
   * How long a storefront search page is served from memory before one request refreshes it
   * (ADR 0031); a change made through this process clears every page at once.
   */
  @IsInt()
  @Min(100)
  @Max(300_000)
  SEARCH_CACHE_TTL_MS: number = 10_000;
}
