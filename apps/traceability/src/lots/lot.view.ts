import type { LotView } from '@app/contracts';
import { toVietnamIso } from '@app/platform';
import type { Lot } from './lot.entity';

export function lotView(l: Lot): LotView {
  return {
    id: l.id,
    sellerId: l.sellerId,
    productName: l.productName,
    traceCode: l.traceCode,
    epcClass: l.epcClass,
    gtin: l.gtin,
    harvestDate: l.harvestDate,
    area: l.area,
    quantity: l.quantity,
    unit: l.unit,
    certifications: l.certifications,
    eventCount: l.eventCount,
    createdAt: toVietnamIso(l.createdAt),
  };
}
