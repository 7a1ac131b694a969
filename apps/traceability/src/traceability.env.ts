import { IsInt, Matches, Max, Min } from 'class-validator';
import { ServiceEnv } from '@app/platform';

export class TraceabilityEnv extends ServiceEnv {
  @IsInt()
  @Min(0)
  @Max(65535)
  override HEALTH_PORT: number = 3103;

  /**
   * GS1 company prefix under which the platform numbers GTINs for lots whose seller has none.
   * The default is in GS1's 952 range, reserved for demonstrations: set the platform's own prefix
   * (from GS1 Vietnam) in production.
   */
  @Matches(/^\d{6,10}$/, { message: 'must be a GS1 company prefix of 6 to 10 digits' })
  GS1_COMPANY_PREFIX: string = '952000';

  /** How long a new lot waits for its seller to arrive from the catalog before answering 404. */
  @IsInt()
  @Min(0)
  @Max(30000)
  SELLER_WAIT_MS: number = 3000;
}
