import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Why a line (line 0: the whole remittance) made its remittance unacceptable. */
@Entity({ name: 'remittance_line_errors' })
export class RemittanceLineErrorRecord {
  @PrimaryColumn({ type: 'uuid', name: 'remittance_id' }) remittanceId: string;
  @PrimaryColumn({ type: 'integer', name: 'line_no' }) lineNo: number;
  @PrimaryColumn({ type: 'text' }) field: string;
  @Column({ type: 'text' }) message: string;
  @Column({ type: 'text', name: 'message_vi', nullable: true }) messageVi: string | null;
}
