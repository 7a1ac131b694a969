import { region } from '@app/contracts';

export type Zone = 'intra_province' | 'intra_region' | 'inter_region';

export interface ZoneRate {
  /** Price of the first `firstGrams`, đồng. */
  baseVnd: number;
  firstGrams: number;
  /** Each further `stepGrams` (or part of it), đồng. */
  stepVnd: number;
  stepGrams: number;
}

/**
 * A postal tariff: per zone and service, a base price for the first weight band and a price per
 * further band; the COD fee is a share of the cash collected, with a floor. Configurable as JSON
 * (`SHIPPING_TARIFF_JSON`); the default is shaped like Vietnamese postal parcel tariffs.
 */
export interface Tariff {
  zones: Record<'standard' | 'express', Record<Zone, ZoneRate>>;
  codFee: { permille: number; minVnd: number };
}

export const DEFAULT_TARIFF: Tariff = {
  zones: {
    standard: {
      intra_province: { baseVnd: 16500, firstGrams: 500, stepVnd: 2500, stepGrams: 500 },
      intra_region: { baseVnd: 22000, firstGrams: 500, stepVnd: 3500, stepGrams: 500 },
      inter_region: { baseVnd: 32000, firstGrams: 500, stepVnd: 5000, stepGrams: 500 },
    },
    express: {
      intra_province: { baseVnd: 22000, firstGrams: 500, stepVnd: 3000, stepGrams: 500 },
      intra_region: { baseVnd: 30000, firstGrams: 500, stepVnd: 4500, stepGrams: 500 },
      inter_region: { baseVnd: 45000, firstGrams: 500, stepVnd: 7000, stepGrams: 500 },
    },
  },
  codFee: { permille: 8, minVnd: 5000 },
};

export function zoneOf(fromProvince: string, toProvince: string): Zone {
  if (fromProvince === toProvince) return 'intra_province';
  const a = region(fromProvince);
  return a !== undefined && a === region(toProvince) ? 'intra_region' : 'inter_region';
}

/** Shipping fee of one parcel, integer đồng. */
export function shippingFee(tariff: Tariff, service: 'standard' | 'express', zone: Zone, weightGrams: number): number {
  const r = tariff.zones[service][zone];
  const extra = Math.max(0, weightGrams - r.firstGrams);
  return r.baseVnd + Math.ceil(extra / r.stepGrams) * r.stepVnd;
}

/** The carrier's fee for collecting `codVnd` in cash (rounded up to the đồng). */
export function codFee(tariff: Tariff, codVnd: number): number {
  if (codVnd <= 0) return 0;
  return Math.max(tariff.codFee.minVnd, Math.ceil((codVnd * tariff.codFee.permille) / 1000));
}

function isRate(v: unknown): v is ZoneRate {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return (
    ['baseVnd', 'firstGrams', 'stepVnd', 'stepGrams'].every((k) => Number.isInteger(r[k]) && (r[k] as number) >= 0) &&
    (r.stepGrams as number) > 0
  );
}

/** Parses `SHIPPING_TARIFF_JSON`; throws naming what is wrong (the service then refuses to start). */
export function parseTariff(json: string): Tariff {
  if (!json.trim()) return DEFAULT_TARIFF;
  const t = JSON.parse(json) as Tariff;
  for (const service of ['standard', 'express'] as const) {
    for (const zone of ['intra_province', 'intra_region', 'inter_region'] as const) {
      if (!isRate(t.zones?.[service]?.[zone]))
        throw new Error(`SHIPPING_TARIFF_JSON: zones.${service}.${zone} must have integer baseVnd, firstGrams, stepVnd, stepGrams > 0`);
    }
  }
  if (!Number.isInteger(t.codFee?.permille) || !Number.isInteger(t.codFee?.minVnd))
    throw new Error('SHIPPING_TARIFF_JSON: codFee needs integer permille and minVnd');
  return t;
}
