import { IsIn, IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { ServiceEnv } from '@app/platform';

export class OrdersEnv extends ServiceEnv {
  @IsInt()
  @Min(0)
  @Max(65535)
  override HEALTH_PORT: number = 3102;

  /** Carrier that gets parcels when the storefront names none. */
  @Matches(/^[A-Z][A-Z0-9_]{1,19}$/)
  DEFAULT_CARRIER_CODE: string = 'VNPOST';

  /** Carriers the platform has contracts with (storefronts may choose among them). */
  @Matches(/^[A-Z][A-Z0-9_]{1,19}(,[A-Z][A-Z0-9_]{1,19})*$/)
  CARRIER_CODES: string = 'VNPOST,VTP';

  /**
   * Webhook secrets per carrier, `CODE:secret,CODE:secret` (Viettel Post sends it as TOKEN, Vietnam
   * Post in the Token header). A carrier without one cannot use its native webhook.
   */
  @IsString()
  CARRIER_WEBHOOK_SECRETS: string = '';

  /** An order still pending after this is rejected and its reservations released. */
  @IsInt()
  @Min(1000)
  ORDER_PENDING_TIMEOUT_MS: number = 120000;

  /** A sub-order of a `manual` seller not accepted or declined within this is `expired` (stock released). */
  @IsInt()
  @Min(1000)
  SELLER_ACCEPT_TIMEOUT_MS: number = 24 * 3600 * 1000;

  /** A delivered order becomes completed after this many hours (the return window). */
  @IsInt()
  @Min(0)
  ORDER_COMPLETE_AFTER_HOURS: number = 72;

  /** How often the timeout and completion sweeps run. */
  @IsInt()
  @Min(100)
  ORDER_SWEEP_INTERVAL_MS: number = 5000;

  /** Shipping tariff (JSON, see shipping/tariff.ts); empty: the built-in table. */
  @IsString()
  SHIPPING_TARIFF_JSON: string = '';

  @IsIn(['standard', 'express'])
  DEFAULT_SHIPPING_SERVICE: 'standard' | 'express' = 'standard';
}
