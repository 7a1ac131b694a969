import { PlacedOrdersProjector } from './reports/placed-orders.projector';
import { DynamicModule, Module, type Type } from '@nestjs/common';
import { serviceModules } from '@app/messaging';
import { LedgerAccount } from './ledger/ledger-account.entity';
import { LedgerController } from './ledger/ledger.controller';
import { LedgerEntry } from './ledger/ledger-entry.entity';
import { LedgerPosting } from './ledger/ledger-posting.entity';
import { LedgerRepository } from './ledger/ledger.repository';
import { LedgerService } from './ledger/ledger.service';
import { Settlement1764000000000 } from './migrations/1764000000000-settlement';
import { LedgerBalanceCheckPerPosting1764700000000 } from './migrations/1764700000000-ledger-balance-check-per-posting';
import { ReconciliationHotUpdates1764900000000 } from './migrations/1764900000000-reconciliation-hot-updates';
import { Payout } from './payouts/payout.entity';
import { PayoutItemRecord } from './payouts/payout-item.entity';
import { PayoutRepository } from './payouts/payout.repository';
import { PayoutsController } from './payouts/payouts.controller';
import { PayoutsService } from './payouts/payouts.service';
import { MissingRemittances } from './remittances/missing-remittances';
import { ReconciliationRepository } from './remittances/reconciliation.repository';
import { Remittance } from './remittances/remittance.entity';
import { RemittanceChunk } from './remittances/remittance-chunk.entity';
import { RemittanceIntakeService } from './remittances/remittance-intake.service';
import { RemittanceLineErrorRecord } from './remittances/remittance-line-error.entity';
import { RemittanceLine } from './remittances/remittance-line.entity';
import { RemittanceReconciler } from './remittances/remittance-reconciler.service';
import { RemittanceRepository } from './remittances/remittance.repository';
import { RemittancesController } from './remittances/remittances.controller';
import { PlacedOrder } from './reports/placed-order.entity';
import { ReportRepository } from './reports/report.repository';
import { ReportsController } from './reports/reports.controller';
import { ReportsService } from './reports/reports.service';
import { SellerAccount } from './sellers/seller-account.entity';
import { SellerAccountRepository } from './sellers/seller-account.repository';
import { SellersController } from './sellers/sellers.controller';
import { SellerAccountsProjector } from './sellers/seller-accounts.projector';
import { SellersService } from './sellers/sellers.service';
import { SellerStatementService } from './sellers/seller-statement.service';
import type { SettlementEnv } from './settlement.env';
import { SETTLEMENT_ENV } from './settlement.tokens';
import { DeliveriesHandler } from './shipments/deliveries.handler';
import { SettledShipment } from './shipments/settled-shipment.entity';
import { ShipmentRepository } from './shipments/shipment.repository';

export const SETTLEMENT = 'settlement';
export const SETTLEMENT_ENTITIES: Type[] = [
  SellerAccount,
  SettledShipment,
  PlacedOrder,
  LedgerAccount,
  LedgerPosting,
  LedgerEntry,
  Remittance,
  RemittanceChunk,
  RemittanceLine,
  RemittanceLineErrorRecord,
  Payout,
  PayoutItemRecord,
];
export const SETTLEMENT_MIGRATIONS: Type[] = [
  Settlement1764000000000,
  LedgerBalanceCheckPerPosting1764700000000,
  ReconciliationHotUpdates1764900000000,
];

/** COD: double-entry ledger, carrier remittances, reconciliation, payouts, seller statements. Owns the `<prefix>_settlement` database. */
@Module({})
export class SettlementModule {
  static forRoot(env: SettlementEnv): DynamicModule {
    return {
      module: SettlementModule,
      imports: [...serviceModules({ service: SETTLEMENT, env, entities: SETTLEMENT_ENTITIES, migrations: SETTLEMENT_MIGRATIONS })],
      controllers: [RemittancesController, SellersController, LedgerController, PayoutsController, ReportsController],
      providers: [
        { provide: SETTLEMENT_ENV, useValue: env },
        LedgerRepository,
        LedgerService,
        ShipmentRepository,
        DeliveriesHandler,
        SellerAccountRepository,
        SellersService,
        SellerAccountsProjector,
        SellerStatementService,
        RemittanceRepository,
        ReconciliationRepository,
        MissingRemittances,
        RemittanceReconciler,
        RemittanceIntakeService,
        PayoutRepository,
        PayoutsService,
        ReportRepository,
        ReportsService,
        PlacedOrdersProjector,
      ],
    };
  }
}
