import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** The trace codes of traceability's lots, as catalog learns them. */
@Injectable()
export class LotTraceCodeRepository {
  async upsert(manager: EntityManager, lotId: string, traceCode: string): Promise<void> {
    await manager.query(
      `INSERT INTO lot_trace_codes (lot_id, trace_code) VALUES ($1, $2) ON CONFLICT (lot_id) DO UPDATE SET trace_code = EXCLUDED.trace_code`,
      [lotId, traceCode],
    );
  }
}
