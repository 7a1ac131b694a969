import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { LotCreatedV1, type EventOf } from '@app/contracts';
import { OnEvent } from '@app/messaging';

/**
 * Learns each lot's trace code, and gives it to the products already linked to the lot (a
 * partner may list the product before the lot's event arrives here).
 */
@Injectable()
export class LotTraceCodesProjector {
  @OnEvent(LotCreatedV1)
  async onLotCreated(e: EventOf<typeof LotCreatedV1>, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO lot_trace_codes (lot_id, trace_code) VALUES ($1, $2) ON CONFLICT (lot_id) DO UPDATE SET trace_code = EXCLUDED.trace_code`,
      [e.data.id, e.data.traceCode],
    );
    await manager.query(`UPDATE products SET trace_code = $2 WHERE lot_id = $1 AND trace_code IS DISTINCT FROM $2`, [
      e.data.id,
      e.data.traceCode,
    ]);
  }
}
