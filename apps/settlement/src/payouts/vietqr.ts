/** EMVCo TLV field: id, two-digit length, value. */
function tlv(id: string, value: string): string {
  return `${id}${String(value.length).padStart(2, '0')}${value}`;
}

/** CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF), as EMVCo QR requires, upper-case hex. */
export function crc16(text: string): string {
  let crc = 0xffff;
  for (const byte of Buffer.from(text, 'utf8')) {
    crc ^= byte << 8;
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

/**
 * A VietQR (NAPAS 247) payload for a transfer of exactly `amountVnd` to an account: EMVCo
 * merchant-presented QR, dynamic, GUID A000000727, service QRIBFTTA (to an account), currency 704.
 */
export function vietQrPayload(o: { bankBin: string; accountNumber: string; amountVnd: number; purpose: string }): string {
  const beneficiary = tlv('00', o.bankBin) + tlv('01', o.accountNumber);
  const merchant = tlv('00', 'A000000727') + tlv('01', beneficiary) + tlv('02', 'QRIBFTTA');
  // Purpose text in the additional data field: ASCII only, as banks print it on the transfer.
  const purpose = o.purpose
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, '')
    .slice(0, 50);
  const body =
    tlv('00', '01') +
    tlv('01', '12') +
    tlv('38', merchant) +
    tlv('53', '704') +
    tlv('54', String(o.amountVnd)) +
    tlv('58', 'VN') +
    tlv('62', tlv('08', purpose)) +
    '6304';
  return body + crc16(body);
}
