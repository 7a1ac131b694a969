import type { TracePageView } from '@app/contracts';
import { esc, groupedCode, SELLER_KIND_VI, STYLE, timeline, verificationBadge, viDate } from './trace-page.parts';

function layout(title: string, body: string): string {
  return (
    `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${esc(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`
  );
}

/** The public trace page: plain HTML and a little CSS, readable on a cheap phone, no script. */
export function renderTracePage(p: TracePageView): string {
  const producer = p.producer
    ? `<p><b id="producer">${esc(p.producer.name)}</b> (${esc(SELLER_KIND_VI[p.producer.kind] ?? p.producer.kind)})<br>` +
      `${esc(p.producer.line)}, ${esc(p.producer.wardName)}, ${esc(p.producer.provinceName)}</p>`
    : '<p class="muted">Chưa có thông tin nhà sản xuất.</p>';
  const plot = p.plot
    ? `<p id="farm">${p.plot.plot ? `${esc(p.plot.plot)}, ` : ''}${esc(p.plot.wardName)}, ${esc(p.plot.provinceName)}` +
      `${p.plot.areaM2 ? ` · diện tích ${esc(p.plot.areaM2.toLocaleString('vi-VN'))} m²` : ''}</p>`
    : '';
  const lot =
    `<p>${p.harvestDate ? `Ngày thu hoạch: ${esc(viDate(p.harvestDate))}<br>` : ''}` +
    `${p.quantity !== null ? `Sản lượng lô: ${esc(p.quantity.toLocaleString('vi-VN'))} ${esc(p.unit ?? '')}<br>` : ''}` +
    `Mã lô GS1: <code>${esc(p.epcClass)}</code></p>`;
  const ocop = p.ocop
    ? `<p id="ocop"><span class="stars">${'★'.repeat(p.ocop.stars)}${'☆'.repeat(5 - p.ocop.stars)}</span> Sản phẩm OCOP ${p.ocop.stars} sao ` +
      `(số ${esc(p.ocop.certificateNo)}, hiệu lực đến ${esc(viDate(p.ocop.validUntil))})</p>`
    : '';
  const certs =
    p.certifications.length === 0
      ? '<p class="muted">Chưa khai báo chứng nhận.</p>'
      : `<ul id="certifications">${p.certifications
          .map(
            (c) =>
              `<li>${esc(c.scheme)} số ${esc(c.certificateNo)}${c.issuer ? `, ${esc(c.issuer)}` : ''} — ` +
              `${c.valid ? `còn hiệu lực đến ${esc(viDate(c.validUntil))}` : `<span class="warn">hết hiệu lực từ ${esc(viDate(c.validUntil))}</span>`}</li>`,
          )
          .join('')}</ul>`;
  return layout(
    `${p.productName} — Truy xuất nguồn gốc`,
    `<p class="muted">Truy xuất nguồn gốc · mã <b id="trace-code">${esc(groupedCode(p.traceCode))}</b></p>` +
      `<h1>${esc(p.productName)}</h1>${verificationBadge(p.verification)}` +
      `<section><h2>Nhà sản xuất</h2>${producer}</section>` +
      `<section><h2>Vùng trồng và lô hàng</h2>${plot}${lot}</section>` +
      `<section><h2>Chứng nhận</h2>${ocop}${certs}</section>` +
      `<section id="diary"><h2>Nhật ký canh tác</h2>${timeline(p.diary, 'Chưa có ghi chép.')}</section>` +
      `<section id="journey"><h2>Hành trình đến tay bạn</h2>${timeline(p.journey, 'Chưa có thông tin vận chuyển.')}</section>` +
      `<p class="muted"><small>Dữ liệu theo chuẩn GS1 EPCIS 2.0; mỗi sự kiện được băm (SHA-256) và nối chuỗi để phát hiện sửa đổi.</small></p>`,
  );
}

export function renderNotFound(code: string): string {
  return layout(
    'Không tìm thấy mã truy xuất',
    `<h1>Không tìm thấy mã truy xuất</h1><p>Mã <b>${esc(code)}</b> không có trong hệ thống. ` +
      `Hãy kiểm tra lại 8 ký tự in dưới mã QR (không phân biệt chữ hoa, chữ thường).</p>` +
      `<p class="muted">Trace code not found. Please check the 8 characters printed under the QR code.</p>`,
  );
}
