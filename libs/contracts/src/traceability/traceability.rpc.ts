import type { Page, PageRequest } from '../page';
import type {
  CaptureEpcisRequest,
  CaptureView,
  CreateLotRequest,
  LotEventView,
  LotView,
  RecordFarmEventRequest,
  VerificationView,
} from './lot.dto';
import type { TracePageView } from './trace-page.dto';

/** Requests the gateway sends to the traceability service. */
export const TraceabilityRpc = {
  createLot: 'traceability.lots.create',
  getLot: 'traceability.lots.get',
  listLots: 'traceability.lots.list',
  recordFarmEvent: 'traceability.lots.record-event',
  listLotEvents: 'traceability.lots.list-events',
  exportEpcis: 'traceability.lots.export-epcis',
  verifyLot: 'traceability.lots.verify',
  captureEpcis: 'traceability.epcis.capture',
  getCapture: 'traceability.epcis.get-capture',
  tracePage: 'traceability.trace.page',
} as const;

export interface TraceabilityRpcContract {
  [TraceabilityRpc.createLot]: { request: CreateLotRequest; response: LotView };
  [TraceabilityRpc.getLot]: { request: { id: string }; response: LotView };
  [TraceabilityRpc.listLots]: { request: PageRequest & { sellerId?: string }; response: Page<LotView> };
  [TraceabilityRpc.recordFarmEvent]: { request: RecordFarmEventRequest; response: LotEventView };
  [TraceabilityRpc.listLotEvents]: { request: { lotId: string } & PageRequest; response: Page<LotEventView> };
  /** The lot's history as an EPCIS 2.0 EPCISDocument (JSON-LD). */
  [TraceabilityRpc.exportEpcis]: { request: { lotId: string }; response: Record<string, unknown> };
  [TraceabilityRpc.verifyLot]: { request: { lotId: string }; response: VerificationView };
  [TraceabilityRpc.captureEpcis]: { request: CaptureEpcisRequest; response: CaptureView };
  [TraceabilityRpc.getCapture]: { request: { id: string }; response: CaptureView };
  /** Public: anonymous callers, by trace code. */
  [TraceabilityRpc.tracePage]: { request: { traceCode: string }; response: TracePageView };
}
