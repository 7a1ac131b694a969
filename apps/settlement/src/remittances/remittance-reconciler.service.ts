import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Outbox } from '@app/messaging';
import { withTryAdvisoryLock } from '@app/persistence';
import { counter } from '@app/platform';
import { LedgerService } from '../ledger/ledger.service';
import type { SettlementEnv } from '../settlement.env';
import { SETTLEMENT_ENV } from '../settlement.tokens';
import { MissingRemittances } from './missing-remittances';
import { closePosting, outcomeTotals, releasePosting, stepPosting } from './reconciliation-postings';
import { ReconciliationRepository, type RangeResult } from './reconciliation.repository';
import { markReconciled, reject } from './remittance-state';
import { RemittanceRepository } from './remittance.repository';
import { RemittanceTally } from './remittance-tally';

/**
 * Reconciles accepted remittances in the background, step by step. All its state is in the
 * database: each step (an ordinal range of lines) is one transaction that classifies the lines,
 * marks shipments remitted, posts one ledger posting and advances `chunksDone`; the close posts
 * the sellers' shares and the bank transfer. A process that dies mid-remittance loses at most the
 * step in flight (rolled back); whoever picks the remittance up next — this process after a
 * restart, or another instance — goes on from `chunksDone`, and the step's idempotent posting id
 * makes a double post impossible.
 *
 * Remittances of different carriers are reconciled side by side (up to
 * `SETTLEMENT_RECONCILE_CONCURRENCY`): their steps touch different shipments and accounts.
 * A carrier's remittances go one after the other under a session advisory lock on the carrier,
 * which also keeps other instances off them (released by PostgreSQL if the holder dies).
 */
@Injectable()
export class RemittanceReconciler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(RemittanceReconciler.name);
  private readonly steps = counter('remittance_reconcile_steps_total', 'Reconciliation steps committed', ['carrier']);
  private timer?: NodeJS.Timeout;
  private scanning?: Promise<void>;
  private rescan = false;
  /** Carriers being worked on by this process, and the work. */
  private readonly active = new Map<string, Promise<void>>();
  private stopping = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly remittances: RemittanceRepository,
    private readonly recon: ReconciliationRepository,
    private readonly ledger: LedgerService,
    private readonly missing: MissingRemittances,
    private readonly outbox: Outbox,
    @Inject(SETTLEMENT_ENV) private readonly env: SettlementEnv,
  ) {}

  onApplicationBootstrap(): void {
    // Remittances left `processing` by a previous process are resumed right away, then on a timer.
    this.kick();
    this.timer = setInterval(() => this.kick(), this.env.SETTLEMENT_RECONCILE_POLL_MS);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    await this.idle();
  }

  /** Starts work on the remittances waiting (now, or right after the look in progress). */
  kick(): void {
    if (this.stopping) return;
    if (this.scanning) {
      this.rescan = true;
      return;
    }
    this.scanning = this.scan()
      .catch((e: unknown) => this.logger.error({ err: e }, 'looking for remittances to reconcile failed; retrying on the next tick'))
      .finally(() => {
        this.scanning = undefined;
        if (this.rescan) {
          this.rescan = false;
          this.kick();
        }
      });
  }

  /** Waits until nothing is in progress (tests and the benchmark). */
  async idle(): Promise<void> {
    while (this.scanning || this.active.size > 0) await Promise.all([this.scanning, ...this.active.values()]);
  }

  private async scan(): Promise<void> {
    const carriers = [...new Set((await this.remittances.processing()).map((s) => s.carrierCode))];
    for (const carrier of carriers) {
      if (this.stopping || this.active.size >= this.env.SETTLEMENT_RECONCILE_CONCURRENCY) return;
      if (this.active.has(carrier)) continue;
      const work = this.drain(carrier).then(
        // More may have arrived meanwhile, or a slot is free for another carrier. Not if the carrier
        // was another instance's: that one goes on, and the timer looks again.
        (worked) => {
          this.active.delete(carrier);
          if (worked) this.kick();
        },
        // A failed step was rolled back whole; it is retried on the next tick, not in a loop.
        (e: unknown) => {
          this.active.delete(carrier);
          this.logger.error({ err: e, carrier }, 'reconciliation failed; retrying on the next tick');
        },
      );
      this.active.set(carrier, work);
    }
  }

  /** Every waiting remittance of one carrier, oldest first, under the carrier's lock; false if another holds it. */
  private async drain(carrier: string): Promise<boolean> {
    const run = await withTryAdvisoryLock(this.dataSource, `remittance-carrier:${carrier}`, async (manager) => {
      const waiting = await this.remittances.processing(carrier);
      for (const { id } of waiting) {
        if (this.stopping) break;
        await this.reconcile(manager, id);
      }
      return waiting.length > 0 && !this.stopping;
    });
    return run.locked && run.value;
  }

  private async reconcile(manager: EntityManager, id: string): Promise<void> {
    let b = await this.remittances.find(id, manager);
    if (!b || b.status !== 'processing') return;
    if (!b.validated && !(await this.validate(manager, id))) return;
    const tally = new RemittanceTally(b.chunksDone);
    while (b.chunksDone < b.chunkCount) {
      if (this.stopping) return;
      const k = b.chunksDone;
      const done = await this.step(manager, id, k);
      if (done) tally.add(k, done);
      b = (await this.remittances.find(id, manager))!;
    }
    await this.close(manager, id, tally);
  }

  /** Refuses the whole remittance, before anything is posted, if it names another carrier's shipments. */
  private async validate(outer: EntityManager, id: string): Promise<boolean> {
    return outer.transaction(async (manager) => {
      const b = (await this.remittances.find(id, manager, 'update'))!;
      const foreign = await this.recon.foreignShipmentLines(manager, id, b.carrierCode);
      if (foreign.length > 0) {
        await this.remittances.insertErrors(manager, id, foreign);
        const rejected = reject(b, foreign.length);
        await this.remittances.save(manager, b);
        await this.outbox.add(manager, rejected);
        this.logger.warn({ remittanceId: id, lines: foreign.length }, 'remittance names other carriers’ shipments: rejected');
        return false;
      }
      b.validated = true;
      await this.remittances.save(manager, b);
      return true;
    });
  }

  /** One step in one transaction; what it found once committed, undefined if it was not this process's to do. */
  private async step(outer: EntityManager, id: string, k: number): Promise<RangeResult | undefined> {
    const done = await outer.transaction(async (manager) => {
      const b = (await this.remittances.find(id, manager, 'update'))!;
      if (b.status !== 'processing' || b.chunksDone !== k) return undefined;
      const from = k * b.chunkSize;
      const r = await this.recon.reconcileRange(manager, id, b.carrierCode, from, from + b.chunkSize);
      if (r.marked !== r.settling) {
        // Throwing rolls the whole step back; the next pass classifies the range afresh.
        throw new Error(`remittance ${id} step ${k}: ${r.settling} lines settle but ${r.marked} shipments could be marked remitted`);
      }
      await this.ledger.post(manager, stepPosting(id, k, b.carrierCode, b.batchId, r.outcomes));
      await this.remittances.advance(manager, id, k + 1);
      return r;
    });
    if (done) this.steps.inc({ carrier: 'all' });
    return done;
  }

  private async close(outer: EntityManager, id: string, tally: RemittanceTally): Promise<void> {
    await outer.transaction(async (manager) => {
      const b = (await this.remittances.find(id, manager, 'update'))!;
      if (b.status !== 'processing') return;
      // The steps this process committed are counted; what came before them is read from the lines.
      const counted = tally.throughStep === b.chunkCount ? tally : new RemittanceTally(b.chunkCount);
      if (counted.fromStep > 0) {
        const before = counted.fromStep * b.chunkSize;
        counted.merge(await this.recon.aggregate(manager, id, before), await this.recon.sellerReleases(manager, id, before));
      }
      const outcomes = outcomeTotals(counted.totals());
      const netLinesVnd = Object.values(outcomes).reduce((s, o) => s + o.netRemittedVnd, 0);
      await this.ledger.post(manager, releasePosting(id, b.carrierCode, b.batchId, counted.releases()));
      await this.ledger.post(manager, closePosting(id, b.carrierCode, b.batchId, b.bankTransferRef, netLinesVnd, b.totalTransferredVnd));
      const now = new Date();
      const missing = await this.missing.summary(manager, b.carrierCode, now);
      const reconciled = markReconciled(b, { outcomes, netLinesVnd }, missing, now);
      await this.remittances.save(manager, b);
      await this.outbox.add(manager, reconciled);
      this.logger.log({ remittanceId: id, lines: b.lineCount }, 'remittance reconciled');
    });
  }
}
