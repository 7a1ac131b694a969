import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { validate as isUuid } from 'uuid';
import {
  DeclineReasons,
  type AcceptSubOrderRequest,
  type CallerIdentity,
  type DeclineSubOrderRequest,
  type FieldError,
  type OrderView,
} from '@app/contracts';
import { ConflictError, NotFoundError, ValidationFailedError } from '@app/platform';
import { Fulfilment } from '../fulfilment/fulfilment';
import { orderView } from './order.view';
import { OrdersRepository, type OrderAggregate } from './orders.repository';
import type { SubOrder } from './sub-order.entity';

const HOUR = 3600_000;
/** A pickup window: in the future, within a week, at least an hour long. */
const WINDOW = { minLengthMs: HOUR, maxAheadMs: 7 * 24 * HOUR };

/**
 * A seller's answer to its sub-order, through the partner app that registered it: accept (with a
 * pickup window) or decline, while the sub-order waits and before its deadline. Another partner's
 * sub-order is 404; an answer in any other state is 409 naming it, and nothing changes.
 */
@Injectable()
export class SellerAnswersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly orders: OrdersRepository,
    private readonly fulfilment: Fulfilment,
  ) {}

  accept(caller: CallerIdentity, r: AcceptSubOrderRequest): Promise<OrderView> {
    const window = r.pickupWindow ? checkWindow(r.pickupWindow, new Date()) : undefined;
    return this.answer(caller, r, (manager, agg, sub) =>
      this.fulfilment.accept(manager, agg, sub, { pickupWindow: window, note: clean(r.note) }),
    );
  }

  decline(caller: CallerIdentity, r: DeclineSubOrderRequest): Promise<OrderView> {
    if (!(DeclineReasons as readonly string[]).includes(r.reason)) {
      throw new ValidationFailedError([{ field: 'reason', message: `reason must be one of ${DeclineReasons.join(', ')}` }]);
    }
    return this.answer(caller, r, (manager, agg, sub) =>
      this.fulfilment.withdraw(manager, agg, sub, { kind: 'declined', reason: r.reason, note: clean(r.note) }),
    );
  }

  private answer(
    caller: CallerIdentity,
    r: { orderId: string; subOrderId: string },
    act: (manager: EntityManager, agg: OrderAggregate, sub: SubOrder) => Promise<void>,
  ): Promise<OrderView> {
    return this.dataSource.transaction(async (manager) => {
      const agg = isUuid(r.orderId) ? await this.orders.load(r.orderId, manager, true) : null;
      const sub = agg?.subOrders.find((s) => s.id === r.subOrderId);
      if (!agg || !sub || caller.role !== 'partner' || sub.partnerId !== caller.partnerId) {
        throw new NotFoundError('Sub-order', r.subOrderId, 'đơn của người bán');
      }
      if (sub.status !== 'awaiting_seller') {
        throw new ConflictError(
          'sub_order_not_awaiting_seller',
          `The sub-order is ${sub.status}: only a sub-order awaiting_seller can be accepted or declined.`,
        ).vi(`Đơn của người bán đang ở trạng thái ${sub.status}, không thể xác nhận hay từ chối.`);
      }
      if (sub.status === 'awaiting_seller' && sub.acceptBy && sub.acceptBy.getTime() <= Date.now()) {
        throw new ConflictError(
          'accept_deadline_passed',
          `The seller's deadline (${sub.acceptBy.toISOString()}) has passed; the sub-order expires.`,
        ).vi('Đã quá hạn xác nhận đơn; đơn sẽ bị hủy.');
      }
      await act(manager, agg, sub);
      return orderView(agg, caller);
    });
  }
}

function clean(note: string | undefined): string | undefined {
  const n = note?.normalize('NFC').trim();
  return n ? n : undefined;
}

/** The window as dates, or 422 naming `pickupWindow.from` / `pickupWindow.to`. */
function checkWindow(w: { from: string; to: string }, now: Date): { from: Date; to: Date } {
  const from = new Date(w.from);
  const to = new Date(w.to);
  const errors: FieldError[] = [];
  if (Number.isNaN(from.getTime())) errors.push({ field: 'pickupWindow.from', message: 'pickupWindow.from must be an ISO 8601 time' });
  else if (from.getTime() <= now.getTime()) {
    errors.push({
      field: 'pickupWindow.from',
      message: 'pickupWindow.from must lie in the future',
      messageVi: 'Giờ lấy hàng phải ở tương lai.',
    });
  }
  if (Number.isNaN(to.getTime())) errors.push({ field: 'pickupWindow.to', message: 'pickupWindow.to must be an ISO 8601 time' });
  else if (to.getTime() > now.getTime() + WINDOW.maxAheadMs) {
    errors.push({
      field: 'pickupWindow.to',
      message: 'pickupWindow.to must be within 7 days',
      messageVi: 'Khung giờ lấy hàng phải trong vòng 7 ngày.',
    });
  } else if (!Number.isNaN(from.getTime()) && to.getTime() - from.getTime() < WINDOW.minLengthMs) {
    errors.push({
      field: 'pickupWindow.to',
      message: 'the pickup window must be at least 1 hour long',
      messageVi: 'Khung giờ lấy hàng phải dài ít nhất 1 giờ.',
    });
  }
  if (errors.length > 0) throw new ValidationFailedError(errors);
  return { from, to };
}
