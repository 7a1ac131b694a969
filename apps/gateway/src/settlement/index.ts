import type { Provider, Type } from '@nestjs/common';
import { RemittanceUploader } from './remittance-uploader';
import { LedgerAdminController } from './ledger-admin.controller';
import { PayoutsController } from './payouts.controller';
import { RemittancesController } from './remittances.controller';
import { SellerMoneyController } from './seller-money.controller';

/** REST controllers of the settlement context (registered by the gateway module). */
export const SETTLEMENT_CONTROLLERS: Type[] = [RemittancesController, SellerMoneyController, PayoutsController, LedgerAdminController];

/** Providers the settlement controllers need (picked up by the gateway module's `_PROVIDERS` scan). */
export const SETTLEMENT_PROVIDERS: Provider[] = [RemittanceUploader];
