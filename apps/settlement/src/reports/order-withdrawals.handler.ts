import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SubOrderDeclinedV1, SubOrderExpiredV1, type CloudEvent, type EventData } from '@app/contracts';
import { OnEvent } from '@app/messaging';
import { ReportRepository } from './report.repository';

/**
 * A sub-order a seller declined, or left unanswered past its deadline, leaves its order: the
 * operator's report counts the order at its lowered totals, as the orders service shows them.
 */
@Injectable()
export class OrderWithdrawalsHandler {
  constructor(private readonly reports: ReportRepository) {}

  @OnEvent(SubOrderDeclinedV1)
  onDeclined(e: CloudEvent<EventData<typeof SubOrderDeclinedV1>>, manager: EntityManager): Promise<void> {
    return this.reports.lowerOrder(manager, e.data.orderId, e.data.orderTotals);
  }

  @OnEvent(SubOrderExpiredV1)
  onExpired(e: CloudEvent<EventData<typeof SubOrderExpiredV1>>, manager: EntityManager): Promise<void> {
    return this.reports.lowerOrder(manager, e.data.orderId, e.data.orderTotals);
  }
}
