import type { ValueTransformer } from 'typeorm';

/**
 * PostgreSQL `bigint` arrives from pg as a string. Amounts in đồng and counts fit exactly in a
 * JavaScript number below 2^53 (9 million billion đồng); beyond that we fail loudly, never round.
 */
export const bigintTransformer: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null): number | null => {
    if (value === null || value === undefined) return null;
    const n = Number(value);
    if (!Number.isSafeInteger(n)) throw new RangeError(`bigint ${value} does not fit a safe integer`);
    return n;
  },
};
