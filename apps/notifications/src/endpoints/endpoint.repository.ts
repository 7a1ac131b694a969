import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { EventOwner, PageRequest } from '@app/contracts';
import { decodeCursor } from '@app/persistence';
import { DISABLE, type DisabledReason } from './endpoint-state';
import { WebhookEndpoint } from './webhook-endpoint.entity';

@Injectable()
export class EndpointRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The owner's endpoint, or null (another owner's endpoint is as good as absent). */
  find(owner: EventOwner, id: string, manager: EntityManager = this.dataSource.manager): Promise<WebhookEndpoint | null> {
    return manager.getRepository(WebhookEndpoint).findOneBy({ id, ownerRole: owner.role, ownerId: owner.id });
  }

  findById(id: string): Promise<WebhookEndpoint | null> {
    return this.dataSource.getRepository(WebhookEndpoint).findOneBy({ id });
  }

  /** The owner's endpoints, newest first, `limit + 1` rows after the cursor. */
  list(owner: EventOwner, page: PageRequest): Promise<WebhookEndpoint[]> {
    const after = decodeCursor<{ id: string }>(page.cursor, ['id']);
    const q = this.dataSource
      .getRepository(WebhookEndpoint)
      .createQueryBuilder('e')
      .where('e.owner_role = :role AND e.owner_id = :owner', { role: owner.role, owner: owner.id })
      .orderBy('e.id', 'DESC')
      .limit(page.limit + 1);
    if (after) q.andWhere('e.id < :after', { after: after.id });
    return q.getMany();
  }

  save(e: WebhookEndpoint, manager: EntityManager = this.dataSource.manager): Promise<WebhookEndpoint> {
    e.updatedAt = new Date();
    return manager.getRepository(WebhookEndpoint).save(e);
  }

  /** Removes the endpoint with its deliveries and their log. */
  async delete(id: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await m.query('DELETE FROM delivery_attempts WHERE endpoint_id = $1', [id]);
      await m.query('DELETE FROM deliveries WHERE endpoint_id = $1', [id]);
      await m.query('DELETE FROM webhook_endpoints WHERE id = $1', [id]);
    });
  }

  /** Enabled endpoints of `owner` that want `type`. */
  async matching(manager: EntityManager, owner: EventOwner, type: string): Promise<string[]> {
    const rows = await manager.query<{ id: string }[]>(
      `SELECT id FROM webhook_endpoints WHERE owner_role = $1 AND owner_id = $2 AND status = 'enabled' AND $3 = ANY(event_types)`,
      [owner.role, owner.id, type],
    );
    return rows.map((r) => r.id);
  }

  /** A failure starts the streak (if none); returns since when the endpoint has been failing. */
  async recordFailure(manager: EntityManager, id: string, at: Date): Promise<Date | null> {
    // TypeORM answers an UPDATE with [rows, count].
    const [rows] = await manager.query<[{ failing_since: Date }[], number]>(
      `UPDATE webhook_endpoints SET failing_since = COALESCE(failing_since, $2) WHERE id = $1 RETURNING failing_since`,
      [id, at],
    );
    return rows[0]?.failing_since ?? null;
  }

  /** The platform disables an endpoint (410, or 3 days of failures); its events stay in the feed. */
  async disable(manager: EntityManager, id: string, reason: DisabledReason): Promise<void> {
    await manager.query(
      `UPDATE webhook_endpoints SET status = $3, disabled_reason = $2, updated_at = now() WHERE id = $1 AND status = $4`,
      [id, reason, DISABLE.to, DISABLE.from],
    );
  }
}
