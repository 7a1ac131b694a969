import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from '@app/persistence';

/** The last `data.sequence` given to a resource's public events (`order:<id>`, `product:<id>`, …). */
@Entity({ name: 'resource_sequences' })
export class ResourceSequence {
  @PrimaryColumn({ type: 'text' }) resource: string;
  @Column({ type: 'bigint', transformer: bigintTransformer }) value: number;
}
