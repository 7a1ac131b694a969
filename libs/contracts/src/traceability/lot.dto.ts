import type { Certification } from '../catalog/product.dto';

/** What a farm diary entry records (`POST /v1/lots/{id}/events`). */
export const FarmEventKinds = ['planting', 'fertilizing', 'spraying', 'harvesting', 'packing', 'inspection', 'certification'] as const;
export type FarmEventKind = (typeof FarmEventKinds)[number];

/** Supply-chain steps recorded automatically from shipment events. */
export const SupplyChainEventKinds = ['shipping', 'receiving', 'returned'] as const;
export type SupplyChainEventKind = (typeof SupplyChainEventKinds)[number];

/** Every kind of entry in a lot's history; `captured` came from another system's EPCIS document. */
export type LotEventKind = FarmEventKind | SupplyChainEventKind | 'captured' | 'error_declaration';

export interface LotArea {
  /** Plot name or number as the farm knows it (e.g. "Thửa 12, cánh đồng Đồng Vành"). */
  plot?: string;
  /** Cultivated area in square metres. */
  areaM2?: number;
  /** 2025 ward code of the plot; default: the seller's ward. */
  wardCode?: string;
}

export interface CreateLotRequest {
  sellerId: string;
  productName: string;
  /** YYYY-MM-DD. */
  harvestDate?: string;
  area?: LotArea;
  /** Harvested quantity in `unit`. */
  quantity?: number;
  /** kg, tấn, bó, hộp, … */
  unit?: string;
  certifications?: Certification[];
  /** The seller's own GTIN-14 (or 8/12/13) for this product, if it has one; else the platform issues one. */
  gtin?: string;
}

export interface LotView {
  id: string;
  sellerId: string;
  productName: string;
  /** Short human-typable code printed under the QR (8 characters, Crockford base32). */
  traceCode: string;
  /** GS1 lot-level class id (LGTIN as a GS1 Digital Link URI). */
  epcClass: string;
  gtin: string;
  harvestDate: string | null;
  area: LotArea | null;
  quantity: number | null;
  unit: string | null;
  certifications: Certification[];
  eventCount: number;
  createdAt: string;
}

export interface GeoPoint {
  lat: number;
  lng: number;
}

export interface RecordFarmEventRequest {
  lotId: string;
  kind: FarmEventKind;
  /** ISO 8601 with offset; when it happened. */
  occurredAt: string;
  /** 2025 ward code; default: the lot's plot ward. */
  wardCode?: string;
  gps?: GeoPoint;
  /** Who recorded it (name of the farmer or inspector). */
  recordedBy: string;
  note?: string;
  /** fertilizing / spraying: the input's commercial name. */
  input?: string;
  /** fertilizing / spraying: amount used, with `inputUnit`. */
  inputAmount?: number;
  inputUnit?: string;
  /** spraying: the pre-harvest interval (days) on the product's label. */
  preHarvestIntervalDays?: number;
  /** harvesting / packing: quantity in the lot's unit. */
  quantity?: number;
  /** inspection / certification: outcome and certificate. */
  result?: 'pass' | 'fail';
  certification?: Certification;
  /** A correction: the eventId (ni:///…) of an earlier entry of this lot that this one replaces. */
  correctsEventId?: string;
  correctionReason?: string;
}

/** A pre-harvest-interval breach: harvest within `days` of a spraying. */
export interface DiaryFlag {
  code: 'pre_harvest_interval_violated';
  message: string;
  messageVi: string;
  sprayingEventId: string;
}

export interface LotEventView {
  /** 1-based position in the lot's chain. */
  seq: number;
  /** The EPCIS event hash ID (`ni:///sha-256;…?ver=CBV2.0`), also the EPCIS eventID. */
  eventId: string;
  kind: LotEventKind;
  occurredAt: string;
  recordedAt: string;
  recordedBy: string;
  flags: DiaryFlag[];
  /** The event as stored (EPCIS 2.0 JSON-LD, without @context). */
  epcis: Record<string, unknown>;
  chainHash: string;
}

export interface VerificationView {
  lotId: string;
  intact: boolean;
  eventCount: number;
  /** Seq of the first event that fails verification; null when intact. */
  brokenAt: number | null;
  reason: 'event_altered' | 'chain_altered' | 'event_missing' | null;
  /** Head of the chain as recomputed (equal to the stored head when intact). */
  headHash: string | null;
  verifiedAt: string;
}

/** A standard EPCIS 2.0 JSON-LD document from another system (`POST /v1/epcis/capture`). */
export interface CaptureEpcisRequest {
  document: unknown;
}

export interface CaptureView {
  captureId: string;
  status: 'accepted';
  eventCount: number;
  lotIds: string[];
  capturedAt: string;
}
