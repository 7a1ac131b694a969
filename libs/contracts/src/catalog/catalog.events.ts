import { defineEvent } from '../cloud-event';
import { registerEvents } from '../event-registry';
import { Topics } from '../topics';
import type { OrderAcceptance } from '../orders/orders.events';
import type { ProductView } from './product.dto';
import type { SellerView } from './seller.dto';

/** A seller (farm household, cooperative, enterprise) was registered by a partner. */
export const SellerRegisteredV1 = defineEvent<SellerView>('catalog.seller.registered.v1', Topics.catalogEvents);

/** A seller's partner changed it (order acceptance, phone, pickup address): its state after the change. */
export const SellerUpdatedV1 = defineEvent<SellerView>('catalog.seller.updated.v1', Topics.catalogEvents);

/**
 * A product's full current state, after any change (price, stock, status, moderation). Other
 * services keep their read models from this; `visible` says whether storefronts may sell it.
 */
export interface ProductSnapshot extends ProductView {
  /** Active, not suspended, seller not suspended. */
  visible: boolean;
  /** Where the seller ships from (the shipment's sender). */
  seller: {
    id: string;
    partnerId: string;
    name: string;
    phone: string;
    provinceCode: string;
    wardCode: string;
    line: string;
    /** How the seller takes orders (absent in snapshots made before sellers chose: `manual`). */
    orderAcceptance?: OrderAcceptance;
  };
}
export const ProductUpdatedV1 = defineEvent<ProductSnapshot>('catalog.product.updated.v1', Topics.catalogEvents);

/** A product became visible to storefronts for the first time. */
export const ProductPublishedV1 = defineEvent<ProductSnapshot>('catalog.product.published.v1', Topics.catalogEvents);

export const ProductPriceChangedV1 = defineEvent<{ productId: string; sellerId: string; oldPriceVnd: number; newPriceVnd: number }>(
  'catalog.product.price-changed.v1',
  Topics.catalogEvents,
);

/**
 * A product's stock changed. Reservations handled together (a run of orders) report once per
 * product, with the stock after all of them: consumers keep the latest `stock`, not a ledger.
 */
export const ProductStockChangedV1 = defineEvent<{
  productId: string;
  sellerId: string;
  /** The stock now (after the change, or the run of changes, it reports). */
  stock: number;
  reason: 'adjusted' | 'reserved' | 'released';
}>('catalog.product.stock-changed.v1', Topics.catalogEvents);

/** Every line of a sub-order was reserved (all or nothing). */
export const StockReservedV1 = defineEvent<{
  orderId: string;
  subOrderId: string;
  lines: { productId: string; quantity: number; unitPriceVnd: number }[];
}>('catalog.stock.reserved.v1', Topics.catalogEvents);

/** A sub-order could not be reserved; nothing of it was. */
export const StockRejectedV1 = defineEvent<{
  orderId: string;
  subOrderId: string;
  lines: { productId: string; quantity: number; available: number; reason: 'insufficient_stock' | 'not_available' | 'unknown_product' }[];
}>('catalog.stock.rejected.v1', Topics.catalogEvents);

/** A reservation was given back (cancelled, rejected, returned, timed out). */
export const StockReleasedV1 = defineEvent<{ orderId: string; subOrderId: string; reason: string }>(
  'catalog.stock.released.v1',
  Topics.catalogEvents,
);

registerEvents(
  SellerRegisteredV1,
  SellerUpdatedV1,
  ProductUpdatedV1,
  ProductPublishedV1,
  ProductPriceChangedV1,
  ProductStockChangedV1,
  StockReservedV1,
  StockRejectedV1,
  StockReleasedV1,
);
