import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { ShipmentDeliveredV1, type CallerIdentity, type LineOutcome, type RemittanceLineTuple } from '@app/contracts';
import { newEvent } from '@app/messaging';
import { serviceDatabaseUrl } from '@app/persistence';
import { loadEnv } from '@app/platform';
import { Remittance } from '../../apps/settlement/src/remittances/remittance.entity';
import { RemittanceIntakeService } from '../../apps/settlement/src/remittances/remittance-intake.service';
import { RemittanceReconciler } from '../../apps/settlement/src/remittances/remittance-reconciler.service';
import { SettlementEnv } from '../../apps/settlement/src/settlement.env';
import { SettlementModule } from '../../apps/settlement/src/settlement.module';
import { DeliveriesHandler } from '../../apps/settlement/src/shipments/deliveries.handler';
import { eventually, runId } from '../support/infra';
import { aShipmentFacts } from '../support/factories';

/**
 * A statement whose reconciling process is SIGKILLed halfway: the step in flight rolls back whole,
 * a restarted process resumes at `chunksDone`, and the ledger ends exactly as a clean run's — every
 * line reconciled once, the same postings with the same entries, balances exact to the đồng.
 * Each run has its own databases and in-process settlement apps; the shared cluster is untouched.
 */
jest.setTimeout(240000);

const CHUNK = 100; // SETTLEMENT_RECONCILE_CHUNK_LINES (its minimum): 11 steps for 1,045 lines
const KILL_AFTER_STEPS = 4; // the child dies inside step 5 (ordinals 400–499)
const CARRIER = 'VNPOST';
const carrier: CallerIdentity = { keyId: 'crash-test-carrier', role: 'carrier', carrierCode: CARRIER };

interface Shipment {
  shipmentId: string;
  trackingCode: string;
  sellerId: string;
  itemsVnd: number;
  shippingVnd: number;
  codVnd: number;
  daysAgo: number;
}
interface Line {
  trackingCode: string;
  shipmentId: string;
  cod: number;
  shipFee: number;
  codFee: number;
  returnFee: number;
  net: number;
}

/** A deterministic pseudo-random sequence (mulberry32), so every run seeds the same statement. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 5% commission (the default rate), half up per line, as CommissionPolicy computes it. */
const commissionOf = (items: number) => Math.floor((items * 500 + 5000) / 10000);
const shareOf = (s: Shipment) => s.itemsVnd - commissionOf(s.itemsVnd);

/** 1,000 delivered shipments in the statement, 30 delivered long ago and never remitted, 7 sellers. */
function scenario() {
  const rnd = prng(20260217);
  const sellers = Array.from({ length: 7 }, () => uuidv7());
  const mk = (i: number, daysAgo: number): Shipment => {
    const itemsVnd = 40000 + Math.floor(rnd() * 900) * 1000 + Math.floor(rnd() * 1000); // odd đồng: rounding matters
    const shippingVnd = 18000 + Math.floor(rnd() * 30) * 1000;
    return {
      shipmentId: uuidv7(),
      trackingCode: `EB${String(100000000 + i)}VN`,
      sellerId: sellers[i % sellers.length],
      itemsVnd,
      shippingVnd,
      codVnd: itemsVnd + shippingVnd,
      daysAgo,
    };
  };
  const remitted = Array.from({ length: 1000 }, (_, i) => mk(i, 1));
  const missing = Array.from({ length: 30 }, (_, i) => mk(1000 + i, [5, 10, 20, 40][i % 4]));
  const line = (s: Shipment, cod: number, withId: boolean): Line => {
    const shipFee = s.shippingVnd;
    const codFee = Math.round(cod * 0.008);
    return {
      trackingCode: s.trackingCode,
      shipmentId: withId ? s.shipmentId : '',
      cod,
      shipFee,
      codFee,
      returnFee: 0,
      net: cod - shipFee - codFee,
    };
  };
  const order = remitted.map((s, i) => ({ s, i, k: rnd() })).sort((a, b) => a.k - b.k);
  const lines: Line[] = order.map(({ s, i }) =>
    line(s, i % 50 === 1 ? s.codVnd - 10000 - i : i % 50 === 2 ? s.codVnd + 5000 + i : s.codVnd, i % 3 === 0),
  );
  // 20 lines for shipments we never had, and 25 lines repeating earlier ones (some within a step,
  // some across the step that dies and the steps after it).
  for (let u = 0; u < 20; u++) {
    const cod = 100000 + u * 1111;
    lines.splice(u * 50 + 7, 0, {
      trackingCode: `EB9${String(u).padStart(8, '0')}XX`,
      shipmentId: '',
      cod,
      shipFee: 20000,
      codFee: 800,
      returnFee: 0,
      net: cod - 20800,
    });
  }
  for (let d = 0; d < 25; d++) {
    const from = d * 37 + 5;
    lines.splice(Math.min(lines.length, from + [3, 120, 350][d % 3]), 0, { ...lines[from] });
  }
  const netLines = lines.reduce((t, l) => t + l.net, 0);
  return { sellers, remitted, missing, lines, transferred: netLines - 12345, netLines };
}

const S = scenario();

/** What the statement must come to, computed line by line on its own (the oracle). */
function expected() {
  const byTracking = new Map(S.remitted.map((s) => [s.trackingCode, s]));
  const seen = new Set<string>();
  const zero = () => ({ count: 0, codCollectedVnd: 0, expectedCodVnd: 0, netRemittedVnd: 0, differenceVnd: 0 });
  const outcomes: Record<LineOutcome, ReturnType<typeof zero>> = {
    matched: zero(),
    short: zero(),
    over: zero(),
    unknown: zero(),
    duplicate: zero(),
  };
  const released = new Map<string, number>();
  let fees = 0;
  for (const l of S.lines) {
    const s = byTracking.get(l.trackingCode);
    let outcome: LineOutcome;
    let exp = 0;
    if (!s) outcome = 'unknown';
    else if (seen.has(s.shipmentId)) outcome = 'duplicate';
    else {
      seen.add(s.shipmentId);
      exp = s.codVnd;
      outcome = l.cod === exp ? 'matched' : l.cod < exp ? 'short' : 'over';
      fees += l.shipFee + l.codFee + l.returnFee;
      if (outcome !== 'short') released.set(s.sellerId, (released.get(s.sellerId) ?? 0) + shareOf(s));
    }
    const o = outcomes[outcome];
    o.count += 1;
    o.codCollectedVnd += l.cod;
    o.expectedCodVnd += exp;
    o.netRemittedVnd += l.net;
    o.differenceVnd += l.cod - exp;
  }
  const all = [...S.remitted, ...S.missing];
  const sum = (xs: Shipment[], f: (s: Shipment) => number) => xs.reduce((t, s) => t + f(s), 0);
  const accounts = new Map<string, { debits: number; credits: number }>();
  const add = (code: string, debits: number, credits: number) => {
    const a = accounts.get(code) ?? { debits: 0, credits: 0 };
    accounts.set(code, { debits: a.debits + debits, credits: a.credits + credits });
  };
  add(
    `carrier:${CARRIER}:receivable`,
    sum(all, (s) => s.codVnd),
    outcomes.matched.expectedCodVnd + outcomes.short.expectedCodVnd + outcomes.over.expectedCodVnd,
  );
  for (const seller of S.sellers) {
    const owned = all.filter((s) => s.sellerId === seller);
    add(`seller:${seller}:pending`, released.get(seller) ?? 0, sum(owned, shareOf));
    add(`seller:${seller}:available`, 0, released.get(seller) ?? 0);
  }
  add(
    'platform:revenue:commission',
    0,
    sum(all, (s) => commissionOf(s.itemsVnd)),
  );
  add(
    'platform:revenue:fees',
    0,
    sum(all, (s) => s.codVnd - s.itemsVnd),
  );
  add(`platform:expense:carrier-fees:${CARRIER}`, fees, 0);
  add(`carrier:${CARRIER}:clearing`, S.netLines, S.netLines);
  add('platform:bank', S.transferred, 0);
  const discrepancyBalance =
    -outcomes.short.differenceVnd -
    outcomes.over.differenceVnd -
    outcomes.unknown.netRemittedVnd -
    outcomes.duplicate.netRemittedVnd +
    (S.netLines - S.transferred);
  return { outcomes, accounts, discrepancyBalance };
}

const E = expected();

async function boot(prefix: string): Promise<INestApplication> {
  const env = loadEnv(SettlementEnv, {
    DATABASE_URL: process.env.DATABASE_URL,
    DB_NAME_PREFIX: prefix,
    TRANSPORT: 'in-process',
    LOG_LEVEL: 'warn',
    SETTLEMENT_RECONCILE_CHUNK_LINES: String(CHUNK),
    SETTLEMENT_RECONCILE_POLL_MS: '3600000',
  });
  const app = await NestFactory.create(SettlementModule.forRoot(env), { logger: ['error'] });
  await app.init();
  return app;
}

/** Deliveries through the real handler (each one's inbox-style transaction), then the statement staged and accepted. */
async function seedAndSend(app: INestApplication): Promise<string> {
  const ds = app.get(DataSource);
  const deliveries = app.get(DeliveriesHandler);
  const all = [...S.remitted, ...S.missing];
  for (let i = 0; i < all.length; i += 200) {
    await ds.transaction(async (m) => {
      for (const s of all.slice(i, i + 200)) {
        const data = {
          ...aShipmentFacts({
            shipmentId: s.shipmentId,
            sellerId: s.sellerId,
            partnerId: 'crash-test-partner',
            carrierCode: CARRIER,
            trackingCode: s.trackingCode,
            itemsVnd: s.itemsVnd,
            shippingVnd: s.shippingVnd,
            codVnd: s.codVnd,
          }),
          deliveredAt: new Date(Date.now() - s.daysAgo * 86400000).toISOString(),
          codCollectedVnd: s.codVnd,
        };
        await deliveries.onDelivered(newEvent(ShipmentDeliveredV1, s.shipmentId, data, '/test/orders'), m);
      }
    });
  }
  const intake = app.get(RemittanceIntakeService);
  const { uploadId } = await intake.begin(carrier, {
    batchId: 'TET-2026-0217',
    bankTransferRef: 'FT26048000777',
    totalTransferredVnd: S.transferred,
    format: 'csv',
  });
  const tuples: RemittanceLineTuple[] = S.lines.map((l, i) => [
    i + 2,
    l.trackingCode,
    l.shipmentId,
    String(l.cod),
    String(l.shipFee),
    String(l.codFee),
    String(l.returnFee),
    String(l.net),
    '2026-02-16T10:00:00+07:00',
  ]);
  const hash = createHash('sha256');
  let seq = 0;
  for (let i = 0; i < tuples.length; i += 500, seq++) {
    const chunk = tuples.slice(i, i + 500);
    for (const t of chunk) hash.update(JSON.stringify(t.slice(1)) + '\n');
    expect(await intake.stage(carrier, { uploadId, seq, firstOrdinal: i, lines: chunk })).toEqual({ staged: chunk.length, errors: 0 });
  }
  const accepted = await intake.complete(carrier, {
    uploadId,
    chunks: seq,
    lineCount: tuples.length,
    contentHash: hash.digest('hex'),
    parseErrors: [],
    parseErrorCount: 0,
  });
  expect(accepted.remittance.status).toMatch(/processing|reconciled/);
  return accepted.remittance.id;
}

async function reconciled(ds: DataSource, id: string): Promise<Remittance> {
  return eventually(
    async () => {
      const b = await ds.getRepository(Remittance).findOneBy({ id });
      return b?.status === 'reconciled' ? b : undefined;
    },
    120000,
    `remittance ${id} reconciled`,
  );
}

/** The ledger as rows that a clean run and a resumed run must share (the remittance id aside). */
async function ledgerOf(ds: DataSource, remittanceId: string) {
  const accounts = await ds.query<{ code: string; debits: string; credits: string }[]>(
    'SELECT code, debits_vnd AS debits, credits_vnd AS credits FROM ledger_accounts ORDER BY code',
  );
  const postings = await ds.query<{ id: string; kind: string; description: string; fingerprint: string; total: string; entries: string }[]>(
    `SELECT replace(p.id, $1, 'R') AS id, p.kind, p.description, p.fingerprint, p.total_vnd AS total,
            (SELECT count(*) FROM ledger_entries e WHERE e.posting_id = p.id) AS entries
       FROM ledger_postings p ORDER BY 1`,
    [remittanceId],
  );
  const [entryTotals] = await ds.query<{ d: string; c: string; n: string }[]>(
    'SELECT sum(debit_vnd) AS d, sum(credit_vnd) AS c, count(*) AS n FROM ledger_entries',
  );
  return { accounts, postings, entryTotals };
}

async function lineState(ds: DataSource, id: string) {
  return ds.query<{ ordinal: number; outcome: LineOutcome | null; shipment_id: string | null; expected: string | null }[]>(
    'SELECT ordinal, outcome, shipment_id, expected_cod_vnd AS expected FROM remittance_lines WHERE remittance_id = $1 ORDER BY ordinal',
    [id],
  );
}

/** Everything a reconciled statement must come to, to the đồng, checked on its own database. */
async function expectExact(ds: DataSource, id: string): Promise<void> {
  const b = await reconciled(ds, id);
  expect(b.chunksDone).toBe(b.chunkCount);
  expect(b.chunkCount).toBe(Math.ceil(S.lines.length / CHUNK));
  expect(b.summary).toEqual({ outcomes: E.outcomes, netLinesVnd: S.netLines });
  expect(b.missing).toMatchObject({
    count: 30,
    codVnd: S.missing.reduce((t, s) => t + s.codVnd, 0),
    ageing: [
      { bucket: '3-7', count: 8, codVnd: S.missing.filter((s) => s.daysAgo === 5).reduce((t, s) => t + s.codVnd, 0) },
      { bucket: '8-14', count: 8, codVnd: S.missing.filter((s) => s.daysAgo === 10).reduce((t, s) => t + s.codVnd, 0) },
      { bucket: '15-30', count: 7, codVnd: S.missing.filter((s) => s.daysAgo === 20).reduce((t, s) => t + s.codVnd, 0) },
      { bucket: '31+', count: 7, codVnd: S.missing.filter((s) => s.daysAgo === 40).reduce((t, s) => t + s.codVnd, 0) },
    ],
  });

  // Every line has its outcome; every shipment of the statement is remitted by it, once.
  const lines = await lineState(ds, id);
  expect(lines).toHaveLength(S.lines.length);
  expect(lines.filter((l) => l.outcome === null)).toEqual([]);
  const [{ remitted, others }] = await ds.query<{ remitted: string; others: string }[]>(
    `SELECT count(*) FILTER (WHERE remittance_id = $1) AS remitted, count(*) FILTER (WHERE remittance_id IS DISTINCT FROM $1) AS others
       FROM settled_shipments`,
    [id],
  );
  expect({ remitted: Number(remitted), others: Number(others) }).toEqual({ remitted: S.remitted.length, others: S.missing.length });

  // The ledger: deliveries + one posting per step + the sellers' release + the close, nothing else;
  // balances to the đồng.
  const { accounts, postings, entryTotals } = await ledgerOf(ds, id);
  expect(postings.map((p) => p.id).filter((p) => !p.startsWith('delivery:'))).toEqual(
    [...Array.from({ length: b.chunkCount }, (_, k) => `remittance:R:step:${k}`), 'remittance:R:release', 'remittance:R:close'].sort(),
  );
  expect(postings).toHaveLength(S.remitted.length + S.missing.length + b.chunkCount + 2);
  // The release: one pair of entries per seller whose shares the statement made available.
  expect(postings.find((p) => p.id === 'remittance:R:release')).toMatchObject({
    kind: 'remittance',
    entries: String(2 * S.sellers.length),
  });
  const byCode = new Map(accounts.map((a) => [a.code, { debits: Number(a.debits), credits: Number(a.credits) }]));
  for (const [code, want] of E.accounts) expect({ code, ...byCode.get(code) }).toEqual({ code, ...want });
  const disc = byCode.get(`carrier:${CARRIER}:discrepancy`)!;
  expect(disc.debits - disc.credits).toBe(E.discrepancyBalance);
  expect(accounts.map((a) => a.code).sort()).toEqual([...E.accounts.keys(), `carrier:${CARRIER}:discrepancy`].sort());
  // Trial balance: the running totals agree with each other and with the entries themselves.
  const totalD = accounts.reduce((t, a) => t + Number(a.debits), 0);
  const totalC = accounts.reduce((t, a) => t + Number(a.credits), 0);
  expect({ totalD, totalC, entriesD: Number(entryTotals.d), entriesC: Number(entryTotals.c) }).toEqual({
    totalD,
    totalC: totalD,
    entriesD: totalD,
    entriesC: totalD,
  });
}

describe('a statement whose reconciling process is killed halfway', () => {
  let clean: { id: string; ledger: Awaited<ReturnType<typeof ledgerOf>>; lines: Awaited<ReturnType<typeof lineState>> };

  beforeAll(async () => {
    // The reference: the same deliveries and statement reconciled without interruption.
    const app = await boot(`${runId()}_stclean`);
    try {
      const ds = app.get(DataSource);
      const id = await seedAndSend(app);
      await reconciled(ds, id);
      clean = { id, ledger: await ledgerOf(ds, id), lines: await lineState(ds, id) };
      await expectExact(ds, id);
    } finally {
      await app.close();
    }
  });

  it('is reconciled exactly by a clean run (the reference)', () => {
    expect(clean.ledger.postings.length).toBeGreaterThan(S.remitted.length);
    expect(Object.values(E.outcomes).every((o) => o.count > 0)).toBe(true);
  });

  it('loses only the step in flight, and a restart finishes it with nothing posted twice', async () => {
    const prefix = `${runId()}_stkill`;
    // 1. Seed and accept the statement with this process's reconciler held off: the child reconciles it.
    let app = await boot(prefix);
    let id: string;
    try {
      jest.spyOn(app.get(RemittanceReconciler), 'kick').mockImplementation(() => undefined);
      id = await seedAndSend(app);
    } finally {
      await app.close();
    }

    // 2. A settlement process resumes it at boot and is SIGKILLed inside step KILL_AFTER_STEPS + 1.
    const child = spawn(process.execPath, [path.join(__dirname, '../fixtures/settlement-crashing-reconciler.js')], {
      env: { ...process.env, DB_NAME_PREFIX: prefix, KILL_AFTER_STEPS: String(KILL_AFTER_STEPS), LOG_LEVEL: 'warn' },
      stdio: 'pipe',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal })),
    );
    expect({ ...exit, stdout: stdout.trim(), stderr: stderr.trim() }).toEqual({
      code: null,
      signal: 'SIGKILL',
      stdout: `killing myself inside remittance:${id}:step:${KILL_AFTER_STEPS}`,
      stderr: '',
    });

    // 3. What the crash left, read before anything restarts: the committed steps, and no trace of
    //    the one in flight (its classification, remitted shipments and posting all rolled back).
    const db = await new DataSource({
      type: 'postgres',
      url: serviceDatabaseUrl(process.env.DATABASE_URL!, prefix, 'settlement'),
    }).initialize();
    try {
      const [batch] = await db.query<{ status: string; chunks_done: number }[]>(
        'SELECT status, chunks_done FROM remittance_batches WHERE id = $1',
        [id],
      );
      expect(batch).toEqual({ status: 'processing', chunks_done: KILL_AFTER_STEPS });
      const steps = await db.query<{ id: string }[]>(`SELECT id FROM ledger_postings WHERE id LIKE 'remittance:%' ORDER BY id`);
      expect(steps.map((p) => p.id)).toEqual(Array.from({ length: KILL_AFTER_STEPS }, (_, k) => `remittance:${id}:step:${k}`));
      const lines = await lineState(db, id);
      const doneUpTo = KILL_AFTER_STEPS * CHUNK;
      expect(lines.filter((l) => l.ordinal < doneUpTo && l.outcome === null)).toEqual([]);
      expect(lines.filter((l) => l.ordinal >= doneUpTo && l.outcome !== null)).toEqual([]);
      const settling = new Set(
        lines.filter((l) => l.ordinal < doneUpTo && ['matched', 'short', 'over'].includes(l.outcome!)).map((l) => l.shipment_id),
      );
      const remitted = await db.query<{ shipment_id: string }[]>('SELECT shipment_id FROM settled_shipments WHERE remittance_id = $1', [
        id,
      ]);
      expect(new Set(remitted.map((r) => r.shipment_id))).toEqual(settling);
      // The dead holder's advisory lock goes with its session (once PostgreSQL sees the socket closed).
      await eventually(
        async () =>
          (
            await db.query<unknown[]>(
              `SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
            )
          ).length === 0,
        10000,
        'the advisory lock of the killed process to be released',
      );
    } finally {
      await db.destroy();
    }

    // 4. A restarted settlement process resumes the statement at boot and finishes it.
    app = await boot(prefix);
    try {
      const ds = app.get(DataSource);
      await expectExact(ds, id);

      // 5. The same ledger as the clean run: the same postings, entries and balances, and every line
      //    classified the same way.
      const resumed = await ledgerOf(ds, id);
      expect(resumed.accounts).toEqual(clean.ledger.accounts);
      expect(resumed.postings).toEqual(clean.ledger.postings);
      expect(resumed.entryTotals).toEqual(clean.ledger.entryTotals);
      const norm = (ls: Awaited<ReturnType<typeof lineState>>) => ls.map((l) => [l.ordinal, l.outcome, l.shipment_id, l.expected]);
      expect(norm(await lineState(ds, id))).toEqual(norm(clean.lines));
    } finally {
      await app.close();
    }
  });
});
