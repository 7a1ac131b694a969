import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import type { CallerIdentity, Page, PageRequest } from '@app/contracts';
import { toPage } from '@app/persistence';
import { NotFoundError, ValidationFailedError, toVietnamIso } from '@app/platform';
import type { GatewayEnv } from '../gateway.env';
import { GATEWAY_ENV } from '../gateway.tokens';
import type { ApiKeyDto, IssueApiKeyDto, IssuedApiKeyDto } from './api-key.dto';
import { ApiKey } from './api-key.entity';
import { ApiKeyRepository } from './api-key.repository';

export const BOOTSTRAP_ADMIN_KEY_ID = 'bootstrap-admin';

type Authenticated = CallerIdentity & { rateLimitPerMinute: number | null };

/**
 * How long a gateway trusts a key it looked up: every request read the key from the database, a
 * round trip per call. A key revoked through this gateway is forgotten at once; another gateway
 * instance stops accepting it within this time.
 */
const KEY_CACHE_MS = 5000;
const KEY_CACHE_MAX = 10000;

/**
 * The shape of every key `issue()` hands out: `ns_` and 32 random bytes in base64url. Anything
 * else (a typo, a key of another system, garbage from a scanner) is refused without a lookup.
 */
const ISSUED_KEY = /^ns_[A-Za-z0-9_-]{43}$/;

/**
 * Well-formed keys found unknown or revoked are refused from memory for this long: a client left
 * with a revoked key (or a misconfigured one) retries it in a loop, and each retry was a database
 * round trip. Safe to remember: a revoked key never becomes valid again, and an unknown one would
 * have to be guessed before it was issued (256 random bits).
 */
const UNKNOWN_KEY_MS = 60_000;
const UNKNOWN_KEY_MAX = 10000;

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Issues, lists, revokes and checks API keys. Keys are 256-bit random; only SHA-256 is stored. */
@Injectable()
export class ApiKeysService {
  private readonly bootstrapHash?: Buffer;
  private readonly carrierCodes: Set<string>;
  private readonly known = new Map<string, { identity: Authenticated; until: number }>();
  /** Hashes of well-formed keys that are unknown or revoked, with when to stop trusting that. */
  private readonly refused = new Map<string, number>();
  /** Lookups running, by hash: concurrent requests with the same key share one query. */
  private readonly lookups = new Map<string, Promise<Authenticated | undefined>>();

  constructor(
    private readonly keys: ApiKeyRepository,
    @Inject(GATEWAY_ENV) env: GatewayEnv,
  ) {
    if (env.ADMIN_API_KEY) this.bootstrapHash = Buffer.from(sha256(env.ADMIN_API_KEY), 'hex');
    this.carrierCodes = new Set(env.CARRIER_CODES.split(','));
  }

  async issue(dto: IssueApiKeyDto, issuer: CallerIdentity): Promise<IssuedApiKeyDto> {
    if (dto.role !== 'carrier' && dto.carrierCode !== undefined) {
      throw new ValidationFailedError([
        {
          field: 'carrierCode',
          message: 'carrierCode is only for carrier keys',
          messageVi: 'carrierCode chỉ dùng cho khóa của hãng vận chuyển',
        },
      ]);
    }
    if (dto.carrierCode !== undefined && !this.carrierCodes.has(dto.carrierCode)) {
      const known = [...this.carrierCodes].join(', ');
      throw new ValidationFailedError([
        {
          field: 'carrierCode',
          message: `carrierCode must be one of the platform's carriers: ${known}`,
          messageVi: `carrierCode phải là một hãng vận chuyển của sàn: ${known}`,
        },
      ]);
    }
    if (dto.role !== 'partner' && dto.partnerId !== undefined) {
      throw new ValidationFailedError([
        { field: 'partnerId', message: 'partnerId is only for partner keys', messageVi: 'partnerId chỉ dùng cho khóa của đối tác' },
      ]);
    }
    if (dto.partnerId !== undefined) {
      const owners = await this.keys.findById(dto.partnerId);
      if (!owners || owners.role !== 'partner' || owners.partnerId !== dto.partnerId)
        throw new NotFoundError('Partner', dto.partnerId, 'đối tác');
    }
    const id = uuidv7();
    const key = `ns_${randomBytes(32).toString('base64url')}`;
    const saved = await this.keys.insert(
      Object.assign(new ApiKey(), {
        id,
        name: dto.name,
        role: dto.role,
        partnerId: dto.role === 'partner' ? (dto.partnerId ?? id) : null,
        carrierCode: dto.role === 'carrier' ? dto.carrierCode : null,
        keyHash: sha256(key),
        keyPrefix: key.slice(0, 7),
        rateLimitPerMinute: dto.rateLimitPerMinute ?? null,
        createdBy: issuer.keyId,
        revokedAt: null,
      }),
    );
    return { ...toDto(saved), key };
  }

  async list(page: PageRequest): Promise<Page<ApiKeyDto>> {
    const rows = await this.keys.list(page.limit, page.cursor);
    return toPage(rows, page.limit, toDto, (k) => ({ id: k.id }));
  }

  async revoke(id: string): Promise<ApiKeyDto> {
    const key = await this.keys.revoke(id, new Date());
    if (!key) throw new NotFoundError('API key', id, 'khóa API');
    this.known.delete(key.keyHash);
    // Also refuses it to a lookup that read the key before the revocation and is still running.
    remember(this.refused, key.keyHash, Date.now() + UNKNOWN_KEY_MS, UNKNOWN_KEY_MAX);
    return toDto(key);
  }

  /** The identity behind a bearer key, or undefined when the key is unknown or revoked. */
  async authenticate(presented: string): Promise<Authenticated | undefined> {
    const hash = sha256(presented);
    if (this.bootstrapHash && timingSafeEqual(Buffer.from(hash, 'hex'), this.bootstrapHash)) {
      return { keyId: BOOTSTRAP_ADMIN_KEY_ID, role: 'admin', rateLimitPerMinute: null };
    }
    if (!ISSUED_KEY.test(presented)) return undefined;
    const now = Date.now();
    const cached = this.known.get(hash);
    if (cached && cached.until > now) return cached.identity;
    const refusedUntil = this.refused.get(hash);
    if (refusedUntil !== undefined) {
      if (refusedUntil > now) return undefined;
      this.refused.delete(hash);
    }
    const running = this.lookups.get(hash);
    if (running) return running;
    const lookup = this.lookUp(hash).finally(() => this.lookups.delete(hash));
    this.lookups.set(hash, lookup);
    return lookup;
  }

  private async lookUp(hash: string): Promise<Authenticated | undefined> {
    const key = await this.keys.findByHash(hash);
    const now = Date.now();
    this.known.delete(hash);
    // Refused meanwhile: revoked through this gateway while the row was being read.
    if (!key || key.revokedAt || this.refused.has(hash)) {
      remember(this.refused, hash, now + UNKNOWN_KEY_MS, UNKNOWN_KEY_MAX);
      return undefined;
    }
    const identity: Authenticated = {
      keyId: key.id,
      role: key.role,
      ...(key.partnerId ? { partnerId: key.partnerId } : {}),
      ...(key.carrierCode ? { carrierCode: key.carrierCode } : {}),
      rateLimitPerMinute: key.rateLimitPerMinute,
    };
    remember(this.known, hash, { identity, until: now + KEY_CACHE_MS }, KEY_CACHE_MAX);
    return identity;
  }
}

/** Sets `key` as the newest entry of `map`, dropping the oldest (insertion order) beyond `max`. */
function remember<V>(map: Map<string, V>, key: string, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > max) map.delete(map.keys().next().value!);
}

function toDto(k: ApiKey): ApiKeyDto {
  return {
    id: k.id,
    name: k.name,
    role: k.role,
    partnerId: k.partnerId,
    carrierCode: k.carrierCode,
    keyPrefix: k.keyPrefix,
    rateLimitPerMinute: k.rateLimitPerMinute,
    createdAt: toVietnamIso(k.createdAt),
    revokedAt: k.revokedAt ? toVietnamIso(k.revokedAt) : null,
  };
}
