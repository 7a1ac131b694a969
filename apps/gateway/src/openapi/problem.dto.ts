import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ example: 'address.wardCode' })
  field: string;

  @ApiProperty({ example: 'address.wardCode is not a ward of province 01' })
  message: string;
}

/** RFC 9457 problem details, as every error leaves the API (`application/problem+json`). */
export class ProblemDto {
  @ApiProperty({ example: '/problems/validation_failed' })
  type: string;

  @ApiProperty({ example: 'Validation failed' })
  title: string;

  @ApiProperty({ example: 422 })
  status: number;

  @ApiProperty({ example: 'The request has invalid fields.' })
  detail: string;

  @ApiProperty({ example: 'validation_failed', description: 'Stable machine-readable code.' })
  code: string;

  @ApiPropertyOptional({ type: [FieldErrorDto] })
  errors?: FieldErrorDto[];

  @ApiPropertyOptional({ example: '/v1/sellers' })
  instance?: string;
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed request (e.g. the body is not JSON).',
  401: 'No API key, or an unknown or revoked one.',
  403: 'This role may not call this endpoint.',
  404: 'No such resource, or it belongs to another tenant.',
  409: 'Conflicts with the resource’s current state, or the same Idempotency-Key is still running.',
  413: 'The body is too large.',
  422: 'Invalid fields (see `errors[]`), unknown fields, or an Idempotency-Key reused with another body.',
  429: 'Rate limit reached; retry after `Retry-After` seconds.',
  503: 'A service behind the gateway is unavailable, or at capacity (`service_busy`: retry after `Retry-After` seconds).',
  504: 'A service behind the gateway did not answer in time.',
};

/** Documents error responses as `application/problem+json`. */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDto),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Error.',
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } },
        ...(status === 429 || status === 503
          ? { headers: { 'Retry-After': { description: 'Seconds to wait.', schema: { type: 'integer' } } } }
          : {}),
      }),
    ),
  );
}
