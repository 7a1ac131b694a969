import { ApiProperty } from '@nestjs/swagger';
import type { CaptureView } from '@app/contracts';

export class CaptureDto implements CaptureView {
  @ApiProperty() captureId: string;
  @ApiProperty({ enum: ['accepted'] }) status: 'accepted';
  @ApiProperty({ example: 3 }) eventCount: number;
  @ApiProperty({ type: [String], description: 'Lots whose chains received the events.' }) lotIds: string[];
  @ApiProperty({ example: '2026-06-15T08:00:00+07:00' }) capturedAt: string;
}
