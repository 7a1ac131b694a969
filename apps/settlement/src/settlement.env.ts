import { IsInt, Matches, Max, Min } from 'class-validator';
import { ServiceEnv } from '@app/platform';

export class SettlementEnv extends ServiceEnv {
  @IsInt()
  @Min(0)
  @Max(65535)
  override HEALTH_PORT: number = 3104;

  /** Commission on items, in basis points (500 = 5%), for categories without their own rate. */
  @IsInt()
  @Min(0)
  @Max(10000)
  SETTLEMENT_COMMISSION_BPS: number = 500;

  /** Per-category commission, `categoryId=bps` comma-separated (e.g. `ca-phe=300,gao-dac-san=200`). */
  @Matches(/^$|^[a-z0-9-]+=\d{1,5}(,[a-z0-9-]+=\d{1,5})*$/, { message: 'must be categoryId=bps pairs, comma-separated' })
  SETTLEMENT_COMMISSION_BPS_BY_CATEGORY: string = '';

  /** Days after delivery before an unremitted COD shipment is reported `missing`. */
  @IsInt()
  @Min(0)
  @Max(365)
  SETTLEMENT_MISSING_AFTER_DAYS: number = 3;

  /** Default smallest available balance a payout pays (smaller ones wait for the next run). */
  @IsInt()
  @Min(0)
  SETTLEMENT_PAYOUT_MINIMUM_VND: number = 10000;

  /** Remittance lines per reconciliation step (one transaction and one ledger posting each). */
  @IsInt()
  @Min(100)
  @Max(100000)
  SETTLEMENT_RECONCILE_CHUNK_LINES: number = 10000;

  /** Remittances of different carriers reconciled at once by one process. */
  @IsInt()
  @Min(1)
  @Max(16)
  SETTLEMENT_RECONCILE_CONCURRENCY: number = 2;

  /** How often the reconciler looks for remittances to (re)start, e.g. after a crash. */
  @IsInt()
  @Min(50)
  SETTLEMENT_RECONCILE_POLL_MS: number = 2000;
}
