/** Injection token of the validated SettlementEnv. */
export const SETTLEMENT_ENV = Symbol('SETTLEMENT_ENV');
