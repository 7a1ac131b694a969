import { ValidationFailedError } from '@app/platform';
import { aCatalogProduct } from '../../../../test/support/factories';
import { priceOrder } from './order-pricing';
import { codFee, DEFAULT_TARIFF, shippingFee } from './tariff';

const hcm = { provinceCode: '79', wardCode: '26734', line: '12 Nguyễn Huệ' };
const hanoi = { provinceCode: '01', wardCode: '00004', line: '1 Tràng Tiền' };

const rice = aCatalogProduct();
const mango = aCatalogProduct({ productId: 'prod-xoai', name: 'Xoài cát Hòa Lộc', priceVnd: 95_000, weightGrams: 1000 });
const northSeller = {
  id: 'seller-moc-chau',
  partnerId: 'partner-2',
  name: 'HTX Chè Mộc Châu',
  phone: '0987654321',
  provinceCode: '14',
  wardCode: '04000',
  line: 'Bản Áng',
};
const tea = aCatalogProduct({ productId: 'prod-che', sellerId: northSeller.id, seller: northSeller, priceVnd: 120_000, weightGrams: 300 });

describe('order pricing', () => {
  it('makes one sub-order per seller, priced from the catalog and not from the client', () => {
    const subs = priceOrder(
      [
        { productId: rice.productId, quantity: 2 },
        { productId: tea.productId, quantity: 1 },
      ],
      [rice, tea],
      hcm,
      DEFAULT_TARIFF,
      'standard',
    );
    expect(subs.map((s) => s.sellerId)).toEqual([rice.sellerId, tea.sellerId]);
    expect(subs[0]).toMatchObject({ itemsVnd: 360_000, weightGrams: 10_000, partnerId: 'partner-1' });
    expect(subs[1]).toMatchObject({ itemsVnd: 120_000, weightGrams: 300, sellerName: 'HTX Chè Mộc Châu' });
  });

  it('adds a product asked for twice into one line', () => {
    const [sub] = priceOrder(
      [
        { productId: mango.productId, quantity: 1 },
        { productId: mango.productId, quantity: 2 },
      ],
      [mango],
      hcm,
      DEFAULT_TARIFF,
      'standard',
    );
    expect(sub.items).toHaveLength(1);
    expect(sub.items[0]).toMatchObject({ quantity: 3, unitPriceVnd: 95_000, lineVnd: 285_000 });
  });

  it('zones each parcel from its seller to the buyer and charges shipping and COD on it', () => {
    const [fromCanTho] = priceOrder([{ productId: mango.productId, quantity: 1 }], [mango], hcm, DEFAULT_TARIFF, 'standard');
    expect(fromCanTho.zone).toBe('intra_region');
    expect(fromCanTho.shippingVnd).toBe(shippingFee(DEFAULT_TARIFF, 'standard', 'intra_region', 1000));
    expect(fromCanTho.codVnd).toBe(fromCanTho.itemsVnd + fromCanTho.shippingVnd);
    expect(fromCanTho.codFeeVnd).toBe(codFee(DEFAULT_TARIFF, fromCanTho.codVnd));

    const [toHanoi] = priceOrder([{ productId: mango.productId, quantity: 1 }], [mango], hanoi, DEFAULT_TARIFF, 'express');
    expect(toHanoi.zone).toBe('inter_region');
    expect(toHanoi.shippingVnd).toBe(45_000 + 7_000);
  });

  it('names every item that is not on sale, unknown or hidden, and prices nothing', () => {
    const hidden = aCatalogProduct({ productId: 'prod-hidden', visible: false });
    let thrown: unknown;
    try {
      priceOrder(
        [
          { productId: rice.productId, quantity: 1 },
          { productId: 'prod-gone', quantity: 1 },
          { productId: hidden.productId, quantity: 1 },
        ],
        [rice, hidden],
        hcm,
        DEFAULT_TARIFF,
        'standard',
      );
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ValidationFailedError);
    expect((thrown as ValidationFailedError).errors!.map((e) => e.field)).toEqual(['items[1].productId', 'items[2].productId']);
  });
});
