import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DEFAULT_PAGE_SIZE, NotificationsRpc } from '@app/contracts';
import { Ctx, type RequestContext } from '../http/request-context';
import { Roles } from '../identity/access.decorators';
import { ApiProblems } from '../openapi/problem.dto';
import { ServiceClient } from '../rpc/service-client';
import { EventsQueryDto, PublicEventPageDto } from './webhook.dto';

@ApiTags('webhooks')
@Roles('partner', 'storefront', 'carrier')
@Controller('v1/events')
export class EventsController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @ApiOperation({
    summary:
      'The caller’s events (kept 30 days), oldest first: the same ids and bodies as the webhook deliveries, for receivers that poll or missed some. ' +
      'Keep `nextCursor` and pass it as `after`: nothing is skipped or repeated.',
  })
  @ApiOkResponse({ type: PublicEventPageDto })
  @ApiProblems(422)
  list(@Query() q: EventsQueryDto, @Ctx() ctx: RequestContext): Promise<PublicEventPageDto> {
    return this.services.call(NotificationsRpc.listEvents, ctx.caller, ctx.requestId, {
      limit: q.limit ?? DEFAULT_PAGE_SIZE,
      ...(q.after ? { after: q.after } : {}),
      ...(q.types && q.types.length > 0 ? { types: q.types } : {}),
    });
  }
}
