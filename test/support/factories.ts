// Test data for unit specs: each factory returns a valid object in its usual state, and a spec
// overrides only the fields its rule is about.
import { v7 as uuidv7 } from 'uuid';
import { wardsOf, type ShipmentFacts } from '@app/contracts';
import { StockReservation } from '../../apps/catalog/src/stock/stock-reservation.entity';
import { Payout } from '../../apps/settlement/src/payouts/payout.entity';
import { CatalogProduct } from '../../apps/orders/src/catalog-view/catalog-product.entity';
import { Order } from '../../apps/orders/src/orders/order.entity';
import { SubOrder } from '../../apps/orders/src/orders/sub-order.entity';
import { Shipment } from '../../apps/orders/src/shipments/shipment.entity';
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

/** A confirmed COD order (totals of its sub-orders are the caller's to set). */
export function anOrder(overrides: Partial<Order> = {}): Order {
  return Object.assign(new Order(), {
    id: uuidv7(),
    storefrontKeyId: 'storefront-1',
    status: 'confirmed',
    buyerName: 'Trần Thị Mai',
    buyerPhone: '+84987654321',
    address: { provinceCode: '79', wardCode: wardsOf('79')[0].code, line: '12 Nguyễn Huệ' },
    paymentMethod: 'cod',
    service: 'standard',
    carrierCode: 'VNPOST',
    note: null,
    itemsVnd: 0,
    shippingVnd: 0,
    codVnd: 0,
    placementKey: null,
    placementHash: null,
    reason: null,
    placedAt: new Date('2026-12-07T01:00:00Z'),
    updatedAt: new Date('2026-12-07T01:00:00Z'),
    version: 1,
    changeXid: '1000',
    ...overrides,
  });
}

/** One seller's part of `order`, waiting for its (manual) seller unless told otherwise. */
export function aSubOrder(order: Order, overrides: Partial<SubOrder> = {}): SubOrder {
  return Object.assign(new SubOrder(), {
    id: uuidv7(),
    orderId: order.id,
    sellerId: uuidv7(),
    partnerId: 'partner-1',
    sellerName: 'HTX Vải thiều Lục Ngạn',
    status: 'awaiting_seller',
    acceptance: 'manual',
    acceptBy: new Date(Date.now() + 3_600_000),
    answeredAt: null,
    pickupFrom: null,
    pickupTo: null,
    declineReason: null,
    sellerNote: null,
    items: [
      {
        productId: uuidv7(),
        name: 'Vải thiều Lục Ngạn',
        unit: 'kg',
        categoryId: 'vai-nhan-chom-chom',
        lotId: null,
        quantity: 2,
        unitPriceVnd: 65000,
        lineVnd: 130000,
        weightGrams: 1000,
      },
    ],
    rejection: null,
    weightGrams: 2000,
    itemsVnd: 130000,
    shippingVnd: 37000,
    codFeeVnd: 5000,
    codVnd: 167000,
    shipmentId: null,
    ...overrides,
  });
}

/** The parcel of `sub`, requested from the carrier unless told otherwise. */
export function aShipment(sub: SubOrder, overrides: Partial<Shipment> = {}): Shipment {
  const party = { name: 'x', phone: '+84912345678', provinceCode: '24', wardCode: wardsOf('24')[0].code, line: 'Thôn 1' };
  return Object.assign(new Shipment(), {
    id: uuidv7(),
    orderId: sub.orderId,
    subOrderId: sub.id,
    carrierCode: 'VNPOST',
    trackingCode: null,
    status: 'requested',
    carrierStatusCode: null,
    statusAt: new Date(),
    sender: party,
    receiver: party,
    weightGrams: sub.weightGrams,
    codVnd: sub.codVnd,
    codCollectedVnd: null,
    pickupFrom: null,
    pickupTo: null,
    createdAt: new Date(),
    updatedAt: new Date(),
    ...overrides,
  });
}
