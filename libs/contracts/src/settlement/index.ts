export * from './settlement.rpc';
export * from './settlement.events';
export * from './remittance.dto';
export * from './ledger.dto';
export * from './payout.dto';
export * from './report.dto';
