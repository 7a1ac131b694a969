import { findProvince, findWard, type DiaryFlag, type TraceEntry } from '@app/contracts';
import { vietnamDate } from '@app/platform';
import { shownTime, type LotEntry } from '../diary/lot-event.view';
import { NONGSAN_NS } from '../epcis/epcis-context';

const RESULT_VI: Record<string, string> = { pass: 'Đạt', fail: 'Không đạt' };

/** "Xã Lục Ngạn, Tỉnh Bắc Ninh" for a 2025 ward code. */
export function placeName(wardCode: string | undefined): string | null {
  const ward = wardCode ? findWard(wardCode) : undefined;
  if (!ward) return null;
  const province = findProvince(ward.provinceCode);
  return province ? `${ward.name}, ${province.name}` : ward.name;
}

function text(v: unknown): string | undefined {
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
}

function wardOf(e: Record<string, unknown>): string | undefined {
  const own = text(e['nongsan:wardCode']);
  if (own) return own;
  const loc =
    (e.bizLocation as { id?: string } | undefined)?.id ?? (e.destinationList as { destination?: string }[] | undefined)?.[0]?.destination;
  return loc?.startsWith(`${NONGSAN_NS}ward/`) ? loc.slice(`${NONGSAN_NS}ward/`.length) : undefined;
}

/** Human-readable lines (Vietnamese) for one entry of the history. */
function details(entry: LotEntry): string[] {
  const e = entry.epcis;
  const lines: string[] = [];
  const q = (e.quantityList as { quantity?: number; uom?: string }[] | undefined)?.[0];
  if (q?.quantity !== undefined)
    lines.push(`Số lượng: ${q.quantity.toLocaleString('vi-VN')} ${q.uom === 'KGM' ? 'kg' : q.uom === 'TNE' ? 'tấn' : 'đơn vị'}`);
  const input = text(e['nongsan:input']);
  if (input)
    lines.push(
      `Vật tư: ${input}${e['nongsan:inputAmount'] !== undefined ? ` — ${text(e['nongsan:inputAmount'])} ${text(e['nongsan:inputUnit']) ?? ''}`.trimEnd() : ''}`,
    );
  const phi = text(e['nongsan:preHarvestIntervalDays']);
  if (phi) lines.push(`Thời gian cách ly: ${phi} ngày`);
  const result = text(e['nongsan:inspectionResult']);
  if (result) lines.push(`Kết quả kiểm tra: ${RESULT_VI[result] ?? result}`);
  const cert = e['nongsan:certificate'] as Record<string, unknown> | undefined;
  if (cert) {
    const until = text(cert['nongsan:validUntil']);
    const valid = until !== undefined && until >= vietnamDate();
    lines.push(
      `Chứng nhận ${text(cert['nongsan:scheme']) ?? ''} số ${text(cert['nongsan:certificateNo']) ?? ''}${until ? ` — hiệu lực đến ${until}${valid ? '' : ' (đã hết hạn)'}` : ''}`,
    );
  }
  const carrier = text(e['nongsan:carrier']);
  if (carrier)
    lines.push(`Đơn vị vận chuyển: ${carrier}${e['nongsan:trackingCode'] ? ` — vận đơn ${text(e['nongsan:trackingCode'])}` : ''}`);
  if (entry.captured) lines.push(`Bước: ${text(e.bizStep) ?? 'không rõ'} (nhận từ hệ thống EPCIS khác)`);
  const note = text(e['nongsan:note']);
  if (note) lines.push(`Ghi chú: ${note}`);
  return lines;
}

/** One entry of the public page, all of it from the entry's chained record. */
export function traceEntry(entry: LotEntry, flags: DiaryFlag[], corrected: boolean): TraceEntry {
  return {
    seq: entry.seq,
    kind: entry.kind,
    occurredAt: shownTime(entry.occurredAt, entry.epcis.eventTime),
    place: placeName(wardOf(entry.epcis)),
    recordedBy: entry.recordedBy,
    details: details(entry),
    flags,
    corrected,
  };
}
