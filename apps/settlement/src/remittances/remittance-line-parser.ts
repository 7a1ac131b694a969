import { REMITTANCE_COLUMNS, type RemittanceLineError, type RemittanceLineTuple } from '@app/contracts';

/** A remittance line after validation: integer đồng, our shipment id when the carrier gave it. */
export interface ParsedRemittanceLine {
  ordinal: number;
  lineNo: number;
  trackingCode: string;
  shipmentRef: string | null;
  codCollectedVnd: number;
  shippingFeeVnd: number;
  codFeeVnd: number;
  returnFeeVnd: number;
  netRemittedVnd: number;
  deliveredAt: Date | null;
}

/**
 * The same, as the array it is staged from (one per line of every remittance, so no object):
 * ordinal, line, tracking code, shipment id or null, COD, shipping fee, COD fee, return fee, net,
 * delivery time in epoch milliseconds or null.
 */
export type StagedLine = [number, number, string, string | null, number, number, number, number, number, number | null];

const NON_NEGATIVE = /^\d{1,15}$/;
const SIGNED = /^-?\d{1,15}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/;
const ID = /^[\x21-\x7e]{1,64}$/;
/** Tuple positions: the line number, then REMITTANCE_COLUMNS in order. */
const TRACKING = 1;
const SHIPMENT = 2;
const COD = 3;
const DELIVERED = 8;

function err(line: number, field: string, message: string, messageVi: string): RemittanceLineError {
  return { line, field, message: `line ${line}: ${field} ${message}`, messageVi: `dòng ${line}: ${field} ${messageVi}` };
}

function text(tuple: RemittanceLineTuple, i: number): string {
  return ((tuple[i] as string | undefined) ?? '').trim();
}

/** An amount in đồng, or NaN (with its error recorded) if the text is not one. */
function amount(tuple: RemittanceLineTuple, i: number, signed: boolean, errors: RemittanceLineError[]): number {
  const v = text(tuple, i);
  if ((signed ? SIGNED : NON_NEGATIVE).test(v)) return Number(v);
  const lineNo = tuple[0];
  const field = REMITTANCE_COLUMNS[i - 1];
  errors.push(
    signed
      ? err(lineNo, field, `must be an integer amount in đồng, got "${v.slice(0, 20)}"`, 'phải là số nguyên (đồng)')
      : err(lineNo, field, `must be a non-negative integer amount in đồng, got "${v.slice(0, 20)}"`, 'phải là số nguyên không âm (đồng)'),
  );
  return NaN;
}

/**
 * Checks one line (the line number, then values as text in REMITTANCE_COLUMNS order): amounts
 * are integer đồng, fees never negative, and the carrier's arithmetic holds (net = COD − shipping
 * − COD fee − return fee). Returns the line to stage, or null with its errors added to `errors`.
 */
export function checkRemittanceLine(tuple: RemittanceLineTuple, ordinal: number, errors: RemittanceLineError[]): StagedLine | null {
  const lineNo = tuple[0];
  const fields = tuple.length - 1;
  if (fields !== REMITTANCE_COLUMNS.length) {
    errors.push(
      err(
        lineNo,
        'line',
        `has ${fields} fields, expected ${REMITTANCE_COLUMNS.length}`,
        `có ${fields} trường, cần ${REMITTANCE_COLUMNS.length}`,
      ),
    );
    return null;
  }
  const before = errors.length;
  const trackingCode = text(tuple, TRACKING);
  const shipmentId = text(tuple, SHIPMENT);
  if (!ID.test(trackingCode))
    errors.push(err(lineNo, 'trackingCode', 'is required (1–64 printable characters)', 'là bắt buộc (1–64 ký tự)'));
  if (shipmentId !== '' && !ID.test(shipmentId)) errors.push(err(lineNo, 'shipmentId', 'is not an id', 'không phải mã hợp lệ'));
  const cod = amount(tuple, COD, false, errors);
  const ship = amount(tuple, COD + 1, false, errors);
  const codFee = amount(tuple, COD + 2, false, errors);
  const returnFee = amount(tuple, COD + 3, false, errors);
  const net = amount(tuple, COD + 4, true, errors);
  const delivered = text(tuple, DELIVERED);
  let deliveredAt: number | null = null;
  if (delivered !== '') {
    deliveredAt = ISO_TIME.test(delivered) ? Date.parse(delivered) : NaN;
    if (Number.isNaN(deliveredAt)) {
      errors.push(err(lineNo, 'deliveredAt', 'must be an ISO 8601 time with offset', 'phải là thời điểm ISO 8601 có múi giờ'));
    }
  }
  if (errors.length === before && net !== cod - ship - codFee - returnFee) {
    errors.push(
      err(
        lineNo,
        'netRemittedVnd',
        `${net} ≠ codCollectedVnd − shippingFeeVnd − codFeeVnd − returnFeeVnd (${cod - ship - codFee - returnFee})`,
        `${net} ≠ tiền thu hộ − các loại phí (${cod - ship - codFee - returnFee})`,
      ),
    );
  }
  if (errors.length > before) return null;
  return [ordinal, lineNo, trackingCode, shipmentId === '' ? null : shipmentId, cod, ship, codFee, returnFee, net, deliveredAt];
}

/** One line checked on its own: the line as an object, or its errors. */
export function parseRemittanceLine(
  tuple: RemittanceLineTuple,
  ordinal: number,
): { line: ParsedRemittanceLine; errors: [] } | { line: null; errors: RemittanceLineError[] } {
  const errors: RemittanceLineError[] = [];
  const l = checkRemittanceLine(tuple, ordinal, errors);
  if (!l) return { line: null, errors };
  return {
    line: {
      ordinal: l[0],
      lineNo: l[1],
      trackingCode: l[2],
      shipmentRef: l[3],
      codCollectedVnd: l[4],
      shippingFeeVnd: l[5],
      codFeeVnd: l[6],
      returnFeeVnd: l[7],
      netRemittedVnd: l[8],
      deliveredAt: l[9] === null ? null : new Date(l[9]),
    },
    errors: [],
  };
}
