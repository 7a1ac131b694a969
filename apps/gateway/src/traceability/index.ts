import type { Type } from '@nestjs/common';

/** REST controllers of the traceability context (registered by the gateway module). */
export const TRACEABILITY_CONTROLLERS: Type[] = [];
