import { Body, Controller, Get, Headers, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Response } from 'express';
import QRCode from 'qrcode';
import { TraceabilityRpc, type LotView } from '@app/contracts';
import { ListQueryDto, pageRequest } from '../http/list-query.dto';
import { Ctx, type RequestContext } from '../http/request-context';
import { Idempotent } from '../idempotency/idempotency.interceptor';
import { AnyRole, Roles } from '../identity/access.decorators';
import { ApiProblems } from '../openapi/problem.dto';
import { ServiceClient } from '../rpc/service-client';
import { LotEventDto, LotEventPageDto, RecordFarmEventDto, VerificationDto } from './lot-event.dto';
import { CreateLotDto, LotDto, LotListQueryDto, LotPageDto } from './lot.dto';
import { traceUrl } from './public-base-url';

const withUrl = (lot: LotView): LotDto => ({ ...lot, traceUrl: traceUrl(lot.traceCode) });

@ApiTags('traceability')
@Controller('v1/lots')
export class LotsController {
  constructor(private readonly services: ServiceClient) {}

  @Post()
  @Roles('partner')
  @Idempotent()
  @ApiOperation({ summary: 'Open a harvest lot for one of the partner’s sellers; it gets a trace code and a GS1 lot id.' })
  @ApiCreatedResponse({ type: LotDto })
  @ApiProblems(400, 404, 409, 413, 422)
  async create(@Body() body: CreateLotDto, @Ctx() ctx: RequestContext): Promise<LotDto> {
    return withUrl(await this.services.call(TraceabilityRpc.createLot, ctx.caller, ctx.requestId, body));
  }

  @Get()
  @Roles('partner', 'admin')
  @ApiOperation({ summary: 'The partner’s lots (an operator: all), newest first; `sellerId` for one seller’s.' })
  @ApiOkResponse({ type: LotPageDto })
  @ApiProblems(422)
  async list(@Query() query: LotListQueryDto, @Ctx() ctx: RequestContext): Promise<LotPageDto> {
    const page = await this.services.call(TraceabilityRpc.listLots, ctx.caller, ctx.requestId, {
      ...pageRequest(query),
      ...(query.sellerId ? { sellerId: query.sellerId } : {}),
    });
    return { items: page.items.map(withUrl), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @Roles('partner', 'admin')
  @ApiOperation({ summary: 'A lot (partners: only their sellers’).' })
  @ApiOkResponse({ type: LotDto })
  @ApiProblems(404)
  async get(@Param('id') id: string, @Ctx() ctx: RequestContext): Promise<LotDto> {
    return withUrl(await this.services.call(TraceabilityRpc.getLot, ctx.caller, ctx.requestId, { id }));
  }

  @Post(':id/events')
  @Roles('partner')
  @Idempotent()
  @ApiOperation({
    summary: 'Record a farm diary entry (planting, fertilizing, spraying, harvesting, packing, inspection, certification).',
    description:
      'Stored as an EPCIS 2.0 event, hashed and chained. A harvest inside a spraying’s pre-harvest interval is accepted and flagged.',
  })
  @ApiCreatedResponse({ type: LotEventDto })
  @ApiProblems(400, 404, 409, 413, 422)
  record(@Param('id') id: string, @Body() body: RecordFarmEventDto, @Ctx() ctx: RequestContext): Promise<LotEventDto> {
    return this.services.call(TraceabilityRpc.recordFarmEvent, ctx.caller, ctx.requestId, { ...body, lotId: id });
  }

  @Get(':id/events')
  @Roles('partner', 'admin')
  @ApiExtraModels(LotEventPageDto)
  @ApiOperation({
    summary: 'The lot’s history: a page of entries (JSON), or with Accept: application/ld+json the whole EPCIS 2.0 document.',
  })
  @ApiProduces('application/json', 'application/ld+json')
  @ApiResponse({
    status: 200,
    description: 'Entries, or an EPCISDocument valid against GS1’s EPCIS 2.0 JSON Schema.',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(LotEventPageDto) } },
      'application/ld+json': {
        schema: { type: 'object', description: 'EPCISDocument (GS1 EPCIS 2.0 JSON-LD)', additionalProperties: true },
      },
    },
  })
  @ApiProblems(404, 422)
  async events(
    @Param('id') id: string,
    @Query() query: ListQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
    @Ctx() ctx: RequestContext,
  ): Promise<unknown> {
    if (accept?.includes('application/ld+json')) {
      const doc = await this.services.call(TraceabilityRpc.exportEpcis, ctx.caller, ctx.requestId, { lotId: id });
      res.type('application/ld+json');
      return doc;
    }
    return this.services.call(TraceabilityRpc.listLotEvents, ctx.caller, ctx.requestId, { lotId: id, ...pageRequest(query) });
  }

  @Get(':id/verify')
  @AnyRole()
  @ApiOperation({ summary: 'Recompute the lot’s hash chain: intact, or broken at entry N.' })
  @ApiOkResponse({ type: VerificationDto })
  @ApiProblems(404)
  verify(@Param('id') id: string, @Ctx() ctx: RequestContext): Promise<VerificationDto> {
    return this.services.call(TraceabilityRpc.verifyLot, ctx.caller, ctx.requestId, { lotId: id });
  }

  @Get(':id/qr')
  @Roles('partner')
  @ApiOperation({ summary: 'QR code of the lot’s public trace page: PNG, or SVG with Accept: image/svg+xml.' })
  @ApiProduces('image/png', 'image/svg+xml')
  @ApiResponse({
    status: 200,
    description: 'The QR code (error correction M) of the trace URL, also given in the `X-Trace-Url` header.',
    content: { 'image/png': { schema: { type: 'string', format: 'binary' } }, 'image/svg+xml': { schema: { type: 'string' } } },
  })
  @ApiProblems(404)
  async qr(
    @Param('id') id: string,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
    @Ctx() ctx: RequestContext,
  ): Promise<StreamableFile> {
    const lot = await this.services.call(TraceabilityRpc.getLot, ctx.caller, ctx.requestId, { id });
    const url = traceUrl(lot.traceCode);
    res.setHeader('X-Trace-Url', url);
    if (accept?.includes('image/svg+xml')) {
      const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      return new StreamableFile(Buffer.from(svg, 'utf8'), { type: 'image/svg+xml' });
    }
    const png = await QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 512 });
    return new StreamableFile(png, { type: 'image/png' });
  }
}
