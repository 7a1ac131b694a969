import type { RpcOperation } from '@app/contracts';
import { isUniqueViolation } from '@app/persistence';
import { IdempotencyKeyReusedError } from '@app/platform';

/** The columns that remember which operation created a row (ADR 0007). */
export interface CreatedBy {
  creationKey: string | null;
  creationHash: string | null;
}

export function creationColumns(operation: RpcOperation | undefined): CreatedBy {
  return { creationKey: operation?.key ?? null, creationHash: operation?.requestHash || null };
}

/**
 * Creates once per operation: a client's retry (an `idem:` key) is looked up first; a redelivered
 * request (`req:`) runs `create` and, when the unique index says it was created already, answers
 * with that. The same key with another request is 422, as the gateway answers while it still has
 * its own record of the key.
 */
export async function createOnce<T extends CreatedBy, V>(
  operation: RpcOperation | undefined,
  find: (key: string) => Promise<T | null>,
  create: () => Promise<V>,
  view: (existing: T) => V | Promise<V>,
  constraint: string,
): Promise<V> {
  const answer = (existing: T): V | Promise<V> => {
    if (operation?.requestHash && existing.creationHash && operation.requestHash !== existing.creationHash) {
      throw new IdempotencyKeyReusedError();
    }
    return view(existing);
  };
  if (operation && !operation.key.startsWith('req:')) {
    const existing = await find(operation.key);
    if (existing) return answer(existing);
  }
  try {
    return await create();
  } catch (e) {
    const existing = operation && isUniqueViolation(e, constraint) ? await find(operation.key) : null;
    if (existing) return answer(existing);
    throw e;
  }
}
