import { createHash } from 'node:crypto';
import type { GatewayEnv } from '../gateway.env';
import { ApiKey } from './api-key.entity';
import type { ApiKeyRepository } from './api-key.repository';
import { ApiKeysService } from './api-keys.service';

const sha256 = (t: string) => createHash('sha256').update(t, 'utf8').digest('hex');
const wellFormed = (c: string) => `ns_${c.repeat(43)}`;

/** The repository's lookup (counting calls) and revocation; rows by key hash. */
function keysStore(rows: Record<string, Partial<ApiKey>>) {
  const calls: string[] = [];
  let gate: Promise<void> = Promise.resolve();
  const find = (hash: string) => {
    const row = rows[hash];
    return row
      ? Object.assign(new ApiKey(), {
          revokedAt: null,
          partnerId: null,
          carrierCode: null,
          keyHash: hash,
          createdAt: new Date('2026-12-01T00:00:00Z'),
          ...row,
        })
      : null;
  };
  const repo = {
    findByHash: async (hash: string) => {
      calls.push(hash);
      // The row as the query read it; the answer arrives when the gate opens.
      const row = find(hash);
      await gate;
      return row;
    },
    revoke: async (id: string, at: Date) => {
      const hash = Object.keys(rows).find((h) => rows[h].id === id);
      if (!hash) return null;
      rows[hash] = { ...rows[hash], revokedAt: at };
      return find(hash);
    },
  };
  return {
    repo: repo as unknown as ApiKeyRepository,
    calls,
    hold: () => {
      let open!: () => void;
      gate = new Promise((r) => (open = r));
      return () => open();
    },
  };
}

describe('ApiKeysService.authenticate', () => {
  const env = { ADMIN_API_KEY: 'local-admin-key', CARRIER_CODES: 'VNPOST,VTP' } as GatewayEnv;
  afterEach(() => jest.useRealTimers());

  it('refuses keys that are not of the issued shape without a lookup', async () => {
    const store = keysStore({});
    const keys = new ApiKeysService(store.repo, env);
    for (const k of ['x', 'ns_short', `${wellFormed('a')}b`, wellFormed('a').replace('ns_', 'NS_'), `ns_${'a'.repeat(42)}!`]) {
      await expect(keys.authenticate(k)).resolves.toBeUndefined();
    }
    expect(store.calls).toHaveLength(0);
  });

  it('still accepts the bootstrap admin key, whatever its shape', async () => {
    const keys = new ApiKeysService(keysStore({}).repo, env);
    await expect(keys.authenticate('local-admin-key')).resolves.toMatchObject({ role: 'admin' });
  });

  it('remembers a well-formed unknown or revoked key for a minute, then asks again', async () => {
    jest.useFakeTimers({ now: new Date('2026-12-02T10:00:00Z') });
    const revoked = wellFormed('r');
    const store = keysStore({ [sha256(revoked)]: { id: 'k1', role: 'storefront', revokedAt: new Date('2026-12-01T00:00:00Z') } });
    const keys = new ApiKeysService(store.repo, env);
    const unknown = wellFormed('u');
    for (let i = 0; i < 5; i++) {
      await expect(keys.authenticate(unknown)).resolves.toBeUndefined();
      await expect(keys.authenticate(revoked)).resolves.toBeUndefined();
    }
    expect(store.calls).toEqual([sha256(unknown), sha256(revoked)]);
    jest.setSystemTime(new Date('2026-12-02T10:01:01Z'));
    await expect(keys.authenticate(unknown)).resolves.toBeUndefined();
    expect(store.calls).toHaveLength(3);
  });

  it('shares one lookup between concurrent requests with the same key', async () => {
    const key = wellFormed('k');
    const store = keysStore({ [sha256(key)]: { id: 'k2', role: 'partner', partnerId: 'p1', rateLimitPerMinute: 60 } });
    const keys = new ApiKeysService(store.repo, env);
    const open = store.hold();
    const all = Promise.all(Array.from({ length: 20 }, () => keys.authenticate(key)));
    open();
    const identities = await all;
    expect(store.calls).toHaveLength(1);
    for (const id of identities) expect(id).toEqual({ keyId: 'k2', role: 'partner', partnerId: 'p1', rateLimitPerMinute: 60 });
  });

  it('does not remember a lookup that failed', async () => {
    const key = wellFormed('f');
    let fail = true;
    const calls: string[] = [];
    const repo = {
      findByHash: async (hash: string) => {
        calls.push(hash);
        if (fail) throw new Error('connection terminated');
        return Object.assign(new ApiKey(), { id: 'k3', role: 'storefront', revokedAt: null, rateLimitPerMinute: null });
      },
    } as unknown as ApiKeyRepository;
    const keys = new ApiKeysService(repo, env);
    await expect(keys.authenticate(key)).rejects.toThrow('connection terminated');
    fail = false;
    await expect(keys.authenticate(key)).resolves.toMatchObject({ keyId: 'k3' });
    expect(calls).toHaveLength(2);
  });

  it('refuses a key revoked here even to a lookup that read it before the revocation', async () => {
    const key = wellFormed('v');
    const store = keysStore({ [sha256(key)]: { id: 'k4', role: 'storefront', rateLimitPerMinute: null } });
    const keys = new ApiKeysService(store.repo, env);
    const open = store.hold();
    const before = keys.authenticate(key);
    // The lookup is waiting on the database with the row as it was; the key is revoked meanwhile.
    await new Promise((r) => setImmediate(r));
    await keys.revoke('k4');
    open();
    await expect(before).resolves.toBeUndefined();
    await expect(keys.authenticate(key)).resolves.toBeUndefined();
    expect(store.calls).toHaveLength(1);
  });
});
