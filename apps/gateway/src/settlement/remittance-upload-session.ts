import { createHash } from 'node:crypto';
import { SettlementRpc, type RemittanceAccepted, type RemittanceLineError, type RemittanceLineTuple } from '@app/contracts';
import type { RequestContext } from '../http/request-context';
import type { ServiceClient } from '../rpc/service-client';

/** Lines per staging request, and a byte budget far under Kafka's 1 MB message limit. */
const CHUNK_LINES = 2000;
const CHUNK_BYTES = 400_000;
/** Staging requests in flight at once: enough to keep the service busy, bounded memory. */
const WINDOW = 4;

/**
 * One upload in progress: buffers a chunk, keeps at most WINDOW staging requests in flight.
 * `add` is synchronous (a line costs no promise); when it says the chunk is full, the caller
 * awaits `flush`, which waits while the window is full — the upload's backpressure.
 */
export class RemittanceUploadSession {
  private chunk: RemittanceLineTuple[] = [];
  /** The chunk's lines in canonical form (what the content hash covers), and their size. */
  private canonical: string[] = [];
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

  /** Adds a line; true when the chunk is full and must be flushed before the next one. */
  add(tuple: RemittanceLineTuple): boolean {
    const text = JSON.stringify(tuple.slice(1));
    this.canonical.push(text);
    this.chunk.push(tuple);
    this.lines += 1;
    // The line as it travels (`[lineNo,...values]`, a comma between lines): its JSON, exactly.
    this.bytes += Buffer.byteLength(text) + String(tuple[0]).length + 2;
    return this.chunk.length >= CHUNK_LINES || this.bytes >= CHUNK_BYTES;
  }

  async flush(): Promise<void> {
    if (this.chunk.length === 0) return;
    const lines = this.chunk;
    this.hash.update(this.canonical.join('\n') + '\n');
    const request = { uploadId: this.uploadId, seq: this.seq, firstOrdinal: this.lines - lines.length, lines };
    this.chunk = [];
    this.canonical = [];
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
