/** Injection token of the validated TraceabilityEnv. */
export const TRACEABILITY_ENV = Symbol('TRACEABILITY_ENV');
