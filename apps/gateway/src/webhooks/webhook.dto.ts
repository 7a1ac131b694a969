import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
} from 'class-validator';
import {
  DeliveryStatuses,
  PublicEventTypes,
  WebhookEndpointStatuses,
  type DeliveryAttemptView,
  type DeliveryStatus,
  type PublicEventType,
  type WebhookEndpointStatus,
  type WebhookEndpointView,
  type WebhookEndpointWithSecret,
} from '@app/contracts';
import { commaList, LimitQueryDto } from '../http/list-query.dto';

export class CreateWebhookEndpointDto {
  @ApiProperty({
    example: 'https://partner.example.vn/hooks/nongsan',
    description: 'https (http only outside production); no private addresses.',
  })
  @IsString()
  @MinLength(8)
  @MaxLength(2000)
  url: string;

  @ApiProperty({ enum: PublicEventTypes, isArray: true, example: ['sub_order.awaiting_seller', 'shipment.status_changed'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(PublicEventTypes.length)
  @IsIn(PublicEventTypes, { each: true })
  eventTypes: PublicEventType[];

  @ApiPropertyOptional({ example: 'Đơn hàng mới cho HTX' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;
}

export class UpdateWebhookEndpointDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(8)
  @MaxLength(2000)
  url?: string;

  @ApiPropertyOptional({ enum: PublicEventTypes, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(PublicEventTypes.length)
  @IsIn(PublicEventTypes, { each: true })
  eventTypes?: PublicEventType[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;

  @ApiPropertyOptional({ enum: WebhookEndpointStatuses, description: 'Enabling again clears the failure streak; replay what was missed.' })
  @IsOptional()
  @IsIn(WebhookEndpointStatuses)
  status?: WebhookEndpointStatus;
}

export class WebhookEndpointDto implements WebhookEndpointView {
  @ApiProperty() id: string;
  @ApiProperty() url: string;
  @ApiProperty({ enum: PublicEventTypes, isArray: true }) eventTypes: PublicEventType[];
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ enum: WebhookEndpointStatuses }) status: WebhookEndpointStatus;
  @ApiProperty({
    type: String,
    nullable: true,
    description: '`gone` (the receiver answered 410), `failing` (3 days of failed attempts), `by_owner`.',
  })
  disabledReason: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class WebhookEndpointWithSecretDto extends WebhookEndpointDto implements WebhookEndpointWithSecret {
  @ApiProperty({
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    description: 'The signing secret (Standard Webhooks), shown only in this answer: store it now.',
  })
  secret: string;
}

export class WebhookEndpointPageDto {
  @ApiProperty({ type: [WebhookEndpointDto] }) items: WebhookEndpointDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class TestDeliveryDto {
  @ApiPropertyOptional({ enum: PublicEventTypes, description: 'Send a sample of this type (default `webhook.test`).' })
  @IsOptional()
  @IsIn(PublicEventTypes)
  type?: PublicEventType;
}

export class TestDeliveryResultDto {
  @ApiProperty({ description: 'The test event’s id: the `webhook-id` of the delivery.' }) eventId: string;
}

export class ReplayDto {
  @ApiProperty({ example: '2026-12-07T00:00:00+07:00', description: 'Events stored from this time…' })
  @IsISO8601({ strict: true })
  since: string;

  @ApiPropertyOptional({ description: '…until this time (default now).' })
  @IsOptional()
  @IsISO8601({ strict: true })
  until?: string;

  @ApiPropertyOptional({ description: 'Only deliveries that failed for good.' })
  @IsOptional()
  @IsBoolean()
  onlyFailed?: boolean;
}

export class ReplayResultDto {
  @ApiProperty({ description: 'Deliveries queued again (sent now, in order).' }) requeued: number;
}

export class DeliveryAttemptDto implements DeliveryAttemptView {
  @ApiProperty() eventId: string;
  @ApiProperty({ enum: PublicEventTypes }) type: PublicEventType;
  @ApiProperty() attempt: number;
  @ApiProperty({ enum: DeliveryStatuses }) status: DeliveryStatus;
  @ApiProperty({ type: Number, nullable: true }) httpStatus: number | null;
  @ApiProperty({ type: Number, nullable: true }) durationMs: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'The first 1 KB of the answer, as plain text (never render it as HTML).' })
  responseSnippet: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why no answer came (timeout, refused connection…).' }) error: string | null;
  @ApiProperty({ type: String, nullable: true }) attemptedAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'When the next attempt is due, if one is.' }) nextAttemptAt: string | null;
}

export class DeliveryAttemptPageDto {
  @ApiProperty({ type: [DeliveryAttemptDto] }) items: DeliveryAttemptDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class EventsQueryDto extends LimitQueryDto {
  @ApiPropertyOptional({ description: 'Opaque: the `nextCursor` of the previous page (absent: from the oldest kept event).' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  after?: string;

  @ApiPropertyOptional({ description: 'Comma-separated event types.', example: 'order.created,shipment.status_changed' })
  @IsOptional()
  @commaList()
  @IsArray()
  @IsIn(PublicEventTypes, { each: true })
  types?: PublicEventType[];
}

export class PublicEventDto {
  @ApiProperty({ description: 'The event id: the `webhook-id` of its deliveries.' }) id: string;
  @ApiProperty({ enum: PublicEventTypes }) type: PublicEventType;
  @ApiProperty() timestamp: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Per type, see the `webhooks` section; always `sequence` (increasing per order).',
  })
  data: Record<string, unknown> & { sequence: number };
}

export class PublicEventPageDto {
  @ApiProperty({ type: [PublicEventDto] }) items: PublicEventDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `after` to read on; given even when the page is short.' })
  nextCursor: string | null;
}
