import type { Certification, OcopRating } from '../catalog/product.dto';
import type { DiaryFlag, LotEventKind, VerificationView } from './lot.dto';

/** Everything the public trace page shows, in display order; names already resolved. */
export interface TracePageView {
  traceCode: string;
  lotId: string;
  productName: string;
  epcClass: string;
  harvestDate: string | null;
  quantity: number | null;
  unit: string | null;
  producer: { name: string; kind: string; provinceName: string; wardName: string; line: string } | null;
  plot: { plot: string | null; areaM2: number | null; provinceName: string; wardName: string } | null;
  /** Best valid OCOP rating of the lot's products, if any. */
  ocop: OcopRating | null;
  /** The lot's and its products' certifications, each with whether it is valid today. */
  certifications: (Certification & { valid: boolean })[];
  diary: TraceEntry[];
  journey: TraceEntry[];
  verification: VerificationView;
}

export interface TraceEntry {
  seq: number;
  kind: LotEventKind;
  occurredAt: string;
  place: string | null;
  recordedBy: string;
  details: string[];
  flags: DiaryFlag[];
  corrected: boolean;
}
