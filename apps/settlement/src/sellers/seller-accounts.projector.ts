import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SellerRegisteredV1, type EventOf } from '@app/contracts';
import { OnEvent } from '@app/messaging';
import { SellerAccountRepository } from './seller-account.repository';

/** Keeps settlement's copy of catalog's sellers: who owns each one, and its name. */
@Injectable()
export class SellerAccountsProjector {
  constructor(private readonly sellers: SellerAccountRepository) {}

  @OnEvent(SellerRegisteredV1)
  async onSellerRegistered(e: EventOf<typeof SellerRegisteredV1>, manager: EntityManager): Promise<void> {
    await this.sellers.upsertRegistered(manager, e.data.id, e.data.partnerId, e.data.name);
  }
}
