import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OrderPlacedV1, SubOrderDeclinedV1, SubOrderExpiredV1, type EventOf } from '@app/contracts';
import { OnEvent } from '@app/messaging';
import { ReportRepository } from './report.repository';

/**
 * Settlement's copy of the orders placed, for the operator's daily report: recorded at placement,
 * and lowered when a seller declines a sub-order or lets its deadline pass, as the orders service
 * lowers the order's totals.
 */
@Injectable()
export class PlacedOrdersProjector {
  constructor(private readonly reports: ReportRepository) {}

  @OnEvent(OrderPlacedV1)
  async onOrderPlaced(e: EventOf<typeof OrderPlacedV1>, manager: EntityManager): Promise<void> {
    await this.reports.recordOrder(manager, {
      orderId: e.data.orderId,
      placedAt: new Date(e.data.placedAt),
      provinceCode: e.data.deliveryProvinceCode ?? null,
      itemsVnd: e.data.itemsVnd ?? 0,
      codVnd: e.data.codVnd ?? 0,
    });
  }

  @OnEvent(SubOrderDeclinedV1)
  onDeclined(e: EventOf<typeof SubOrderDeclinedV1>, manager: EntityManager): Promise<void> {
    return this.reports.lowerOrder(manager, e.data.orderId, e.data.orderTotals);
  }

  @OnEvent(SubOrderExpiredV1)
  onExpired(e: EventOf<typeof SubOrderExpiredV1>, manager: EntityManager): Promise<void> {
    return this.reports.lowerOrder(manager, e.data.orderId, e.data.orderTotals);
  }
}
