import { Body, Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TraceabilityRpc } from '@app/contracts';
import { Ctx, type GatewayRequest, type RequestContext } from '../http/request-context';
import { Idempotent } from '../idempotency/idempotency.interceptor';
import { Roles } from '../identity/access.decorators';
import { ApiProblems } from '../openapi/problem.dto';
import { ServiceClient } from '../rpc/service-client';
import { CaptureDto } from './capture.dto';
import { readJsonLdBody } from './json-ld-body';

@ApiTags('traceability')
@Controller('v1/epcis/capture')
export class EpcisCaptureController {
  constructor(private readonly services: ServiceClient) {}

  @Post()
  @HttpCode(202)
  @Roles('partner')
  @Idempotent()
  @ApiOperation({
    summary: 'Capture a standard EPCIS 2.0 JSON(-LD) document from another traceability system.',
    description:
      'Validated against GS1’s EPCIS 2.0 JSON Schema; every event must concern one of the partner’s lots (by its LGTIN class id, as URN or ' +
      'GS1 Digital Link). All or nothing: one invalid event and nothing is stored. The events join the lots’ hash chains.',
  })
  @ApiConsumes('application/json', 'application/ld+json')
  @ApiBody({ description: 'An EPCISDocument.', schema: { type: 'object', additionalProperties: true } })
  @ApiAcceptedResponse({ type: CaptureDto })
  @ApiProblems(400, 409, 413, 422)
  async capture(@Body() body: unknown, @Req() req: GatewayRequest, @Ctx() ctx: RequestContext): Promise<CaptureDto> {
    const document = req.body === undefined ? await readJsonLdBody(req) : body;
    return this.services.call(TraceabilityRpc.captureEpcis, ctx.caller, ctx.requestId, { document });
  }

  @Get(':id')
  @Roles('partner', 'admin')
  @ApiOperation({ summary: 'An accepted capture: how many events, which lots.' })
  @ApiOkResponse({ type: CaptureDto })
  @ApiProblems(404)
  get(@Param('id') id: string, @Ctx() ctx: RequestContext): Promise<CaptureDto> {
    return this.services.call(TraceabilityRpc.getCapture, ctx.caller, ctx.requestId, { id });
  }
}
