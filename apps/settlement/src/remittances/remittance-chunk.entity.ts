import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A staging request received for an upload: a chunk sent twice is staged once. */
@Entity({ name: 'remittance_chunks' })
export class RemittanceChunk {
  @PrimaryColumn({ type: 'uuid', name: 'remittance_id' }) remittanceId: string;
  @PrimaryColumn({ type: 'integer' }) seq: number;
  @Column({ type: 'integer', name: 'line_count' }) lineCount: number;
}
