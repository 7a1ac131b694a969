/**
 * Remittance statements (đối soát): what a carrier sends for the COD it collected, and what the
 * reconciliation found. Line fields are the CSV headers and the JSON names alike (API.md).
 */
export const REMITTANCE_COLUMNS = [
  'trackingCode',
  'shipmentId',
  'codCollectedVnd',
  'shippingFeeVnd',
  'codFeeVnd',
  'returnFeeVnd',
  'netRemittedVnd',
  'deliveredAt',
] as const;
export type RemittanceColumn = (typeof REMITTANCE_COLUMNS)[number];

/**
 * One statement line as it travels from the gateway to the service: the line number in the
 * upload (CSV: physical line, header = 1; JSON: 1-based position) then the columns, as text, in
 * `REMITTANCE_COLUMNS` order. Compact on purpose: thousands travel in one Kafka message.
 */
export type RemittanceLineTuple = [lineNo: number, ...values: string[]];

/** Most lines one staging request may carry (and far under Kafka's 1 MB message limit). */
export const MAX_REMITTANCE_CHUNK_LINES = 5000;

export const RemittanceStatuses = ['receiving', 'processing', 'reconciled', 'rejected'] as const;
export type RemittanceStatus = (typeof RemittanceStatuses)[number];

export const LineOutcomes = ['matched', 'short', 'over', 'unknown', 'duplicate'] as const;
export type LineOutcome = (typeof LineOutcomes)[number];

/** A line (or the header) that made the batch unacceptable. */
export interface RemittanceLineError {
  /** Line number in the upload (CSV: header = 1); 0 for the batch as a whole. */
  line: number;
  field: string;
  message: string;
  messageVi?: string;
}

export interface BeginRemittanceRequest {
  batchId: string;
  bankTransferRef: string;
  totalTransferredVnd: number;
  format: 'csv' | 'json';
}

export interface StageRemittanceChunkRequest {
  uploadId: string;
  /** 0-based, consecutive; a chunk sent twice is staged once. */
  seq: number;
  /** Position of the chunk's first line among the batch's lines (0-based). */
  firstOrdinal: number;
  lines: RemittanceLineTuple[];
}

export interface CompleteRemittanceRequest {
  uploadId: string;
  chunks: number;
  lineCount: number;
  /** SHA-256 over the lines' canonical text: the same statement sent again has the same hash. */
  contentHash: string;
  /** Errors the gateway found while parsing (CSV syntax, column counts). */
  parseErrors: RemittanceLineError[];
  parseErrorCount: number;
}

export interface OutcomeTotals {
  count: number;
  /** COD the carrier reports collected on these lines. */
  codCollectedVnd: number;
  /** COD we expected on these lines (0 for unknown and duplicate). */
  expectedCodVnd: number;
  netRemittedVnd: number;
  /** Reported minus expected (negative: short). */
  differenceVnd: number;
}

export interface RemittanceDiscrepancy {
  line: number;
  outcome: Exclude<LineOutcome, 'matched'>;
  trackingCode: string;
  shipmentId: string | null;
  expectedCodVnd: number;
  codCollectedVnd: number;
  differenceVnd: number;
}

/** A delivered COD shipment of the carrier that no statement has remitted after the grace days. */
export interface MissingRemittance {
  shipmentId: string;
  trackingCode: string | null;
  deliveredAt: string;
  codVnd: number;
  ageDays: number;
}

export interface MissingSummary {
  /** Days after delivery before an unremitted shipment counts as missing. */
  afterDays: number;
  count: number;
  codVnd: number;
  /** Ageing buckets by days since delivery: `3-7`, `8-14`, `15-30`, `31+` (first bucket starts at afterDays). */
  ageing: { bucket: string; count: number; codVnd: number }[];
  /** The oldest ones (at most 100). */
  items: MissingRemittance[];
}

export interface RemittanceView {
  id: string;
  carrierCode: string;
  batchId: string;
  bankTransferRef: string;
  totalTransferredVnd: number;
  status: RemittanceStatus;
  lineCount: number;
  /** Lines reconciled so far (equals lineCount once reconciled). */
  reconciledLines: number;
  receivedAt: string;
  reconciledAt: string | null;
  /** Per outcome, once reconciled (zeros before). */
  outcomes: Record<LineOutcome, OutcomeTotals>;
  /** Sum of the lines' net remitted vs the bank transfer. */
  transfer: { netLinesVnd: number; totalTransferredVnd: number; differenceVnd: number; matches: boolean };
  /** Every line that is not `matched` (at most 1,000 listed; `discrepancyCount` counts all). */
  discrepancies: RemittanceDiscrepancy[];
  discrepancyCount: number;
  /** The carrier's delivered shipments still unremitted after the grace days, at reconciliation. */
  missing: MissingSummary | null;
  /** Why the batch was rejected (at most 100 listed; `errorCount` counts all). */
  errors: RemittanceLineError[];
  errorCount: number;
}

/** A remittance in a list: its reconciliation's figures, without the lines themselves. */
export type RemittanceSummaryView = Omit<RemittanceView, 'discrepancies' | 'errors' | 'missing'>;

/** `GET /v1/remittances`: a carrier's (an operator's: all), newest first. */
export interface ListRemittancesRequest {
  status?: RemittanceStatus;
  limit: number;
  cursor?: string;
}

/** The answer to an upload: the remittance and whether it was an earlier identical upload. */
export interface RemittanceAccepted {
  remittance: RemittanceView;
  replayed: boolean;
}
