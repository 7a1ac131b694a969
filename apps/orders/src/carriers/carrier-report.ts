import type { ShipmentStatus } from '@app/contracts';
import { ValidationFailedError } from '@app/platform';

/** A carrier's native webhook, read into our terms. */
export interface NativeReport {
  /** Our shipment id, when the carrier echoes it (its "order reference"). */
  shipmentId: string | null;
  /** The carrier's waybill number. */
  trackingCode: string | null;
  /** Our status; null when the carrier's code has no meaning for us (kept, not applied). */
  status: ShipmentStatus | null;
  carrierStatusCode: string;
  occurredAt: Date;
  codCollectedVnd: number | null;
  location: string | null;
  reason: string | null;
  /** The shared secret as the carrier sent it in the body, if it sends it there. */
  secret: string | null;
}

export function field(body: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), body);
}

export function requireText(body: Record<string, unknown>, path: string): string {
  const v = field(body, path);
  if ((typeof v === 'string' && v.trim() !== '') || typeof v === 'number') return String(v).trim();
  throw new ValidationFailedError([{ field: path, message: `${path} is required`, messageVi: `${path} là bắt buộc` }]);
}

export function optionalText(body: Record<string, unknown>, path: string): string | null {
  const v = field(body, path);
  return (typeof v === 'string' && v.trim() !== '') || typeof v === 'number' ? String(v).trim() : null;
}

export function optionalAmount(body: Record<string, unknown>, path: string): number | null {
  const v = field(body, path);
  if (v === undefined || v === null || v === '') return null;
  // Carriers send amounts as numbers or as text with thousands separators ("167.000").
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v.replace(/[.,\s]/g, '')) : NaN;
  if (!Number.isSafeInteger(n) || n < 0)
    throw new ValidationFailedError([
      { field: path, message: `${path} must be a whole number of đồng`, messageVi: `${path} phải là số đồng nguyên` },
    ]);
  return n;
}

/** `dd/MM/yyyy HH:mm:ss` in Vietnam time (UTC+7, no DST) → the instant; impossible dates refused. */
export function parseVietnamDateTime(text: string, path: string): Date {
  const m = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim());
  if (m) {
    const [day, month, year, hour, minute, second] = [+m[1], +m[2], +m[3], +m[4], +m[5], +(m[6] ?? 0)];
    const d = new Date(Date.UTC(year, month - 1, day, hour - 7, minute, second));
    const local = new Date(d.getTime() + 7 * 3600000);
    const sane =
      local.getUTCFullYear() === year && local.getUTCMonth() === month - 1 && local.getUTCDate() === day && local.getUTCHours() === hour;
    if (sane && minute < 60 && second < 60) return d;
  }
  throw new ValidationFailedError([
    {
      field: path,
      message: `${path} must be dd/MM/yyyy HH:mm:ss (Vietnam time)`,
      messageVi: `${path} phải có dạng dd/MM/yyyy HH:mm:ss (giờ Việt Nam)`,
    },
  ]);
}
