import { IsInt, Max, Min } from 'class-validator';
import { ServiceEnv } from '@app/platform';

export class OrdersEnv extends ServiceEnv {
  @IsInt()
  @Min(0)
  @Max(65535)
  override HEALTH_PORT: number = 3102;
}
