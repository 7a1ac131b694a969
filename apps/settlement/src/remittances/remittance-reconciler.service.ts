import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RemittanceReconciledV1, RemittanceRejectedV1 } from '@app/contracts';
import { event, Outbox } from '@app/messaging';
import { counter } from '@app/platform';
import { LedgerService } from '../ledger/ledger.service';
import type { SettlementEnv } from '../settlement.env';
import { SETTLEMENT_ENV } from '../settlement.tokens';
import { MissingRemittances } from './missing-remittances';
import { closePosting, outcomeTotals, stepPosting } from './reconciliation-postings';
import { ReconciliationRepository } from './reconciliation.repository';
import { RemittanceRepository } from './remittance.repository';

const ALL = 2 ** 31 - 1;

/**
 * Reconciles accepted statements in the background, step by step. All its state is in the
 * database: each step (an ordinal range of lines) is one transaction that classifies the lines,
 * marks shipments remitted, posts one ledger posting and advances `chunksDone`. A process that
 * dies mid-statement loses at most the step in flight (rolled back); whoever picks the statement
 * up next — this process after a restart, or another instance — goes on from `chunksDone`, and the
 * step's idempotent posting id makes a double post impossible. A session advisory lock keeps two
 * instances off the same statement (released by PostgreSQL if the holder dies).
 */
@Injectable()
export class RemittanceReconciler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(RemittanceReconciler.name);
  private readonly steps = counter('remittance_reconcile_steps_total', 'Reconciliation steps committed', ['carrier']);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopping = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly batches: RemittanceRepository,
    private readonly recon: ReconciliationRepository,
    private readonly ledger: LedgerService,
    private readonly missing: MissingRemittances,
    private readonly outbox: Outbox,
    @Inject(SETTLEMENT_ENV) private readonly env: SettlementEnv,
  ) {}

  onApplicationBootstrap(): void {
    // Statements left `processing` by a previous process are resumed right away, then on a timer.
    this.kick();
    this.timer = setInterval(() => this.kick(), this.env.SETTLEMENT_RECONCILE_POLL_MS);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    await this.running;
  }

  /** Runs a pass now (or right after the one in progress). */
  kick(): void {
    if (this.stopping) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.pass()
      .catch((e: unknown) => this.logger.error({ err: e }, 'reconciliation pass failed; retrying on the next tick'))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Waits for the pass in progress (tests and the benchmark). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async pass(): Promise<void> {
    for (const id of await this.batches.processingIds()) {
      if (this.stopping) return;
      await this.withLock(id, () => this.reconcile(id));
    }
  }

  private async withLock(id: string, work: () => Promise<void>): Promise<void> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query(`SELECT pg_try_advisory_lock(hashtext($1)) AS locked`, [`remittance:${id}`])) as {
        locked: boolean;
      }[];
      if (!locked) return;
      try {
        await work();
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(hashtext($1))`, [`remittance:${id}`]);
      }
    } finally {
      await runner.release();
    }
  }

  async reconcile(id: string): Promise<void> {
    let b = await this.batches.find(id);
    if (!b || b.status !== 'processing') return;
    if (!b.validated && !(await this.validate(id))) return;
    while (b.chunksDone < b.chunkCount) {
      if (this.stopping) return;
      await this.step(id, b.chunksDone);
      b = (await this.batches.find(id))!;
    }
    await this.close(id);
  }

  /** Refuses the whole statement, before anything is posted, if it names another carrier's shipments. */
  private async validate(id: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const b = (await this.batches.find(id, manager, true))!;
      const foreign = await this.recon.foreignShipmentLines(manager, id, b.carrierCode);
      if (foreign.length > 0) {
        await this.batches.insertErrors(manager, id, foreign);
        Object.assign(b, { status: 'rejected', errorCount: foreign.length });
        await this.batches.save(manager, b);
        await this.outbox.add(
          manager,
          event(RemittanceRejectedV1, id, { remittanceId: id, carrierCode: b.carrierCode, batchId: b.batchId, errorCount: foreign.length }),
        );
        this.logger.warn({ remittanceId: id, lines: foreign.length }, 'statement names other carriers’ shipments: rejected');
        return false;
      }
      b.validated = true;
      await this.batches.save(manager, b);
      return true;
    });
  }

  private async step(id: string, k: number): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const b = (await this.batches.find(id, manager, true))!;
      if (b.status !== 'processing' || b.chunksDone !== k) return;
      const from = k * b.chunkSize;
      const to = from + b.chunkSize;
      await this.recon.classify(manager, id, b.carrierCode, from, to);
      const outcomes = await this.recon.aggregate(manager, id, from, to);
      const releases = await this.recon.sellerReleases(manager, id, from, to);
      await this.ledger.post(manager, stepPosting(id, k, b.carrierCode, b.batchId, outcomes, releases));
      b.chunksDone = k + 1;
      await this.batches.save(manager, b);
    });
    this.steps.inc({ carrier: 'all' });
  }

  private async close(id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const b = (await this.batches.find(id, manager, true))!;
      if (b.status !== 'processing') return;
      const outcomes = outcomeTotals(await this.recon.aggregate(manager, id, 0, ALL));
      const netLinesVnd = Object.values(outcomes).reduce((s, o) => s + o.netRemittedVnd, 0);
      await this.ledger.post(manager, closePosting(id, b.carrierCode, b.batchId, b.bankTransferRef, netLinesVnd, b.totalTransferredVnd));
      const now = new Date();
      Object.assign(b, {
        status: 'reconciled',
        summary: { outcomes, netLinesVnd },
        missing: await this.missing.summary(manager, b.carrierCode, now),
        reconciledAt: now,
      });
      await this.batches.save(manager, b);
      await this.outbox.add(
        manager,
        event(RemittanceReconciledV1, id, {
          remittanceId: id,
          carrierCode: b.carrierCode,
          batchId: b.batchId,
          totalTransferredVnd: b.totalTransferredVnd,
          outcomes,
          reconciledAt: now.toISOString(),
        }),
      );
      this.logger.log({ remittanceId: id, lines: b.lineCount }, 'statement reconciled');
    });
  }
}
