import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { NotificationsRpc } from '@app/contracts';
import { ListQueryDto, pageRequest } from '../http/list-query.dto';
import { Ctx, type RequestContext } from '../http/request-context';
import { Idempotent } from '../idempotency/idempotency.interceptor';
import { Roles } from '../identity/access.decorators';
import { ApiProblems } from '../openapi/problem.dto';
import { ServiceClient } from '../rpc/service-client';
import {
  CreateWebhookEndpointDto,
  DeliveryAttemptPageDto,
  ReplayDto,
  ReplayResultDto,
  TestDeliveryDto,
  TestDeliveryResultDto,
  UpdateWebhookEndpointDto,
  WebhookEndpointDto,
  WebhookEndpointPageDto,
  WebhookEndpointWithSecretDto,
} from './webhook.dto';

@ApiTags('webhooks')
@Roles('partner', 'storefront', 'carrier')
@Controller('v1/webhook-endpoints')
export class WebhookEndpointsController {
  constructor(private readonly services: ServiceClient) {}

  @Post()
  @Idempotent()
  @ApiOperation({
    summary: 'Register a webhook endpoint: signed deliveries (Standard Webhooks) of the chosen event types. The secret is shown once.',
  })
  @ApiCreatedResponse({ type: WebhookEndpointWithSecretDto })
  @ApiProblems(400, 409, 422)
  create(@Body() body: CreateWebhookEndpointDto, @Ctx() ctx: RequestContext): Promise<WebhookEndpointWithSecretDto> {
    return this.services.call(NotificationsRpc.createEndpoint, ctx.caller, ctx.requestId, body);
  }

  @Get()
  @ApiOperation({ summary: 'The caller’s webhook endpoints, newest first.' })
  @ApiOkResponse({ type: WebhookEndpointPageDto })
  @ApiProblems(422)
  list(@Query() query: ListQueryDto, @Ctx() ctx: RequestContext): Promise<WebhookEndpointPageDto> {
    return this.services.call(NotificationsRpc.listEndpoints, ctx.caller, ctx.requestId, pageRequest(query));
  }

  @Get(':id')
  @ApiOperation({ summary: 'A webhook endpoint (never its secret).' })
  @ApiOkResponse({ type: WebhookEndpointDto })
  @ApiProblems(404)
  get(@Param('id') id: string, @Ctx() ctx: RequestContext): Promise<WebhookEndpointDto> {
    return this.services.call(NotificationsRpc.getEndpoint, ctx.caller, ctx.requestId, { id });
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change the URL, event types, description or status (`enabled` again after the platform disabled it).' })
  @ApiOkResponse({ type: WebhookEndpointDto })
  @ApiProblems(404, 422)
  update(@Param('id') id: string, @Body() body: UpdateWebhookEndpointDto, @Ctx() ctx: RequestContext): Promise<WebhookEndpointDto> {
    return this.services.call(NotificationsRpc.updateEndpoint, ctx.caller, ctx.requestId, { ...body, id });
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a webhook endpoint with its delivery log (its events stay in the feed).' })
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiProblems(404)
  async delete(@Param('id') id: string, @Ctx() ctx: RequestContext): Promise<void> {
    await this.services.call(NotificationsRpc.deleteEndpoint, ctx.caller, ctx.requestId, { id });
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiOperation({ summary: 'A new secret (shown once); for 24 h deliveries carry signatures with both the new and the old one.' })
  @ApiOkResponse({ type: WebhookEndpointWithSecretDto })
  @ApiProblems(404)
  rotate(@Param('id') id: string, @Ctx() ctx: RequestContext): Promise<WebhookEndpointWithSecretDto> {
    return this.services.call(NotificationsRpc.rotateSecret, ctx.caller, ctx.requestId, { id });
  }

  @Post(':id/test')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send one signed `webhook.test` delivery (or a sample of `type`) now; see it in the delivery log.' })
  @ApiAcceptedResponse({ type: TestDeliveryResultDto })
  @ApiProblems(404, 422)
  test(@Param('id') id: string, @Body() body: TestDeliveryDto, @Ctx() ctx: RequestContext): Promise<TestDeliveryResultDto> {
    return this.services.call(NotificationsRpc.testDelivery, ctx.caller, ctx.requestId, { ...body, id });
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: 'The delivery log: every attempt (and the one due), newest first.' })
  @ApiOkResponse({ type: DeliveryAttemptPageDto })
  @ApiProblems(404, 422)
  deliveries(@Param('id') id: string, @Query() query: ListQueryDto, @Ctx() ctx: RequestContext): Promise<DeliveryAttemptPageDto> {
    return this.services.call(NotificationsRpc.listDeliveries, ctx.caller, ctx.requestId, { ...pageRequest(query), id });
  }

  @Post(':id/replay')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send the endpoint’s events of a time range again (all, or only those that failed for good).' })
  @ApiAcceptedResponse({ type: ReplayResultDto })
  @ApiProblems(404, 422)
  replay(@Param('id') id: string, @Body() body: ReplayDto, @Ctx() ctx: RequestContext): Promise<ReplayResultDto> {
    return this.services.call(NotificationsRpc.replay, ctx.caller, ctx.requestId, { ...body, id });
  }
}
