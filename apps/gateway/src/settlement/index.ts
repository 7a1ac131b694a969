import type { Type } from '@nestjs/common';

/** REST controllers of the settlement context (registered by the gateway module). */
export const SETTLEMENT_CONTROLLERS: Type[] = [];
