/**
 * The shipment a remittance line names, as SQL: by our shipment id, else by the carrier's tracking
 * code, always among the carrier's own shipments. One definition for intake (which resolves each
 * line as it is staged, keeping what it found in `shipment_id`) and reconciliation (which resolves
 * it again, the same way, with what intake found as the likely answer).
 *
 * A LATERAL subquery of at most one row: `UNION ALL … LIMIT 1` tries each way in turn and stops
 * at the first that finds the shipment, so the usual line costs one index probe.
 *
 * @param line alias of a row with `shipment_ref`, `tracking_code` (and `shipment_id` if `staged`)
 * @param carrier the carrier's code (a parameter placeholder)
 * @param columns what to select from the shipment (alias `x`)
 * @param staged whether the line carries intake's answer: tried after the quoted id, which may
 *   have arrived since, and before the tracking code
 */
export function shipmentMatch(line: string, carrier: string, columns: string, staged = false): string {
  const ways = [
    `x.shipment_id = ${line}.shipment_ref AND x.carrier_code = ${carrier}`,
    ...(staged ? [`x.shipment_id = ${line}.shipment_id AND x.carrier_code = ${carrier}`] : []),
    `x.carrier_code = ${carrier} AND x.tracking_code = ${line}.tracking_code`,
  ];
  return `${ways.map((w) => `(SELECT ${columns} FROM settled_shipments x WHERE ${w} LIMIT 1)`).join(' UNION ALL ')} LIMIT 1`;
}
