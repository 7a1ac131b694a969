import type { Type } from '@nestjs/common';
import { EpcisCaptureController } from './epcis-capture.controller';
import { LotsController } from './lots.controller';
import { TracePageController } from './trace-page.controller';

/** REST controllers of the traceability context (registered by the gateway module). */
export const TRACEABILITY_CONTROLLERS: Type[] = [LotsController, EpcisCaptureController, TracePageController];
