import type { Page, PageRequest } from '../page';
import type { CreatePayoutRequest, PayoutBatchView, PayoutSummaryView, PutBankAccountRequest, SellerBankAccount } from './payout.dto';
import type { SellerBalance, SellerStatement, SellerStatementRequest, TrialBalance, TrialBalanceRequest } from './ledger.dto';
import type {
  BeginRemittanceRequest,
  CompleteRemittanceRequest,
  RemittanceAccepted,
  RemittanceView,
  StageRemittanceChunkRequest,
  ListRemittancesRequest,
  RemittanceSummaryView,
} from './remittance.dto';
import type { DailyReport } from './report.dto';

/** Requests the gateway sends to the settlement service. */
export const SettlementRpc = {
  beginRemittance: 'settlement.remittances.begin',
  stageRemittanceChunk: 'settlement.remittances.stage',
  completeRemittance: 'settlement.remittances.complete',
  getRemittance: 'settlement.remittances.get',
  listRemittances: 'settlement.remittances.list',
  getBalance: 'settlement.sellers.balance',
  getStatement: 'settlement.sellers.statement',
  putBankAccount: 'settlement.sellers.bank-account.put',
  trialBalance: 'settlement.ledger.trial-balance',
  createPayout: 'settlement.payouts.create',
  getPayout: 'settlement.payouts.get',
  listPayouts: 'settlement.payouts.list',
  markPayoutPaid: 'settlement.payouts.mark-paid',
  dailyReport: 'settlement.reports.daily',
} as const;

export interface SettlementRpcContract {
  [SettlementRpc.beginRemittance]: { request: BeginRemittanceRequest; response: { uploadId: string } };
  [SettlementRpc.stageRemittanceChunk]: { request: StageRemittanceChunkRequest; response: { staged: number; errors: number } };
  [SettlementRpc.completeRemittance]: { request: CompleteRemittanceRequest; response: RemittanceAccepted };
  [SettlementRpc.getRemittance]: { request: { id: string }; response: RemittanceView };
  [SettlementRpc.listRemittances]: { request: ListRemittancesRequest; response: Page<RemittanceSummaryView> };
  [SettlementRpc.getBalance]: { request: { sellerId: string }; response: SellerBalance };
  [SettlementRpc.getStatement]: { request: SellerStatementRequest; response: SellerStatement };
  [SettlementRpc.putBankAccount]: { request: PutBankAccountRequest; response: SellerBankAccount };
  [SettlementRpc.trialBalance]: { request: TrialBalanceRequest; response: TrialBalance };
  [SettlementRpc.createPayout]: { request: CreatePayoutRequest; response: PayoutBatchView };
  [SettlementRpc.getPayout]: { request: { id: string }; response: PayoutBatchView };
  [SettlementRpc.listPayouts]: { request: PageRequest; response: Page<PayoutSummaryView> };
  [SettlementRpc.markPayoutPaid]: { request: { id: string }; response: PayoutBatchView };
  [SettlementRpc.dailyReport]: { request: { date: string }; response: DailyReport };
}
