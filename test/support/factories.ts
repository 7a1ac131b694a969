// Test data for unit specs: each factory returns a valid object in its usual state, and a spec
// overrides only the fields its rule is about.
import { v7 as uuidv7 } from 'uuid';
import { wardsOf, type ShipmentFacts } from '@app/contracts';
import { StockReservation } from '../../apps/catalog/src/stock/stock-reservation.entity';
import { Payout } from '../../apps/settlement/src/payouts/payout.entity';
import { CatalogProduct } from '../../apps/orders/src/catalog-view/catalog-product.entity';
import { Remittance } from '../../apps/settlement/src/remittances/remittance.entity';
import { SettledShipment } from '../../apps/settlement/src/shipments/settled-shipment.entity';

export function aStockReservation(overrides: Partial<StockReservation> = {}): StockReservation {
  return Object.assign(new StockReservation(), {
    subOrderId: 'sub-1',
    orderId: 'order-1',
    status: 'reserved',
    lines: [{ productId: 'product-1', quantity: 2, unitPriceVnd: 45000 }],
    ...overrides,
  });
}

export function aRemittance(overrides: Partial<Remittance> = {}): Remittance {
  return Object.assign(new Remittance(), {
    id: '01939a6c-0000-7000-8000-000000000001',
    carrierCode: 'VNPOST',
    batchId: 'BK-2026-12-07',
    bankTransferRef: 'FT2634100001',
    totalTransferredVnd: 1_250_000,
    format: 'csv',
    status: 'processing',
    contentHash: 'sha256:abc',
    lineCount: 3,
    chunkCount: 1,
    chunkSize: 5000,
    chunksDone: 0,
    validated: false,
    errorCount: 0,
    errors: [],
    summary: null,
    missing: null,
    receivedAt: new Date('2026-12-07T01:00:00Z'),
    completedAt: new Date('2026-12-07T01:00:05Z'),
    reconciledAt: null,
    ...overrides,
  });
}

export function aPayout(overrides: Partial<Payout> = {}): Payout {
  return Object.assign(new Payout(), {
    id: '01939a6c-0000-7000-8000-000000000101',
    reference: 'payout-2026-12-07-0001',
    status: 'created',
    minimumVnd: 100_000,
    totalVnd: 2_400_000,
    itemCount: 2,
    createdAt: new Date('2026-12-07T02:00:00Z'),
    paidAt: null,
    ...overrides,
  });
}

export function aSettledShipment(overrides: Partial<SettledShipment> = {}): SettledShipment {
  return Object.assign(new SettledShipment(), {
    shipmentId: 'shp-1',
    orderId: 'order-1',
    sellerId: 'seller-1',
    partnerId: 'partner-1',
    carrierCode: 'VNPOST',
    trackingCode: 'EB123456789VN',
    receiverProvinceCode: '79',
    itemsVnd: 200_000,
    codVnd: 230_000,
    commissionVnd: 10_000,
    sellerShareVnd: 190_000,
    status: 'delivered',
    deliveredAt: new Date('2026-12-05T08:00:00Z'),
    returnedAt: null,
    remittanceId: null,
    remittedAt: null,
    createdAt: new Date('2026-12-05T08:00:01Z'),
    ...overrides,
  });
}

export function aCatalogProduct(overrides: Partial<CatalogProduct> = {}): CatalogProduct {
  return Object.assign(new CatalogProduct(), {
    productId: 'prod-gao-st25',
    sellerId: 'seller-htx-can-tho',
    name: 'Gạo ST25',
    unit: 'túi 5 kg',
    categoryId: 'gao',
    priceVnd: 180_000,
    weightGrams: 5000,
    lotId: null,
    visible: true,
    seller: {
      id: 'seller-htx-can-tho',
      partnerId: 'partner-1',
      name: 'HTX Lúa gạo Cần Thơ',
      phone: '0912345678',
      provinceCode: '92',
      wardCode: '31495',
      line: 'Ấp 3',
    },
    snapshotAt: new Date('2026-12-01T00:00:00Z'),
    ...overrides,
  });
}

/** A COD parcel of lychee from Bắc Giang to Hồ Chí Minh City, as orders reports its shipments. */
export function aShipmentFacts(overrides: Partial<ShipmentFacts> = {}): ShipmentFacts {
  const itemsVnd = overrides.itemsVnd ?? 100_000;
  const shippingVnd = overrides.shippingVnd ?? 30_000;
  return {
    shipmentId: uuidv7(),
    orderId: uuidv7(),
    subOrderId: uuidv7(),
    sellerId: 'seller-1',
    partnerId: 'partner-1',
    carrierCode: 'VNPOST',
    trackingCode: null,
    senderProvinceCode: '24',
    receiverProvinceCode: '79',
    receiverWardCode: wardsOf('79')[0].code,
    itemsVnd,
    shippingVnd,
    codVnd: itemsVnd + shippingVnd,
    lines: [{ productId: uuidv7(), name: 'Vải thiều', categoryId: 'vai-nhan-chom-chom', quantity: 1, unitPriceVnd: itemsVnd, lotId: null }],
    ...overrides,
  };
}
