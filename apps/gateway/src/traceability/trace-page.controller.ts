import { Controller, Get, Header, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import type { Response } from 'express';
import { TraceabilityRpc } from '@app/contracts';
import { DomainError, Public } from '@app/platform';
import { Ctx, type RequestContext } from '../http/request-context';
import { ServiceClient } from '../rpc/service-client';
import { renderNotFound, renderTracePage } from './trace-page.html';
import { TracePageCache } from './trace-page.cache';

/**
 * The page a buyer's phone opens from the QR code. Public; a whole mobile network may share one
 * address (carrier-grade NAT), so its per-address limit is far above the API's.
 */
@ApiTags('public')
@Controller('t')
export class TracePageController {
  private readonly cache = new TracePageCache();

  constructor(private readonly services: ServiceClient) {}

  @Get(':traceCode')
  @Public()
  @Throttle({ default: { limit: 30000, ttl: 60000 } })
  @Header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
  @Header('Cache-Control', 'public, max-age=30')
  @ApiOperation({ summary: 'Public trace page (HTML, Vietnamese): producer, farm, certifications, diary, journey, verification.' })
  @ApiProduces('text/html')
  @ApiResponse({ status: 200, description: 'The page.', content: { 'text/html': { schema: { type: 'string' } } } })
  @ApiResponse({
    status: 404,
    description: 'Unknown trace code: a friendly page.',
    content: { 'text/html': { schema: { type: 'string' } } },
  })
  async page(
    @Param('traceCode') traceCode: string,
    @Res({ passthrough: true }) res: Response,
    @Ctx() ctx: RequestContext,
  ): Promise<string> {
    const key = traceCode.toUpperCase().slice(0, 40);
    const page = await this.cache.get(key, async () => {
      try {
        const view = await this.services.call(TraceabilityRpc.tracePage, ctx.caller, ctx.requestId, { traceCode: key });
        return { status: 200, html: renderTracePage(view) };
      } catch (e) {
        if (e instanceof DomainError && e.status === 404) return { status: 404, html: renderNotFound(traceCode.slice(0, 40)) };
        throw e;
      }
    });
    res.status(page.status).type('text/html; charset=utf-8');
    return page.html;
  }
}
