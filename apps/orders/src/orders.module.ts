import { DynamicModule, Module, type Type } from '@nestjs/common';
import { serviceModules } from '@app/messaging';
import { CatalogProduct } from './catalog-view/catalog-product.entity';
import { CatalogViewProjector } from './catalog-view/catalog-view.projector';
import { CatalogViewRepository } from './catalog-view/catalog-view.repository';
import { Orders1763861000000 } from './migrations/1763861000000-orders';
import { OrderPlacementKeys1764800000000 } from './migrations/1764800000000-order-placement-keys';
import { SellerAnswersAndOrderLists1765100000000 } from './migrations/1765100000000-seller-answers-and-order-lists';
import { CarrierReports } from './fulfilment/carrier-reports';
import { Fulfilment } from './fulfilment/fulfilment';
import { OrderListRepository } from './orders/order-list.repository';
import { OrderPartner } from './orders/order-partner.entity';
import { OrderReadsService } from './fulfilment/order-reads.service';
import { SellerAnswersService } from './orders/seller-answers.service';
import { ShipmentRequests } from './shipments/shipment-requests';
import { OrderLifecycle } from './orders/order-lifecycle';
import { OrderSaga } from './orders/order-saga.handler';
import { OrderSweeps } from './orders/order-sweeps';
import { Order } from './orders/order.entity';
import { OrdersController } from './orders/orders.controller';
import { OrdersRepository } from './orders/orders.repository';
import { OrdersService } from './orders/orders.service';
import { SubOrder } from './orders/sub-order.entity';
import type { OrdersEnv } from './orders.env';
import { ORDERS_ENV } from './orders.tokens';
import { ShipmentReportRecord } from './shipments/shipment-report.entity';
import { Shipment } from './shipments/shipment.entity';
import { ShipmentsController } from './shipments/shipments.controller';
import { ShipmentsRepository } from './shipments/shipments.repository';
import { ShipmentsService } from './shipments/shipments.service';

export const ORDERS = 'orders';
export const ORDERS_ENTITIES: Type[] = [CatalogProduct, Order, OrderPartner, SubOrder, Shipment, ShipmentReportRecord];
export const ORDERS_MIGRATIONS: Type[] = [Orders1763861000000, OrderPlacementKeys1764800000000, SellerAnswersAndOrderLists1765100000000];

/** Orders split per seller, the stock saga, shipments and carrier status. Owns `<prefix>_orders`. */
@Module({})
export class OrdersModule {
  static forRoot(env: OrdersEnv): DynamicModule {
    return {
      module: OrdersModule,
      imports: [...serviceModules({ service: ORDERS, env, entities: ORDERS_ENTITIES, migrations: ORDERS_MIGRATIONS })],
      controllers: [OrdersController, ShipmentsController],
      providers: [
        { provide: ORDERS_ENV, useValue: env },
        CatalogViewRepository,
        CatalogViewProjector,
        OrdersRepository,
        OrderListRepository,
        OrdersService,
        OrderReadsService,
        SellerAnswersService,
        OrderLifecycle,
        OrderSaga,
        OrderSweeps,
        Fulfilment,
        CarrierReports,
        ShipmentRequests,
        ShipmentsRepository,
        ShipmentsService,
      ],
    };
  }
}
