import type { FarmEventKind, RecordFarmEventRequest } from '@app/contracts';
import { NONGSAN_NS } from './epcis-context';

/** GS1's CBV has steps for harvest (commissioning the lot), packing and inspecting; the field work before is ours. */
const BIZ_STEP: Record<FarmEventKind, string> = {
  planting: `${NONGSAN_NS}BizStep-planting`,
  fertilizing: `${NONGSAN_NS}BizStep-fertilizing`,
  spraying: `${NONGSAN_NS}BizStep-spraying`,
  harvesting: 'commissioning',
  packing: 'packing',
  inspection: 'inspecting',
  certification: 'inspecting',
};

/** UN/CEFACT Rec 20 codes for the units farms use by weight; other units are counted (no uom). */
const UOM: Record<string, string> = { kg: 'KGM', g: 'GRM', tấn: 'TNE', tan: 'TNE', t: 'TNE', tạ: 'KGM' };
const UOM_FACTOR: Record<string, number> = { tạ: 100 };

export function quantityElement(epcClass: string, quantity: number | undefined, unit: string | null): Record<string, unknown> {
  if (quantity === undefined) return { epcClass };
  const u = unit?.toLowerCase().normalize('NFC');
  const uom = u ? UOM[u] : undefined;
  return uom ? { epcClass, quantity: quantity * (UOM_FACTOR[u!] ?? 1), uom } : { epcClass, quantity };
}

/** The offset the caller wrote (`+07:00`), kept as the event's time zone; Vietnam's when it wrote `Z`. */
export function offsetOf(iso: string): string {
  const m = /([+-]\d{2}:\d{2})$/.exec(iso);
  return m ? m[1] : '+07:00';
}

/** Our location ids: a ward (2025 code) as business location; GPS as a `geo:` URI read point. */
export function wardLocation(wardCode: string): string {
  return `${NONGSAN_NS}ward/${wardCode}`;
}

/** A farm diary entry as an EPCIS 2.0 ObjectEvent on the lot's class (LGTIN). */
export function farmEventToEpcis(
  req: RecordFarmEventRequest,
  lot: { epcClass: string; unit: string | null },
  wardCode: string,
): Record<string, unknown> {
  const e: Record<string, unknown> = {
    type: 'ObjectEvent',
    eventTime: new Date(req.occurredAt).toISOString(),
    eventTimeZoneOffset: offsetOf(req.occurredAt),
    quantityList: [quantityElement(lot.epcClass, req.quantity, lot.unit)],
    action: req.kind === 'harvesting' ? 'ADD' : 'OBSERVE',
    bizStep: BIZ_STEP[req.kind],
  };
  if (req.kind === 'harvesting' || req.kind === 'packing') e.disposition = 'active';
  if (req.kind === 'inspection' && req.result) e.disposition = req.result === 'pass' ? 'conformant' : 'non_conformant';
  if (req.gps) e.readPoint = { id: `geo:${req.gps.lat},${req.gps.lng}` };
  e.bizLocation = { id: wardLocation(wardCode) };
  if (req.kind === 'harvesting') {
    const day = new Date(new Date(req.occurredAt).getTime() + 7 * 3600_000).toISOString().slice(0, 10);
    e.ilmd = { 'cbvmda:harvestStartDate': day, 'cbvmda:countryOfOrigin': 'VN' };
  }
  const ext: Record<string, unknown> = {
    'nongsan:activity': req.kind,
    'nongsan:recordedBy': req.recordedBy.normalize('NFC').trim(),
    'nongsan:wardCode': wardCode,
    'nongsan:note': req.note?.normalize('NFC').trim(),
    'nongsan:input': req.input?.normalize('NFC').trim(),
    'nongsan:inputAmount': req.inputAmount,
    'nongsan:inputUnit': req.inputUnit?.normalize('NFC').trim(),
    'nongsan:preHarvestIntervalDays': req.preHarvestIntervalDays,
    'nongsan:inspectionResult': req.result,
    'nongsan:certificate': req.certification
      ? Object.fromEntries(Object.entries(req.certification).map(([k, v]) => [`nongsan:${k}`, v]))
      : undefined,
  };
  for (const [k, v] of Object.entries(ext)) if (v !== undefined && v !== '') e[k] = v;
  return e;
}
