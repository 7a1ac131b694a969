import type { TraceEntry, VerificationView } from '@app/contracts';

/** Escapes text for HTML element content and quoted attributes. */
export function esc(value: string | number | null | undefined): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export const KIND_VI: Record<string, string> = {
  planting: 'Gieo trồng',
  fertilizing: 'Bón phân',
  spraying: 'Phun thuốc BVTV',
  harvesting: 'Thu hoạch',
  packing: 'Đóng gói',
  inspection: 'Kiểm tra chất lượng',
  certification: 'Chứng nhận',
  shipping: 'Giao cho đơn vị vận chuyển',
  receiving: 'Đã giao tới người mua',
  returned: 'Hoàn trả về người bán',
  captured: 'Sự kiện từ hệ thống đối tác',
};

export const SELLER_KIND_VI: Record<string, string> = { household: 'Hộ sản xuất', cooperative: 'Hợp tác xã', enterprise: 'Doanh nghiệp' };

/** `2026-05-20T06:30:00+07:00` → `20/05/2026 06:30` (the times arrive in Vietnam time already). */
export function viDateTime(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]} ${m[4]}:${m[5]}` : iso;
}

export function viDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : date;
}

/** `7K3M9XQZ` → `7K3M-9XQZ`: easier to read aloud and type. */
export function groupedCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

export function verificationBadge(v: VerificationView): string {
  if (v.intact) {
    return `<p class="ok" id="verification">✔ Nhật ký toàn vẹn: ${v.eventCount} sự kiện, không bị sửa đổi (kiểm tra lúc ${esc(viDateTime(v.verifiedAt))}).</p>`;
  }
  return (
    `<p class="bad" id="verification">⚠ Nhật ký đã bị sửa đổi: chuỗi băm không khớp tại sự kiện #${esc(v.brokenAt)}. ` +
    `Thông tin từ sự kiện này trở đi không đáng tin cậy.</p>`
  );
}

export function timeline(entries: TraceEntry[], empty: string): string {
  if (entries.length === 0) return `<p class="muted">${esc(empty)}</p>`;
  const items = entries.map((e) => {
    const flags = e.flags.map((f) => `<p class="warn">⚠ ${esc(f.messageVi)}</p>`).join('');
    const details = e.details.map((d) => `<li>${esc(d)}</li>`).join('');
    return (
      `<li class="${e.corrected ? 'corrected' : ''}" data-seq="${e.seq}"><b>${esc(KIND_VI[e.kind] ?? e.kind)}</b>` +
      `${e.corrected ? ' <em>(đã đính chính)</em>' : ''}<br><small>${esc(viDateTime(e.occurredAt))}` +
      `${e.place ? ` · ${esc(e.place)}` : ''} · ${esc(e.recordedBy)}</small>${details ? `<ul>${details}</ul>` : ''}${flags}</li>`
    );
  });
  return `<ol class="tl">${items.join('')}</ol>`;
}

export const STYLE =
  'body{font:16px/1.45 system-ui,sans-serif;margin:0;color:#1b1b1b;background:#f6f7f2}' +
  'main{max-width:40rem;margin:auto;padding:1rem}h1{font-size:1.35rem;margin:.2rem 0}h2{font-size:1.05rem;margin:1.2rem 0 .4rem;color:#2d5016}' +
  'section{background:#fff;border-radius:.5rem;padding:.6rem .9rem;margin:.6rem 0}.muted,small{color:#666}' +
  '.ok{background:#e6f4ea;color:#145c2c;padding:.5rem;border-radius:.4rem}.bad{background:#fde7e7;color:#8a1111;padding:.5rem;border-radius:.4rem}' +
  '.warn{color:#8a4b00;margin:.2rem 0}.tl{padding-left:1.2rem}.tl>li{margin:.5rem 0}.corrected b{text-decoration:line-through}' +
  '.stars{color:#d4a000;font-size:1.2rem}code{font-size:.8rem;word-break:break-all}';
