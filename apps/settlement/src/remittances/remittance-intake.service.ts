import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { v7 as uuidv7, validate as isUuid } from 'uuid';
import {
  MAX_REMITTANCE_CHUNK_LINES,
  type BeginRemittanceRequest,
  type CallerIdentity,
  type CompleteRemittanceRequest,
  type ListRemittancesRequest,
  type Page,
  type RemittanceAccepted,
  type RemittanceSummaryView,
  type RemittanceLineError,
  type RemittanceView,
  type StageRemittanceChunkRequest,
} from '@app/contracts';
import { Outbox } from '@app/messaging';
import { toPage } from '@app/persistence';
import { ConflictError, DomainError, ForbiddenError, IllegalTransitionError, NotFoundError, ValidationFailedError } from '@app/platform';
import type { SettlementEnv } from '../settlement.env';
import { SETTLEMENT_ENV } from '../settlement.tokens';
import type { Remittance } from './remittance.entity';
import { checkRemittanceLine, type StagedLine } from './remittance-line-parser';
import { RemittanceReconciler } from './remittance-reconciler.service';
import { accept, openUpload, reject } from './remittance-state';
import { RemittanceRepository } from './remittance.repository';
import { remittanceSummary, remittanceView } from './remittance.view';

function carrierOf(caller: CallerIdentity): string {
  if (caller.role !== 'carrier' || !caller.carrierCode)
    throw new ForbiddenError('Only carrier keys send remittances.').vi('Chỉ khóa của hãng vận chuyển được gửi bảng kê.');
  return caller.carrierCode;
}

/**
 * Intake of a remittance in chunks: `begin` opens an upload, `stage` validates and stages a chunk
 * (idempotent per sequence number), `complete` accepts the whole (reconciled asynchronously),
 * refuses it with every malformed line, or recognises a replay of an accepted remittance.
 */
@Injectable()
export class RemittanceIntakeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly remittances: RemittanceRepository,
    private readonly reconciler: RemittanceReconciler,
    private readonly outbox: Outbox,
    @Inject(SETTLEMENT_ENV) private readonly env: SettlementEnv,
  ) {}

  async begin(caller: CallerIdentity, req: BeginRemittanceRequest): Promise<{ uploadId: string }> {
    const carrierCode = carrierOf(caller);
    const b = openUpload({
      id: uuidv7(),
      carrierCode,
      batchId: req.batchId,
      bankTransferRef: req.bankTransferRef,
      totalTransferredVnd: req.totalTransferredVnd,
      format: req.format,
      chunkSize: this.env.SETTLEMENT_RECONCILE_CHUNK_LINES,
    });
    await this.remittances.open(b);
    return { uploadId: b.id };
  }

  private async upload(
    caller: CallerIdentity,
    uploadId: string,
    manager?: EntityManager,
    lock: 'update' | 'share' = 'update',
  ): Promise<Remittance> {
    const carrierCode = carrierOf(caller);
    const b = isUuid(uploadId) ? await this.remittances.find(uploadId, manager, lock) : null;
    if (!b || b.carrierCode !== carrierCode) throw new NotFoundError('Remittance upload', uploadId, 'phiên tải bảng kê');
    if (b.status !== 'receiving') throw new IllegalTransitionError('Remittance upload', b.status, 'receiving');
    return b;
  }

  async stage(caller: CallerIdentity, req: StageRemittanceChunkRequest): Promise<{ staged: number; errors: number }> {
    if (req.lines.length > MAX_REMITTANCE_CHUNK_LINES) {
      throw new ValidationFailedError([{ field: 'lines', message: `at most ${MAX_REMITTANCE_CHUNK_LINES} lines per chunk` }]);
    }
    const valid: StagedLine[] = [];
    const errors: RemittanceLineError[] = [];
    for (let i = 0; i < req.lines.length; i++) {
      const line = checkRemittanceLine(req.lines[i], req.firstOrdinal + i, errors);
      if (line) valid.push(line);
    }
    return this.dataSource.transaction(async (manager) => {
      // A shared lock: the chunks of one upload are staged side by side, `complete` waits for them.
      const b = await this.upload(caller, req.uploadId, manager, 'share');
      if (!(await this.remittances.claimChunk(manager, b.id, req.seq, req.lines.length))) return { staged: 0, errors: 0 };
      await this.remittances.insertLines(manager, b.id, b.carrierCode, valid);
      await this.remittances.insertErrors(manager, b.id, errors);
      return { staged: valid.length, errors: errors.length };
    });
  }

  async complete(caller: CallerIdentity, req: CompleteRemittanceRequest): Promise<RemittanceAccepted> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const b = await this.upload(caller, req.uploadId, manager);
      const received = await this.remittances.chunkTotals(manager, b.id);
      if (received.chunks !== req.chunks || received.lines !== req.lineCount) {
        throw new DomainError(
          422,
          'incomplete_upload',
          'Incomplete upload',
          `Received ${received.chunks} chunks / ${received.lines} lines, the upload says ${req.chunks} / ${req.lineCount}.`,
        );
      }
      await this.remittances.insertErrors(manager, b.id, req.parseErrors);
      const accepted = await this.remittances.findAccepted(manager, b.carrierCode, b.batchId);
      if (accepted) {
        const same =
          accepted.contentHash === req.contentHash &&
          accepted.bankTransferRef === b.bankTransferRef &&
          accepted.totalTransferredVnd === b.totalTransferredVnd;
        if (!same) {
          throw new ConflictError(
            'remittance_batch_conflict',
            `Batch ${b.batchId} of ${b.carrierCode} was already received with other contents; use a new batchId for a new statement.`,
          ).vi(`Bảng kê ${b.batchId} đã được nhận với nội dung khác; hãy dùng batchId mới.`);
        }
        await this.remittances.discardStaged(manager, b.id, true);
        return { id: accepted.id, replayed: true };
      }
      const { count: errorCount } = await this.remittances.errors(b.id, 0, manager);
      b.contentHash = req.contentHash;
      b.lineCount = req.lineCount;
      b.chunkCount = Math.ceil(req.lineCount / b.chunkSize);
      b.completedAt = new Date();
      if (errorCount > 0 || req.parseErrorCount > 0 || req.lineCount === 0) {
        if (req.lineCount === 0 && errorCount === 0 && req.parseErrorCount === 0) {
          await this.remittances.insertErrors(manager, b.id, [
            { line: 0, field: 'lines', message: 'the statement has no lines', messageVi: 'bảng kê không có dòng nào' },
          ]);
        }
        const rejected = reject(b, Math.max(errorCount, req.parseErrorCount));
        await this.remittances.save(manager, b);
        await this.remittances.discardStaged(manager, b.id, false);
        await this.outbox.add(manager, rejected);
        return { id: b.id, replayed: false };
      }
      accept(b);
      await this.remittances.save(manager, b);
      return { id: b.id, replayed: false };
    });
    if (!outcome.replayed) this.reconciler.kick();
    return { remittance: await this.view(outcome.id), replayed: outcome.replayed };
  }

  /** A carrier's remittances (an operator's: all), newest first. */
  async list(caller: CallerIdentity, r: ListRemittancesRequest): Promise<Page<RemittanceSummaryView>> {
    const carrierCode = caller.role === 'admin' ? undefined : (caller.carrierCode ?? '');
    return toPage(await this.remittances.list(carrierCode, r.status, r.limit, r.cursor), r.limit, remittanceSummary, (b) => ({ id: b.id }));
  }

  async get(caller: CallerIdentity, id: string): Promise<RemittanceView> {
    const b = isUuid(id) ? await this.remittances.find(id) : null;
    // A carrier sees only its own remittances; an upload still receiving is not a remittance yet.
    if (!b || b.status === 'receiving' || (caller.role !== 'admin' && caller.carrierCode !== b.carrierCode)) {
      throw new NotFoundError('Remittance', id, 'bảng kê');
    }
    return this.view(id);
  }

  private async view(id: string): Promise<RemittanceView> {
    const b = (await this.remittances.find(id))!;
    const discrepancies = b.status === 'reconciled' ? await this.remittances.discrepancies(id, 1000) : { items: [], count: 0 };
    return remittanceView(b, discrepancies, await this.remittances.errors(id, 100));
  }
}
