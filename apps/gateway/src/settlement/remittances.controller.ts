import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Response } from 'express';
import { SettlementRpc, type RemittanceAccepted } from '@app/contracts';
import { DomainError, ValidationFailedError } from '@app/platform';
import { pageRequest } from '../http/list-query.dto';
import { Ctx, type GatewayRequest, type RequestContext } from '../http/request-context';
import { unsafeInput } from '../http/input-guard';
import { fieldErrors, validationFailed } from '../http/validation';
import { Roles } from '../identity/access.decorators';
import { ApiProblems } from '../openapi/problem.dto';
import { ServiceClient } from '../rpc/service-client';
import { RemittanceQueryDto, RemittanceUploadDto } from './remittance-upload.dto';
import { RemittanceUploader } from './remittance-uploader';
import { RemittanceListQueryDto, RemittancePageDto, RemittanceViewDto } from './remittance-view.dto';

function isCsv(req: GatewayRequest): boolean {
  return (req.headers['content-type'] ?? '').toLowerCase().startsWith('text/csv');
}

@ApiTags('settlement')
@Controller('v1/remittances')
export class RemittancesController {
  /** Not a provider of its own: the gateway module lists only this context's controllers. */
  private readonly uploader: RemittanceUploader;

  constructor(private readonly services: ServiceClient) {
    this.uploader = new RemittanceUploader(services);
  }

  @Post()
  @Roles('carrier')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Send a COD remittance statement (JSON lines, or a CSV file streamed in chunks, of any size).',
    description:
      '`Content-Type: text/csv` with `?batchId=&bankTransferRef=&totalTransferredVnd=` and a header row naming the line fields; ' +
      'or JSON. Reconciliation runs asynchronously: 202 with status `processing` (GET shows the result). The same batchId with the ' +
      'same lines again is a replay (200, nothing posted twice); with other lines 409. Malformed lines: 422 naming each line.',
  })
  @ApiConsumes('application/json', 'text/csv')
  @ApiBody({ type: RemittanceUploadDto })
  @ApiAcceptedResponse({ type: RemittanceViewDto, description: 'Accepted; reconciliation in progress.' })
  @ApiOkResponse({ type: RemittanceViewDto, description: 'A replay of a statement already accepted.' })
  @ApiProblems(400, 409, 413, 415, 422)
  async upload(
    @Req() req: GatewayRequest,
    @Res({ passthrough: true }) res: Response,
    @Query() query: RemittanceQueryDto,
    @Ctx() ctx: RequestContext,
  ): Promise<RemittanceViewDto> {
    let result: RemittanceAccepted;
    if (isCsv(req)) {
      const missing = (['batchId', 'bankTransferRef', 'totalTransferredVnd'] as const).filter((f) => query[f] === undefined);
      if (missing.length > 0) {
        req.resume();
        throw new ValidationFailedError(missing.map((f) => ({ field: f, message: `${f} is required in the query of a CSV upload` })));
      }
      result = await this.uploader.fromCsv(
        req,
        { batchId: query.batchId!, bankTransferRef: query.bankTransferRef!, totalTransferredVnd: query.totalTransferredVnd! },
        ctx,
      );
    } else if ((req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
      if (Object.keys(query).some((k) => query[k as keyof RemittanceQueryDto] !== undefined)) {
        throw new ValidationFailedError([
          { field: 'query', message: 'JSON statements carry batchId, bankTransferRef and totalTransferredVnd in the body' },
        ]);
      }
      result = await this.uploader.fromJson(await validJson(req.body), ctx);
    } else {
      req.resume();
      throw new DomainError(415, 'unsupported_media_type', 'Unsupported media type', 'Send application/json or text/csv.').vi(
        'Hãy gửi application/json hoặc text/csv.',
      );
    }
    const r = result.remittance;
    if (r.status === 'rejected' && !result.replayed) {
      throw new ValidationFailedError(
        r.errors.map((e) => ({
          field: `line ${e.line}.${e.field}`,
          message: e.message,
          ...(e.messageVi ? { messageVi: e.messageVi } : {}),
        })),
        `Remittance ${r.id} (batch ${r.batchId}) was rejected: ${r.errorCount} problem(s); nothing was posted.`,
      ).vi(`Bảng kê ${r.batchId} bị từ chối: ${r.errorCount} lỗi; chưa ghi sổ gì.`);
    }
    if (result.replayed) {
      res.status(200);
      res.setHeader('Idempotent-Replayed', 'true');
    }
    res.setHeader('Location', `/v1/remittances/${r.id}`);
    return r;
  }

  @Get()
  @Roles('carrier', 'admin')
  @ApiOperation({ summary: 'The carrier’s remittances (an operator: every carrier’s), newest first, with their reconciliation figures.' })
  @ApiOkResponse({ type: RemittancePageDto })
  @ApiProblems(422)
  list(@Query() query: RemittanceListQueryDto, @Ctx() ctx: RequestContext): Promise<RemittancePageDto> {
    return this.services.call(SettlementRpc.listRemittances, ctx.caller, ctx.requestId, {
      ...pageRequest(query),
      ...(query.status ? { status: query.status } : {}),
    });
  }

  @Get(':id')
  @Roles('carrier', 'admin')
  @ApiOperation({ summary: 'A remittance statement’s reconciliation: counts and sums per outcome, every discrepancy, missing COD.' })
  @ApiOkResponse({ type: RemittanceViewDto })
  @ApiProblems(404)
  get(@Param('id') id: string, @Ctx() ctx: RequestContext): Promise<RemittanceViewDto> {
    return this.services.call(SettlementRpc.getRemittance, ctx.caller, ctx.requestId, { id });
  }
}

/** The JSON body checked like every other body (the global pipe cannot: CSV uploads have none). */
async function validJson(body: unknown): Promise<RemittanceUploadDto> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ValidationFailedError([{ field: 'body', message: 'the body must be a JSON object' }]);
  }
  const unsafe = unsafeInput(body, '');
  if (unsafe) throw validationFailed([unsafe]);
  const dto = plainToInstance(RemittanceUploadDto, body, { enableImplicitConversion: false });
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  if (errors.length > 0) throw validationFailed(fieldErrors(errors));
  return dto;
}
