import type { SellerStatement } from '@app/contracts';
import { csvCell as cell } from './csv-cell';

const HEADERS = {
  en: ['Posted at', 'Posting', 'Kind', 'Description', 'Account', 'Debit (VND)', 'Credit (VND)'],
  vi: ['Thời điểm ghi sổ', 'Mã bút toán', 'Loại', 'Diễn giải', 'Tài khoản', 'Nợ (đồng)', 'Có (đồng)'],
};
const ACCOUNTS_VI: Record<string, string> = { pending: 'Chờ đối soát', available: 'Khả dụng', payout: 'Đang chi trả' };

/** A statement as an Excel-friendly CSV: UTF-8 with BOM, CRLF, English or Vietnamese headers. */
export function statementCsv(s: SellerStatement, lang: 'vi' | 'en'): string {
  const rows = [HEADERS[lang].map(cell).join(',')];
  for (const l of s.lines) {
    const account = lang === 'vi' ? (ACCOUNTS_VI[l.account] ?? l.account) : l.account;
    rows.push([l.postedAt, l.postingId, l.kind, l.description, account, l.debitVnd, l.creditVnd].map(cell).join(','));
  }
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}
