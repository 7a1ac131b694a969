import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { LotCreatedV1, type EventOf } from '@app/contracts';
import { OnEvent } from '@app/messaging';
import { ProductRepository } from '../products/product.repository';
import { ProductSnapshotsService } from '../products/product-snapshots.service';
import { LotTraceCodeRepository } from './lot-trace-code.repository';

/**
 * Learns each lot's trace code, and gives it to the products already linked to the lot (a
 * partner may list the product before the lot's event arrives here), publishing their new snapshots.
 */
@Injectable()
export class LotTraceCodesProjector {
  constructor(
    private readonly traceCodes: LotTraceCodeRepository,
    private readonly products: ProductRepository,
    private readonly snapshots: ProductSnapshotsService,
  ) {}

  @OnEvent(LotCreatedV1)
  async onLotCreated(e: EventOf<typeof LotCreatedV1>, manager: EntityManager): Promise<void> {
    await this.traceCodes.upsert(manager, e.data.id, e.data.traceCode);
    // A product's view changed (its trace code): its snapshot says so, as for any other change.
    await this.snapshots.republish(manager, await this.products.setLotTraceCode(manager, e.data.id, e.data.traceCode));
  }
}
