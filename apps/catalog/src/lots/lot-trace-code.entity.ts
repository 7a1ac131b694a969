import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A traceability lot's public trace code, learnt from `traceability.lot.created.v1`. */
@Entity({ name: 'lot_trace_codes' })
export class LotTraceCode {
  @PrimaryColumn({ type: 'text', name: 'lot_id' })
  lotId: string;

  @Column({ type: 'text', name: 'trace_code' })
  traceCode: string;
}
