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

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Issues, lists, revokes and checks API keys. Keys are 256-bit random; only SHA-256 is stored. */
@Injectable()
export class ApiKeysService {
  private readonly bootstrapHash?: Buffer;
  private readonly known = new Map<string, { identity: Authenticated; until: number }>();

  constructor(
    private readonly keys: ApiKeyRepository,
    @Inject(GATEWAY_ENV) env: GatewayEnv,
  ) {
    if (env.ADMIN_API_KEY) this.bootstrapHash = Buffer.from(sha256(env.ADMIN_API_KEY), 'hex');
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
    return toDto(key);
  }

  /** The identity behind a bearer key, or undefined when the key is unknown or revoked. */
  async authenticate(presented: string): Promise<Authenticated | undefined> {
    const hash = sha256(presented);
    if (this.bootstrapHash && timingSafeEqual(Buffer.from(hash, 'hex'), this.bootstrapHash)) {
      return { keyId: BOOTSTRAP_ADMIN_KEY_ID, role: 'admin', rateLimitPerMinute: null };
    }
    const now = Date.now();
    const cached = this.known.get(hash);
    if (cached && cached.until > now) return cached.identity;
    const key = await this.keys.findByHash(hash);
    if (!key || key.revokedAt) {
      this.known.delete(hash);
      return undefined;
    }
    const identity: Authenticated = {
      keyId: key.id,
      role: key.role,
      ...(key.partnerId ? { partnerId: key.partnerId } : {}),
      ...(key.carrierCode ? { carrierCode: key.carrierCode } : {}),
      rateLimitPerMinute: key.rateLimitPerMinute,
    };
    this.known.delete(hash);
    this.known.set(hash, { identity, until: now + KEY_CACHE_MS });
    // Oldest first (insertion order): unknown keys are never kept, so this bounds real keys only.
    if (this.known.size > KEY_CACHE_MAX) this.known.delete(this.known.keys().next().value!);
    return identity;
  }
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
