import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Idempotent } from '../idempotency/idempotency.interceptor';
import { Ctx, type RequestContext } from '../http/request-context';
import { ListQueryDto, pageRequest } from '../http/list-query.dto';
import { ApiProblems } from '../openapi/problem.dto';
import { Roles } from './access.decorators';
import { ApiKeyDto, ApiKeyPageDto, IssueApiKeyDto, IssuedApiKeyDto } from './api-key.dto';
import { ApiKeysService } from './api-keys.service';

@ApiTags('admin')
@Roles('admin')
@Controller('v1/admin/api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @Idempotent()
  @ApiOperation({
    summary: 'Issue an API key (shown once).',
    description: 'A partner key owns the sellers it registers; a carrier key is bound to a carrier code.',
  })
  @ApiCreatedResponse({ type: IssuedApiKeyDto })
  @ApiProblems(404, 409, 422)
  issue(@Body() body: IssueApiKeyDto, @Ctx() ctx: RequestContext): Promise<IssuedApiKeyDto> {
    return this.keys.issue(body, ctx.caller);
  }

  @Get()
  @ApiOperation({ summary: 'List API keys, newest first (never the keys themselves).' })
  @ApiOkResponse({ type: ApiKeyPageDto })
  @ApiProblems(422)
  list(@Query() query: ListQueryDto): Promise<ApiKeyPageDto> {
    return this.keys.list(pageRequest(query));
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke an API key: it stops working at once.' })
  @ApiOkResponse({ type: ApiKeyDto })
  @ApiProblems(404)
  revoke(@Param('id') id: string): Promise<ApiKeyDto> {
    return this.keys.revoke(id);
  }
}
