import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface StoredResponse {
  requestHash: string;
  state: 'in_progress' | 'completed';
  responseStatus: number | null;
  responseBody: unknown;
}

interface Row {
  request_hash: string;
  state: 'in_progress' | 'completed';
  response_status: number | null;
  response_body: unknown;
}

@Injectable()
export class IdempotencyRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Claims the key for a new request; false when a live record for it exists already. The claim
   * is a lease of `leaseMs`: a gateway that dies mid-request never completes or releases it, and
   * when the lease runs out the next request with the key takes it over.
   */
  async claim(apiKeyId: string, key: string, requestHash: string, leaseMs: number): Promise<boolean> {
    await this.dataSource.query(`DELETE FROM idempotency_records WHERE api_key_id = $1 AND idempotency_key = $2 AND expires_at < now()`, [
      apiKeyId,
      key,
    ]);
    const rows = await this.dataSource.query<unknown[]>(
      `INSERT INTO idempotency_records (api_key_id, idempotency_key, request_hash, state, expires_at)
       VALUES ($1, $2, $3, 'in_progress', now() + make_interval(secs => $4::float8 / 1000))
       ON CONFLICT (api_key_id, idempotency_key) DO NOTHING RETURNING 1`,
      [apiKeyId, key, requestHash, leaseMs],
    );
    return rows.length === 1;
  }

  /** The request holding the claim still runs here: its lease starts again. */
  async renew(apiKeyId: string, key: string, leaseMs: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE idempotency_records SET expires_at = now() + make_interval(secs => $3::float8 / 1000)
        WHERE api_key_id = $1 AND idempotency_key = $2 AND state = 'in_progress'`,
      [apiKeyId, key, leaseMs],
    );
  }

  async find(apiKeyId: string, key: string): Promise<StoredResponse | undefined> {
    const rows = await this.dataSource.query<Row[]>(
      `SELECT request_hash, state, response_status, response_body FROM idempotency_records WHERE api_key_id = $1 AND idempotency_key = $2`,
      [apiKeyId, key],
    );
    const r = rows[0];
    return r && { requestHash: r.request_hash, state: r.state, responseStatus: r.response_status, responseBody: r.response_body };
  }

  /** Keeps the answer for `ttlHours` from now. */
  async complete(apiKeyId: string, key: string, status: number, body: unknown, ttlHours: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE idempotency_records
          SET state = 'completed', response_status = $3, response_body = $4::jsonb, expires_at = now() + make_interval(hours => $5)
        WHERE api_key_id = $1 AND idempotency_key = $2`,
      [apiKeyId, key, status, JSON.stringify(body ?? null), ttlHours],
    );
  }

  async release(apiKeyId: string, key: string): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM idempotency_records WHERE api_key_id = $1 AND idempotency_key = $2 AND state = 'in_progress'`,
      [apiKeyId, key],
    );
  }

  async purgeExpired(): Promise<number> {
    const [, count] = await this.dataSource.query<[unknown, number]>(`DELETE FROM idempotency_records WHERE expires_at < now()`);
    return count;
  }
}
