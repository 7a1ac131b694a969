import { ProductCache } from './product-cache';

describe('ProductCache', () => {
  let now = 0;
  let day = '2026-12-08';
  const live = () => {
    const c = new ProductCache(
      2,
      1000,
      3000,
      () => now,
      () => day,
    );
    c.joinedGroup();
    c.fetched();
    return c;
  };
  const filled = (c: ProductCache, id: string, body: string) => c.fill(c.begin(id)!, body);

  beforeEach(() => {
    now = 1_000_000;
    day = '2026-12-08';
  });

  it('answers what it was filled with, under one ETag, until an event names the product', () => {
    const c = live();
    const { etag } = filled(c, 'a', '{"stock":5}');
    expect(c.get('a')).toMatchObject({ body: '{"stock":5}', etag });
    c.changed('a');
    expect(c.get('a')).toBeUndefined();
  });

  it('does not keep a fill that an event about its product overtook', () => {
    const c = live();
    const ticket = c.begin('a')!;
    c.changed('a'); // the stock moved while the catalog was answering
    c.fill(ticket, '{"stock":5}');
    expect(c.get('a')).toBeUndefined();
    filled(c, 'a', '{"stock":4}');
    expect(c.get('a')?.body).toBe('{"stock":4}');
  });

  it('answers nothing before the consumer joined and fetched, nor once its fetches stop', () => {
    const c = new ProductCache(
      2,
      1000,
      3000,
      () => now,
      () => day,
    );
    expect(c.begin('a')).toBeNull();
    c.joinedGroup();
    expect(c.live).toBe(false); // the first fetch resolves where it starts
    c.fetched();
    filled(c, 'a', 'x');
    now += 3001;
    expect(c.get('a')).toBeUndefined();
    c.fetched();
    expect(c.get('a')?.body).toBe('x');
  });

  it('forgets everything when the consumer leaves or rejoins its group, and a fill begun before is not kept', () => {
    const c = live();
    filled(c, 'a', 'x');
    const ticket = c.begin('b')!;
    c.leftGroup();
    c.joinedGroup();
    c.fetched();
    c.fill(ticket, 'y');
    expect(c.get('a')).toBeUndefined();
    expect(c.get('b')).toBeUndefined();
  });

  it('serves an entry only on the Vietnam date it was filled (OCOP and certifications expire by date)', () => {
    const c = live();
    filled(c, 'a', 'x');
    day = '2026-12-09';
    expect(c.get('a')).toBeUndefined();
  });

  it('keeps at most its size, dropping the oldest fill', () => {
    const c = live();
    filled(c, 'a', '1');
    filled(c, 'b', '2');
    filled(c, 'c', '3');
    expect([c.get('a'), c.get('b')?.body, c.get('c')?.body]).toEqual([undefined, '2', '3']);
  });

  it('size 0 is no cache', () => {
    const c = new ProductCache(
      0,
      0,
      3000,
      () => now,
      () => day,
    );
    c.joinedGroup();
    c.fetched();
    expect(c.begin('a')).toBeNull();
  });

  it('keeps a search page for its TTL, and drops every page on a product’s full-state change', () => {
    const c = live();
    c.keepPage('q=gao', c.beginPage()!, 'page', 'W/"v1"');
    expect(c.page('q=gao')).toMatchObject({ body: 'page', etag: 'W/"v1"' });
    now += 1001;
    expect(c.page('q=gao')).toBeUndefined();
    c.keepPage('q=gao', c.beginPage()!, 'page 2', null);
    const begun = c.beginPage()!;
    c.productChanged();
    expect(c.page('q=gao')).toBeUndefined();
    c.keepPage('q=che', begun, 'older than the change', null);
    expect(c.page('q=che')).toBeUndefined();
  });
});
