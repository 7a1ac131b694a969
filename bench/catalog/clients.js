'use strict';
// Clients of the catalog benchmark: the gateway over HTTP, and the catalog service's own SQL,
// captured from its compiled read code and replayed over pg.
const http = require('node:http');
const path = require('node:path');
const { DIST } = require('../../tools/build');
const { PAGE, SEARCHES, searchPath } = require('./workload');

function httpGetter(baseUrl, key, maxSockets) {
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  const base = new URL(baseUrl);
  const get = (pathAndQuery) =>
    new Promise((resolve, reject) => {
      const req = http.get(
        { host: base.hostname, port: base.port, path: pathAndQuery, agent, headers: { Authorization: `Bearer ${key}` }, timeout: 15000 },
        (res) => {
          // The body is read to its end but not parsed: the generator shares the two cores with
          // what it measures, and parsing every 20 KB search page was CPU taken from the gateway.
          // What the answers contain is checked through the gateway before the load (checkAnswers).
          const chunks = [];
          const ok = res.statusCode === 200 && /^application\/json/.test(res.headers['content-type'] ?? '');
          res.on('data', (c) => {
            if (!ok) chunks.push(c);
          });
          res.on('end', () => {
            if (ok) return resolve(undefined);
            const body = Buffer.concat(chunks).toString('utf8');
            reject(new Error(`GET ${pathAndQuery}: ${res.statusCode} ${res.headers['content-type']} ${body.slice(0, 200)}`));
          });
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`GET ${pathAndQuery}: no answer in 15 s`)));
      req.on('error', reject);
    });
  return { get, close: () => agent.destroy() };
}

/**
 * The load does not parse answers (httpGetter), so they are checked here, once each through the
 * gateway: the product asked for, and every search's page with the first hit the service's own
 * code gave on the same data.
 */
async function checkAnswers(gatewayUrl, key, id, searches) {
  const get = async (p) => {
    const res = await fetch(`${gatewayUrl}${p}`, { headers: { Authorization: `Bearer ${key}` } });
    if (res.status !== 200) throw new Error(`GET ${p}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const product = await get(`/v1/products/${id}`);
  if (product.id !== id) throw new Error(`GET /v1/products/${id} answered product ${product.id}`);
  for (const [i, s] of SEARCHES.entries()) {
    const page = await get(searchPath(s.query));
    if (page.items.length !== searches[i].hits || (page.items[0]?.name ?? '—') !== searches[i].top)
      throw new Error(
        `${searchPath(s.query)}: ${page.items.length} hits, first ${page.items[0]?.name}; the service code gave ${searches[i].hits}, ${searches[i].top}`,
      );
  }
  console.log(`answers checked through the gateway: product ${id}, ${SEARCHES.length} searches`);
}

/**
 * Runs the catalog service's own read code (compiled, from DIST) once per distinct request against
 * the seeded database and records every statement it sends, so the baseline replays exactly that SQL.
 */
async function captureServiceSql(catalogUrl, productIds) {
  require('reflect-metadata');
  const { DataSource } = require('typeorm');
  const { serviceDataSourceOptions } = require(path.join(DIST, 'libs/persistence/src'));
  const { withMessagingTables, Outbox } = require(path.join(DIST, 'libs/messaging/src'));
  const { CATALOG_ENTITIES, CATALOG_MIGRATIONS } = require(path.join(DIST, 'apps/catalog/src/catalog.module'));
  const { ProductsService } = require(path.join(DIST, 'apps/catalog/src/products/products.service'));
  const { ProductRepository } = require(path.join(DIST, 'apps/catalog/src/products/product.repository'));
  const { SellerRepository } = require(path.join(DIST, 'apps/catalog/src/sellers/seller.repository'));
  const { ProductSearchService } = require(path.join(DIST, 'apps/catalog/src/products/product-search.service'));
  const { ProductSearchRepository } = require(path.join(DIST, 'apps/catalog/src/products/product-search.repository'));
  let statements = [];
  const logger = {
    logQuery: (sql, parameters) => statements.push({ sql, params: parameters ?? [] }),
    logQueryError: () => undefined,
    logQuerySlow: () => undefined,
    logSchemaBuild: () => undefined,
    logMigration: () => undefined,
    log: () => undefined,
  };
  const ds = new DataSource({
    ...serviceDataSourceOptions({
      url: catalogUrl,
      ...withMessagingTables({ entities: CATALOG_ENTITIES, migrations: CATALOG_MIGRATIONS }),
      poolSize: 2,
    }),
    logging: ['query'],
    logger,
  });
  await ds.initialize();
  const caller = { keyId: 'bench', role: 'storefront' };
  const products = new ProductsService(ds, new ProductRepository(ds), new SellerRepository(ds), new Outbox('/nongsan/bench'));
  const search = new ProductSearchService(new ProductSearchRepository(ds));
  const take = async (fn) => {
    statements = [];
    const result = await fn();
    return { statements, result };
  };
  try {
    const gets = [];
    for (const id of productIds) gets.push((await take(() => products.get(caller, id))).statements);
    const searches = [];
    for (const s of SEARCHES) {
      const { statements: st, result } = await take(() => search.search(caller, { ...s.query, limit: PAGE }));
      searches.push({ statements: st, hits: result.items.length, top: result.items[0]?.name ?? '—' });
    }
    return { gets, searches };
  } finally {
    await ds.destroy();
  }
}

/** Replays one request's statements on one pooled connection, in order, as the service's driver would. */
async function replay(pool, statements) {
  const client = await pool.connect();
  try {
    for (const s of statements) await client.query(s.sql, s.params);
    client.release();
  } catch (e) {
    // A timed-out statement leaves its transaction aborted: discard the connection, not reuse it.
    client.release(true);
    throw e;
  }
}

module.exports = { httpGetter, checkAnswers, captureServiceSql, replay };
