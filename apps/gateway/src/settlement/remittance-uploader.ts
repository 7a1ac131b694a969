import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import {
  REMITTANCE_COLUMNS,
  SettlementRpc,
  type RemittanceAccepted,
  type RemittanceLineError,
  type RemittanceLineTuple,
} from '@app/contracts';
import { ValidationFailedError } from '@app/platform';
import type { RequestContext } from '../http/request-context';
import { ServiceClient } from '../rpc/service-client';
import { CsvRecordReader, CsvSyntaxError, type CsvRecord } from './csv-records';
import { RemittanceUploadSession as Session } from './remittance-upload-session';
import type { RemittanceUploadDto } from './remittance-upload.dto';

const MAX_PARSE_ERRORS = 100;
const MAX_RECORD_CHARS = 65536;

interface Batch {
  batchId: string;
  bankTransferRef: string;
  totalTransferredVnd: number;
}

/**
 * Sends a statement to settlement in chunks, never holding it whole: CSV is parsed as it streams
 * in (CsvRecordReader, the request not read on while the window of staging requests is full),
 * each chunk a request-reply of its own with a sequence number, then `complete` with the count and
 * a hash of the lines (so a replay is recognised whatever the format it came in).
 */
export class RemittanceUploader {
  constructor(private readonly services: ServiceClient) {}

  async fromJson(body: RemittanceUploadDto, ctx: RequestContext): Promise<RemittanceAccepted> {
    const session = await this.begin(body, 'json', ctx);
    for (const [i, l] of body.lines.entries()) {
      const full = session.add([
        i + 1,
        l.trackingCode,
        l.shipmentId ?? '',
        String(l.codCollectedVnd),
        String(l.shippingFeeVnd),
        String(l.codFeeVnd),
        String(l.returnFeeVnd),
        String(l.netRemittedVnd),
        l.deliveredAt ?? '',
      ]);
      if (full) await session.flush();
    }
    return session.complete([], 0);
  }

  async fromCsv(stream: Readable, batch: Batch, ctx: RequestContext): Promise<RemittanceAccepted> {
    const reader = new CsvRecordReader(MAX_RECORD_CHARS);
    const decoder = new StringDecoder('utf8');
    let order: number[] | undefined;
    let session: Session | undefined;
    const parseErrors: RemittanceLineError[] = [];
    let parseErrorCount = 0;
    const take = async (records: CsvRecord[]) => {
      for (const { fields, line } of records) {
        if (!order) {
          order = headerOrder(fields);
          session = await this.begin(batch, 'csv', ctx);
          continue;
        }
        const tuple: RemittanceLineTuple = [line, ...(fields.length === order.length ? order.map((i) => fields[i]) : fields)];
        if (session!.add(tuple)) await session!.flush();
      }
    };
    try {
      // Not destroyed on an early exit: the rest of the body is drained, then the answer sent.
      for await (const chunk of stream.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
        await take(reader.push(decoder.write(chunk)));
      }
      await take(reader.push(decoder.end()));
      await take(reader.end());
    } catch (e) {
      // Whatever stopped the upload, the rest of the request body is read and dropped.
      stream.resume();
      if (!(e instanceof CsvSyntaxError)) throw e;
      parseErrorCount += 1;
      parseErrors.push({
        line: e.line,
        field: 'csv',
        message: `line ${e.line}: ${e.message}`,
        messageVi: `dòng ${e.line}: tệp CSV sai định dạng`,
      });
    }
    if (!session) throw headerError('the file is empty: a header row is required');
    return session.complete(parseErrors.slice(0, MAX_PARSE_ERRORS), parseErrorCount);
  }

  private async begin(batch: Batch, format: 'csv' | 'json', ctx: RequestContext): Promise<Session> {
    const { uploadId } = await this.services.call(SettlementRpc.beginRemittance, ctx.caller, ctx.requestId, {
      batchId: batch.batchId,
      bankTransferRef: batch.bankTransferRef,
      totalTransferredVnd: batch.totalTransferredVnd,
      format,
    });
    return new Session(this.services, ctx, uploadId);
  }
}

/** Where each contract column sits in the file: every column exactly once, nothing else. */
function headerOrder(header: string[]): number[] {
  const names = header.map((h) => h.trim());
  const unknown = names.filter((n) => !(REMITTANCE_COLUMNS as readonly string[]).includes(n));
  const missing = REMITTANCE_COLUMNS.filter((c) => !names.includes(c));
  const repeated = names.filter((n, i) => names.indexOf(n) !== i);
  if (unknown.length || missing.length || repeated.length) {
    throw headerError(
      [
        missing.length ? `missing ${missing.join(', ')}` : '',
        unknown.length ? `unknown ${unknown.join(', ')}` : '',
        repeated.length ? `repeated ${repeated.join(', ')}` : '',
      ]
        .filter(Boolean)
        .join('; '),
    );
  }
  return REMITTANCE_COLUMNS.map((c) => names.indexOf(c));
}

function headerError(what: string): ValidationFailedError {
  return new ValidationFailedError(
    [
      {
        field: 'header',
        message: `line 1: the header must name the columns ${REMITTANCE_COLUMNS.join(',')} (${what})`,
        messageVi: `dòng 1: dòng tiêu đề phải gồm các cột ${REMITTANCE_COLUMNS.join(',')} (${what})`,
      },
    ],
    'The CSV header does not match the remittance columns.',
  ).vi('Dòng tiêu đề CSV không khớp các cột của bảng kê.');
}
