// Node runs this file by stripping its types; the app code it measures is loaded from the SWC build
// (decorators, path aliases) with require(), typed through `import type` of the sources.
/* eslint-disable @typescript-eslint/no-require-imports */
// Verification benchmark (issue 6): recompute the hash chain of a 10,000-event lot, as
// GET /v1/lots/{id}/verify does, on PostgreSQL; baseline in the same run: only reading the rows.
// Baseline and verify runs alternate, so a change of load on a shared machine hits both alike.
// Run: source tools/node24-env.sh && node bench/traceability-verify.ts [--events 10000] [--runs 20] [--no-analyze]
// env: DATABASE_URL (else embedded PostgreSQL on 25434, data in .data/pg-bench-trace), DIST_DIR (dist-bench-trace)
// The last line is `BENCH_RESULT {"rows":[…]}` for the collector.
import type { DataSource as DataSourceType } from 'typeorm';
import type * as ChainModule from '../apps/traceability/src/chain/lot-chain.service';
import type * as EventRepoModule from '../apps/traceability/src/chain/lot-event.repository';
import type * as FarmModule from '../apps/traceability/src/epcis/farm-event.mapper';
import type * as LotEntityModule from '../apps/traceability/src/lots/lot.entity';
import type * as LotRepoModule from '../apps/traceability/src/lots/lot.repository';
import type * as TraceModule from '../apps/traceability/src/traceability.module';
import type * as MessagingModule from '../libs/messaging/src';
import type * as PersistenceModule from '../libs/persistence/src';

const path = require('node:path') as typeof import('node:path');
const os = require('node:os') as typeof import('node:os');
const ROOT = path.resolve(__dirname, '..');
process.env.DIST_DIR ??= 'dist-bench-trace';
const { build, DIST } = require('../tools/build') as { build: (o?: { quiet?: boolean }) => void; DIST: string };
const { startEmbeddedPostgres } = require('../tools/embedded-pg') as {
  startEmbeddedPostgres: (o: { dir: string; port: number }) => Promise<{ url: string; stop: () => Promise<void> }>;
};

const { parseOptions } = require('./lib/options') as {
  parseOptions: <T extends Record<string, number | string | boolean>>(argv: string[], defaults: T, usage: string) => T;
};
const USAGE = `node bench/traceability-verify.ts [--events 10000] [--runs 20] [--no-analyze]
env: DATABASE_URL (else embedded PostgreSQL on 25434, data in .data/pg-bench-trace), DIST_DIR (dist-bench-trace)`;

function stats(ms: number[]): { median: number; p95: number; max: number } {
  const s = [...ms].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], p95: s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)], max: s[s.length - 1] };
}

/**
 * `runs` timed rounds after 3 warm-up rounds; each round runs every case once, in turn. Per run:
 * wall time, and this process's CPU time (on a busy machine the wall time is mostly waiting for a CPU).
 */
async function alternate(runs: number, cases: (() => Promise<unknown>)[]): Promise<{ wall: number[]; cpu: number[] }[]> {
  const out = cases.map(() => ({ wall: [] as number[], cpu: [] as number[] }));
  for (let i = 0; i < runs + 3; i++) {
    for (const [c, f] of cases.entries()) {
      const cpu = process.cpuUsage();
      const t = process.hrtime.bigint();
      await f();
      const wall = Number(process.hrtime.bigint() - t) / 1e6;
      const used = process.cpuUsage(cpu);
      if (i >= 3) {
        out[c].wall.push(wall);
        out[c].cpu.push((used.user + used.system) / 1000);
      }
    }
  }
  return out;
}

const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');

/** Issue 6: a 10,000-event lot verified within this (median). */
const TARGET_MS = 200;

async function main(): Promise<void> {
  let resultLine: string | undefined;
  const { events, runs, noAnalyze } = parseOptions(process.argv.slice(2), { events: 10_000, runs: 20, noAnalyze: false }, USAGE);
  const analyze = !noAnalyze;
  build({ quiet: true });
  const load = <T>(p: string) => require(path.join(DIST, p)) as T;
  const { TRACEABILITY_ENTITIES, TRACEABILITY_MIGRATIONS } = load<typeof TraceModule>('apps/traceability/src/traceability.module.js');
  const { LotChainService } = load<typeof ChainModule>('apps/traceability/src/chain/lot-chain.service.js');
  const { LotEventRepository } = load<typeof EventRepoModule>('apps/traceability/src/chain/lot-event.repository.js');
  const { LotRepository } = load<typeof LotRepoModule>('apps/traceability/src/lots/lot.repository.js');
  const { Lot } = load<typeof LotEntityModule>('apps/traceability/src/lots/lot.entity.js');
  const { farmEventToEpcis } = load<typeof FarmModule>('apps/traceability/src/epcis/farm-event.mapper.js');
  const { Outbox, withMessagingTables } = load<typeof MessagingModule>('libs/messaging/src/index.js');
  const { ensureDatabase, runMigrations, serviceDataSourceOptions } = load<typeof PersistenceModule>('libs/persistence/src/index.js');
  const { DataSource } = require('typeorm') as typeof import('typeorm');

  let stopPg = async () => undefined as void;
  let server = process.env.DATABASE_URL;
  if (!server) {
    const pg = await startEmbeddedPostgres({ dir: path.join(ROOT, '.data', 'pg-bench-trace'), port: 25434 });
    server = pg.url;
    stopPg = pg.stop;
  }
  const url = new URL(server);
  url.pathname = `/bench_trace_${Date.now().toString(36)}`;
  await ensureDatabase(url.toString());
  const ds: DataSourceType = await new DataSource(
    serviceDataSourceOptions({
      url: url.toString(),
      ...withMessagingTables({ entities: TRACEABILITY_ENTITIES, migrations: TRACEABILITY_MIGRATIONS }),
    }),
  ).initialize();
  try {
    await runMigrations(ds);
    const lots = new LotRepository(ds);
    const chain = new LotChainService(new LotEventRepository(ds), lots, new Outbox('/bench'));
    const lot = await ds.manager.save(
      Object.assign(new Lot(), {
        id: '0190f5c8-0000-7000-8000-000000000001',
        sellerId: '0190f5c8-0000-7000-8000-000000000002',
        partnerId: 'bench',
        productName: 'Vải thiều Lục Ngạn',
        traceCode: 'BENCH001',
        gtin: '09520000000017',
        epcClass: 'https://id.gs1.org/01/09520000000017/10/BENCH001',
        harvestDate: null,
        area: null,
        quantity: null,
        unit: 'kg',
        certifications: [],
        eventCount: 0,
        chainHead: null,
      }),
    );
    const kinds = ['planting', 'fertilizing', 'spraying', 'inspection', 'packing'] as const;
    const t0 = Date.now();
    for (let done = 0; done < events; done += 500) {
      await ds.transaction(async (m) => {
        const locked = (await lots.lock(m, lot.id))!;
        const batch = Array.from({ length: Math.min(500, events - done) }, (_, i) => {
          const kind = kinds[(done + i) % kinds.length];
          const occurredAt = new Date(Date.UTC(2026, 0, 1) + (done + i) * 60_000).toISOString().replace('Z', '+00:00');
          const req = {
            lotId: lot.id,
            kind,
            occurredAt,
            recordedBy: 'Nguyễn Văn Thắng',
            input: 'NPK 16-16-8',
            inputAmount: 2.5,
            inputUnit: 'kg',
            preHarvestIntervalDays: 7,
            result: 'pass' as const,
            quantity: 10,
          };
          return { epcis: farmEventToEpcis(req, locked, '07465'), source: 'diary' as const };
        });
        await chain.append(m, locked, batch);
      });
    }
    console.log(`seeded ${events} chained events in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    // Fresh statistics, as autovacuum gathers within a minute of such an insert; without them the
    // planner guesses a few rows and sorts 10,000 wide ones on disk (--no-analyze shows that case).
    if (analyze) await ds.query('ANALYZE lot_events');
    const readRows = 'SELECT seq, event_id, epcis, chain_hash FROM lot_events WHERE lot_id = $1 ORDER BY seq';
    const plan = (await ds.query<{ 'QUERY PLAN': string }[]>(`EXPLAIN ${readRows}`, [lot.id]))[0]['QUERY PLAN'].replace(/\s+\(cost.*$/, '');
    const current = (await lots.findById(lot.id))!;
    const verdict = await chain.verify(current);
    if (!verdict.intact || verdict.eventCount !== events) throw new Error(`unexpected verdict ${JSON.stringify(verdict)}`);
    const loadBefore = loadAverage();
    const [readRuns, verifyRuns] = await alternate(runs, [() => ds.query(readRows, [lot.id]), () => chain.verify(current)]);
    const loadAfter = loadAverage();
    const read = stats(readRuns.wall);
    const verify = stats(verifyRuns.wall);
    const ratio = verify.median / read.median;
    const met = verify.median <= TARGET_MS;
    const row = (name: string, s: ReturnType<typeof stats>, cpu: number[]) =>
      `${name.padEnd(34)} ${s.median.toFixed(1).padStart(8)} ${s.p95.toFixed(1).padStart(8)} ${s.max.toFixed(1).padStart(8)} ${stats(cpu).median.toFixed(1).padStart(12)}`;
    console.log(`\n${events} events, ${runs} alternating runs each after 3 warm-up runs; ms`);
    console.log(`rows read with: ${plan}${analyze ? '' : ' (no ANALYZE)'}`);
    console.log(`load average (1, 5, 15 min): ${loadBefore} before, ${loadAfter} after; ${os.cpus().length} CPUs`);
    console.log(`${'case'.padEnd(34)} ${'median'.padStart(8)} ${'p95'.padStart(8)} ${'max'.padStart(8)} ${'CPU median'.padStart(12)}`);
    console.log(row('baseline: read the rows only', read, readRuns.cpu));
    console.log(row('verify (read + digest + links)', verify, verifyRuns.cpu));
    console.log(`ratio verify / baseline (median): ${ratio.toFixed(2)}`);
    console.log(
      `target: verify median ≤ ${TARGET_MS} ms → ${met ? 'met' : 'NOT met'} (median ${verify.median.toFixed(1)} ms, p95 ${verify.p95.toFixed(1)} ms)`,
    );
    const result = {
      rows: [
        {
          benchmark: `traceability: verify a ${events.toLocaleString('en-US')}-event lot`,
          figure: `median ${verify.median.toFixed(1)} ms, p95 ${verify.p95.toFixed(1)} ms`,
          target: `≤ ${TARGET_MS} ms`,
          baseline: `reading the rows alone: median ${read.median.toFixed(1)} ms (ratio ${ratio.toFixed(2)})`,
          met,
          command: ['node bench/traceability-verify.ts', ...process.argv.slice(2)].join(' '),
        },
      ],
    };
    resultLine = `BENCH_RESULT ${JSON.stringify(result)}`;
  } finally {
    await ds.destroy();
    const admin = new URL(url.toString());
    admin.pathname = '/postgres';
    const { Client } = require('pg') as typeof import('pg');
    const c = new Client({ connectionString: admin.toString() });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${url.pathname.slice(1)}"`);
    await c.end();
    await stopPg();
  }
  // Printed last, after the clean-up, so that nothing follows it.
  if (resultLine) console.log(resultLine);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
