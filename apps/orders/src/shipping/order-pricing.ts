import type { DeliveryAddress, FieldError, OrderItemRequest } from '@app/contracts';
import { ValidationFailedError } from '@app/platform';
import type { CatalogProduct } from '../catalog-view/catalog-product.entity';
import type { SubOrderItem } from '../orders/sub-order.entity';
import { codFee, shippingFee, zoneOf, type Tariff, type Zone } from './tariff';

export interface PricedSubOrder {
  sellerId: string;
  partnerId: string;
  sellerName: string;
  sender: CatalogProduct['seller'];
  zone: Zone;
  items: SubOrderItem[];
  weightGrams: number;
  itemsVnd: number;
  shippingVnd: number;
  codFeeVnd: number;
  /** What the postman collects for this parcel: its items and its shipping. */
  codVnd: number;
}

/**
 * Splits requested items into one priced sub-order per seller, from the catalog's prices (never
 * the client's). Unknown or unavailable products are the caller's error, each named.
 */
export function priceOrder(
  items: OrderItemRequest[],
  products: CatalogProduct[],
  address: DeliveryAddress,
  tariff: Tariff,
  service: 'standard' | 'express',
): PricedSubOrder[] {
  const byId = new Map(products.map((p) => [p.productId, p]));
  const errors: FieldError[] = [];
  items.forEach((item, i) => {
    const p = byId.get(item.productId);
    if (!p || !p.visible) {
      errors.push({
        field: `items[${i}].productId`,
        message: `product ${item.productId} is not on sale`,
        messageVi: `sản phẩm ${item.productId} không còn bán`,
      });
    }
  });
  if (errors.length > 0) throw new ValidationFailedError(errors, 'Some items cannot be ordered.').vi('Một số sản phẩm không đặt được.');
  const bySeller = new Map<string, PricedSubOrder>();
  for (const item of items) {
    const p = byId.get(item.productId)!;
    let sub = bySeller.get(p.sellerId);
    if (!sub) {
      sub = {
        sellerId: p.sellerId,
        partnerId: p.seller.partnerId,
        sellerName: p.seller.name,
        sender: p.seller,
        zone: zoneOf(p.seller.provinceCode, address.provinceCode),
        items: [],
        weightGrams: 0,
        itemsVnd: 0,
        shippingVnd: 0,
        codFeeVnd: 0,
        codVnd: 0,
      };
      bySeller.set(p.sellerId, sub);
    }
    const existing = sub.items.find((l) => l.productId === p.productId);
    if (existing) {
      existing.quantity += item.quantity;
      existing.lineVnd = existing.quantity * existing.unitPriceVnd;
    } else {
      sub.items.push({
        productId: p.productId,
        name: p.name,
        unit: p.unit,
        categoryId: p.categoryId,
        lotId: p.lotId,
        quantity: item.quantity,
        unitPriceVnd: p.priceVnd,
        lineVnd: item.quantity * p.priceVnd,
        weightGrams: p.weightGrams,
      });
    }
  }
  for (const sub of bySeller.values()) {
    sub.itemsVnd = sub.items.reduce((s, l) => s + l.lineVnd, 0);
    sub.weightGrams = sub.items.reduce((s, l) => s + l.quantity * l.weightGrams, 0);
    sub.shippingVnd = shippingFee(tariff, service, sub.zone, sub.weightGrams);
    sub.codVnd = sub.itemsVnd + sub.shippingVnd;
    sub.codFeeVnd = codFee(tariff, sub.codVnd);
  }
  return [...bySeller.values()];
}
