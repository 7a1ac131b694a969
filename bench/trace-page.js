'use strict';
// Public trace page under load (issue 6): GET /t/{traceCode} at a fixed 200 requests/s through
// the gateway (which asks traceability over Kafka, with a 5 s page cache), against the gateway's
// own liveness endpoint at the same rate as the baseline. Starts its own broker and cluster.
//
//   DATABASE_URL=postgres://… node bench/trace-page.js [--rate 200] [--seconds 20]
const path = require('node:path');
const autocannon = require('autocannon');
process.env.DIST_DIR ??= 'dist-bench-trace-page';
const { stopStack } = require('../tools/stack');
const { startBenchStack } = require('./lib/bench-stack');
const { commandLine, runBenchmark } = require('./lib/common');
const { parseOptions } = require('./lib/options');

const ROOT = path.resolve(__dirname, '..');
const USAGE = `node bench/trace-page.js [--rate 200] [--seconds 20]
env: DATABASE_URL (required), DIST_DIR (dist-bench-trace-page), BENCH_KAFKA_PORT (19592), BENCH_GATEWAY_PORT (29500)`;
const o = parseOptions(process.argv.slice(2), { rate: 200, seconds: 20 }, USAGE);
const RATE = o.rate;
const SECONDS = o.seconds;
// Ports below the ephemeral range (32768–60999); the environment may move them off another run's.
const KAFKA_PORT = Number(process.env.BENCH_KAFKA_PORT ?? 19592);
const GATEWAY_PORT = Number(process.env.BENCH_GATEWAY_PORT ?? 29500);
const ADMIN = 'bench-admin-key-0123456789abcdef';
if (!process.env.DATABASE_URL) throw new Error('DATABASE_URL must name the PostgreSQL server');

async function call(base, method, p, key, body) {
  const res = await fetch(`${base}${p}`, {
    method,
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: body && JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 400) throw new Error(`${method} ${p}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

async function lotWithHistory(base) {
  const { wardsOf } = require(path.join(ROOT, process.env.DIST_DIR, 'libs/contracts/src'));
  const partner = (await call(base, 'POST', '/v1/admin/api-keys', ADMIN, { role: 'partner', name: 'bench partner' })).key;
  const seller = await call(base, 'POST', '/v1/sellers', partner, {
    name: 'HTX Vải thiều Lục Ngạn',
    kind: 'cooperative',
    phone: '0912345678',
    address: { provinceCode: '24', wardCode: wardsOf('24')[0].code, line: 'Thôn Đồng Vành' },
  });
  let lot;
  for (let i = 0; !lot; i++) {
    lot = await call(base, 'POST', '/v1/lots', partner, {
      sellerId: seller.id,
      productName: 'Vải thiều Lục Ngạn',
      harvestDate: '2026-06-15',
    }).catch((e) => {
      if (i > 50) throw e;
      return new Promise((r) => setTimeout(() => r(undefined), 200));
    });
  }
  const day = (d) => new Date(Date.UTC(2026, 5, d, 0, 30)).toISOString();
  for (const [kind, d, extra] of [
    ['planting', 1, {}],
    ['fertilizing', 3, { input: 'Phân hữu cơ vi sinh', inputAmount: 50, inputUnit: 'kg' }],
    ['inspection', 10, { result: 'pass' }],
    ['harvesting', 15, { quantity: 1200 }],
    ['packing', 16, {}],
  ]) {
    await call(base, 'POST', `/v1/lots/${lot.id}/events`, partner, { kind, occurredAt: day(d), recordedBy: 'Nguyễn Văn Thắng', ...extra });
  }
  return lot.traceCode;
}

function run(url) {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections: 20, overallRate: RATE, duration: SECONDS }, (err, r) => (err ? reject(err) : resolve(r)));
  });
}

async function main() {
  let benchRow;
  const stops = stopStack();
  try {
    const { cluster } = await startBenchStack(stops, {
      kafkaPort: KAFKA_PORT,
      gatewayPort: GATEWAY_PORT,
      prefix: `benchtp${Date.now().toString(36)}`,
      adminKey: ADMIN,
      broker: { wipe: true },
      logDir: null,
      env: { LOG_LEVEL: 'error', RATE_LIMIT_PER_MINUTE: '1000000' },
    });
    const code = await lotWithHistory(cluster.gatewayUrl);
    const page = await fetch(`${cluster.gatewayUrl}/t/${code}`);
    if (page.status !== 200) throw new Error(`trace page answered ${page.status}`);
    console.log(`trace page /t/${code}: ${(await page.text()).length} bytes; ${RATE}/s for ${SECONDS} s each …`);
    const baseline = await run(`${cluster.gatewayUrl}/health/live`);
    const trace = await run(`${cluster.gatewayUrl}/t/${code}`);
    const row = (name, r) => ({
      case: name,
      achievedPerSecond: +(r.requests.total / SECONDS).toFixed(1),
      non2xx: r.non2xx + r.errors,
      p50ms: r.latency.p50,
      p99ms: r.latency.p99,
      maxMs: r.latency.max,
    });
    const rows = [row('baseline: GET /health/live', baseline), row('GET /t/{traceCode}', trace)];
    console.table(rows);
    console.log(
      `p99 ratio trace page / baseline: ${(trace.latency.p99 / Math.max(1, baseline.latency.p99)).toFixed(2)}; target p99 ≤ 50 ms → ${trace.latency.p99 <= 50 && trace.non2xx === 0 ? 'met' : 'NOT met'}`,
    );
    const [b, t] = rows;
    benchRow = {
      benchmark: 'traceability: public trace page GET /t/{traceCode}',
      figure: `${t.achievedPerSecond}/s achieved of ${RATE}/s, p50 ${t.p50ms} ms, p99 ${t.p99ms} ms, ${t.non2xx} errors`,
      target: `p99 ≤ 50 ms at ${RATE}/s`,
      baseline: `gateway liveness at ${RATE}/s: p99 ${b.p99ms} ms (ratio ${(t.p99ms / Math.max(1, b.p99ms)).toFixed(2)})`,
      met: trace.latency.p99 <= 50 && t.non2xx === 0 && RATE >= 200,
      command: commandLine(),
    };
  } finally {
    await stops.runAll();
  }
  return benchRow && [benchRow];
}

runBenchmark(main);
