import { LotsByPartner1765100000000 } from './migrations/1765100000000-lots-by-partner';
import { DynamicModule, Module, type Type } from '@nestjs/common';
import { serviceModules } from '@app/messaging';
import { CaptureController } from './capture/capture.controller';
import { Capture } from './capture/capture.entity';
import { CaptureRepository } from './capture/capture.repository';
import { CaptureService } from './capture/capture.service';
import { LotChainService } from './chain/lot-chain.service';
import { LotEvent } from './chain/lot-event.entity';
import { LotEventRepository } from './chain/lot-event.repository';
import { LotHistoryController } from './history/lot-history.controller';
import { LotHistoryService } from './history/lot-history.service';
import { DiaryController } from './diary/diary.controller';
import { DiaryService } from './diary/diary.service';
import { Lot } from './lots/lot.entity';
import { LotRepository } from './lots/lot.repository';
import { LotsController } from './lots/lots.controller';
import { LotsService } from './lots/lots.service';
import { Traceability1763870000000 } from './migrations/1763870000000-traceability';
import { LotEventLinkVersions1765000000000 } from './migrations/1765000000000-lot-event-link-versions';
import { CatalogReplicasProjector } from './lots/catalog-replicas.projector';
import { ProductReplica } from './replicas/product-replica.entity';
import { ReplicaRepository } from './replicas/replica.repository';
import { SellerReplica } from './replicas/seller-replica.entity';
import { ShipmentTrackingHandler } from './supply/shipment-tracking.handler';
import { TracePageController } from './trace/trace-page.controller';
import { TracePageService } from './trace/trace-page.service';
import type { TraceabilityEnv } from './traceability.env';
import { TRACEABILITY_ENV } from './traceability.tokens';

export const TRACEABILITY = 'traceability';
export const TRACEABILITY_ENTITIES: Type[] = [Lot, LotEvent, Capture, SellerReplica, ProductReplica];
export const TRACEABILITY_MIGRATIONS: Type[] = [Traceability1763870000000, LotEventLinkVersions1765000000000, LotsByPartner1765100000000];

/** Lots, farm diary and supply-chain events (EPCIS 2.0), the tamper-evident chain, QR codes. Owns the `<prefix>_traceability` database. */
@Module({})
export class TraceabilityModule {
  static forRoot(env: TraceabilityEnv): DynamicModule {
    return {
      module: TraceabilityModule,
      imports: [...serviceModules({ service: TRACEABILITY, env, entities: TRACEABILITY_ENTITIES, migrations: TRACEABILITY_MIGRATIONS })],
      controllers: [LotsController, DiaryController, LotHistoryController, CaptureController, TracePageController],
      providers: [
        { provide: TRACEABILITY_ENV, useValue: env },
        LotRepository,
        LotsService,
        LotEventRepository,
        LotChainService,
        LotHistoryService,
        DiaryService,
        ReplicaRepository,
        CatalogReplicasProjector,
        ShipmentTrackingHandler,
        CaptureRepository,
        CaptureService,
        TracePageService,
      ],
    };
  }
}
