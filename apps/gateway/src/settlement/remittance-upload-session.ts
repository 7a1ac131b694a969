import { createHash } from 'node:crypto';
import { SettlementRpc, type RemittanceAccepted, type RemittanceLineError, type RemittanceLineTuple } from '@app/contracts';
import type { RequestContext } from '../http/request-context';
import type { ServiceClient } from '../rpc/service-client';

/** Lines per staging request, and a byte budget far under Kafka's 1 MB message limit. */
const CHUNK_LINES = 2000;
const CHUNK_BYTES = 400_000;
/** Staging requests in flight at once: enough to keep the service busy, bounded memory. */
const WINDOW = 4;

/** One upload in progress: buffers a chunk, keeps at most WINDOW staging requests in flight. */
export class RemittanceUploadSession {
  private chunk: RemittanceLineTuple[] = [];
  private bytes = 0;
  private seq = 0;
  private lines = 0;
  private readonly hash = createHash('sha256');
  private readonly inFlight = new Set<Promise<void>>();
  private failure: Error | undefined;

  constructor(
    private readonly services: ServiceClient,
    private readonly ctx: RequestContext,
    private readonly uploadId: string,
  ) {}

  async add(tuple: RemittanceLineTuple): Promise<void> {
    this.hash.update(JSON.stringify(tuple.slice(1)) + '\n');
    this.chunk.push(tuple);
    this.lines += 1;
    this.bytes += tuple.reduce<number>((s, v) => s + String(v).length + 3, 2);
    if (this.chunk.length >= CHUNK_LINES || this.bytes >= CHUNK_BYTES) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.chunk.length === 0) return;
    const lines = this.chunk;
    const request = { uploadId: this.uploadId, seq: this.seq, firstOrdinal: this.lines - lines.length, lines };
    this.chunk = [];
    this.bytes = 0;
    this.seq += 1;
    // Failures are recorded, not thrown here, so no request in flight is left with an unhandled rejection.
    const p: Promise<void> = this.services
      .call(SettlementRpc.stageRemittanceChunk, this.ctx.caller, this.ctx.requestId, request)
      .then(
        () => undefined,
        (e: unknown) => {
          this.failure ??= e instanceof Error ? e : new Error(String(e));
        },
      )
      .finally(() => this.inFlight.delete(p));
    this.inFlight.add(p);
    if (this.inFlight.size >= WINDOW) await Promise.race(this.inFlight);
    if (this.failure) throw this.failure;
  }

  async complete(parseErrors: RemittanceLineError[], parseErrorCount: number): Promise<RemittanceAccepted> {
    await this.flush();
    await Promise.all(this.inFlight);
    if (this.failure) throw this.failure;
    return this.services.call(SettlementRpc.completeRemittance, this.ctx.caller, this.ctx.requestId, {
      uploadId: this.uploadId,
      chunks: this.seq,
      lineCount: this.lines,
      contentHash: this.hash.digest('hex'),
      parseErrors,
      parseErrorCount,
    });
  }
}
