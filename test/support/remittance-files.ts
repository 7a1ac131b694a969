/** One line of a carrier's remittance as a test sends it. */
export interface RemittanceLineInput {
  trackingCode: string;
  shipmentId?: string;
  codCollectedVnd: number;
  shippingFeeVnd: number;
  codFeeVnd: number;
  returnFeeVnd: number;
  netRemittedVnd: number;
  deliveredAt: string;
}

export const REMITTANCE_CSV_HEADER =
  'trackingCode,shipmentId,codCollectedVnd,shippingFeeVnd,codFeeVnd,returnFeeVnd,netRemittedVnd,deliveredAt';

/** The lines as the CSV file a carrier uploads. */
export function remittanceCsv(lines: RemittanceLineInput[], header = REMITTANCE_CSV_HEADER): string {
  return [
    header,
    ...lines.map((l) =>
      [
        l.trackingCode,
        l.shipmentId ?? '',
        l.codCollectedVnd,
        l.shippingFeeVnd,
        l.codFeeVnd,
        l.returnFeeVnd,
        l.netRemittedVnd,
        l.deliveredAt,
      ].join(','),
    ),
  ].join('\n');
}

/** A download's bytes as sent (fetch's text() would drop the BOM that Excel needs). */
export async function rawGet(base: string, path: string, key: string): Promise<{ type: string | null; bom: boolean; text: string }> {
  const res = await fetch(`${base}${path}`, { headers: { Authorization: `Bearer ${key}` } });
  const bytes = Buffer.from(await res.arrayBuffer());
  return {
    type: res.headers.get('content-type'),
    bom: bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])),
    text: bytes.subarray(3).toString('utf8'),
  };
}
