import { REMITTANCE_COLUMNS, type RemittanceLineError, type RemittanceLineTuple } from '@app/contracts';

/** A statement line after validation: integer đồng, our shipment id when the carrier gave it. */
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

const NON_NEGATIVE = /^\d{1,15}$/;
const SIGNED = /^-?\d{1,15}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/;
const ID = /^[\x21-\x7e]{1,64}$/;

function err(line: number, field: string, message: string, messageVi: string): RemittanceLineError {
  return { line, field, message: `line ${line}: ${field} ${message}`, messageVi: `dòng ${line}: ${field} ${messageVi}` };
}

/**
 * Checks one line (values as text, in REMITTANCE_COLUMNS order): amounts are integer đồng, fees
 * never negative, and the carrier's arithmetic holds (net = COD − shipping − COD fee − return fee).
 */
export function parseRemittanceLine(
  tuple: RemittanceLineTuple,
  ordinal: number,
): { line: ParsedRemittanceLine; errors: [] } | { line: null; errors: RemittanceLineError[] } {
  const [lineNo, ...values] = tuple;
  const errors: RemittanceLineError[] = [];
  if (values.length !== REMITTANCE_COLUMNS.length) {
    return {
      line: null,
      errors: [
        err(
          lineNo,
          'line',
          `has ${values.length} fields, expected ${REMITTANCE_COLUMNS.length}`,
          `có ${values.length} trường, cần ${REMITTANCE_COLUMNS.length}`,
        ),
      ],
    };
  }
  // Values by position (REMITTANCE_COLUMNS order): this runs for every line of every statement.
  const v = (i: number): string => (values[i] ?? '').trim();
  const trackingCode = v(0);
  const shipmentId = v(1);
  if (!ID.test(trackingCode))
    errors.push(err(lineNo, 'trackingCode', 'is required (1–64 printable characters)', 'là bắt buộc (1–64 ký tự)'));
  if (shipmentId !== '' && !ID.test(shipmentId)) errors.push(err(lineNo, 'shipmentId', 'is not an id', 'không phải mã hợp lệ'));
  const amount = (i: number, pattern: RegExp): number => {
    const text = v(i);
    if (!pattern.test(text)) {
      const field = REMITTANCE_COLUMNS[i];
      errors.push(
        pattern === SIGNED
          ? err(lineNo, field, `must be an integer amount in đồng, got "${text.slice(0, 20)}"`, 'phải là số nguyên (đồng)')
          : err(
              lineNo,
              field,
              `must be a non-negative integer amount in đồng, got "${text.slice(0, 20)}"`,
              'phải là số nguyên không âm (đồng)',
            ),
      );
      return 0;
    }
    return Number(text);
  };
  const cod = amount(2, NON_NEGATIVE);
  const ship = amount(3, NON_NEGATIVE);
  const codFee = amount(4, NON_NEGATIVE);
  const returnFee = amount(5, NON_NEGATIVE);
  const net = amount(6, SIGNED);
  const delivered = v(7);
  let deliveredAt: Date | null = null;
  if (delivered !== '') {
    deliveredAt = ISO_TIME.test(delivered) ? new Date(delivered) : null;
    if (!deliveredAt || Number.isNaN(deliveredAt.getTime())) {
      errors.push(err(lineNo, 'deliveredAt', 'must be an ISO 8601 time with offset', 'phải là thời điểm ISO 8601 có múi giờ'));
    }
  }
  if (errors.length === 0 && net !== cod - ship - codFee - returnFee) {
    errors.push(
      err(
        lineNo,
        'netRemittedVnd',
        `${net} ≠ codCollectedVnd − shippingFeeVnd − codFeeVnd − returnFeeVnd (${cod - ship - codFee - returnFee})`,
        `${net} ≠ tiền thu hộ − các loại phí (${cod - ship - codFee - returnFee})`,
      ),
    );
  }
  if (errors.length > 0) return { line: null, errors };
  return {
    line: {
      ordinal,
      lineNo,
      trackingCode,
      shipmentRef: shipmentId === '' ? null : shipmentId,
      codCollectedVnd: cod,
      shippingFeeVnd: ship,
      codFeeVnd: codFee,
      returnFeeVnd: returnFee,
      netRemittedVnd: net,
      deliveredAt,
    },
    errors: [],
  };
}
