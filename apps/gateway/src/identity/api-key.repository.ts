import { Injectable } from '@nestjs/common';
import { DataSource, type Repository } from 'typeorm';
import { decodeCursor } from '@app/persistence';
import { ApiKey } from './api-key.entity';

@Injectable()
export class ApiKeyRepository {
  private readonly repo: Repository<ApiKey>;

  constructor(dataSource: DataSource) {
    this.repo = dataSource.getRepository(ApiKey);
  }

  insert(key: ApiKey): Promise<ApiKey> {
    return this.repo.save(key);
  }

  findByHash(keyHash: string): Promise<ApiKey | null> {
    return this.repo.findOneBy({ keyHash });
  }

  findById(id: string): Promise<ApiKey | null> {
    return this.repo.findOneBy({ id });
  }

  async revoke(id: string, at: Date): Promise<ApiKey | null> {
    await this.repo.createQueryBuilder().update().set({ revokedAt: at }).where('id = :id AND revoked_at IS NULL', { id }).execute();
    return this.findById(id);
  }

  /** Newest first, keyset-paginated on id (UUID v7 ids sort by creation). */
  list(limit: number, cursor?: string): Promise<ApiKey[]> {
    const after = decodeCursor<{ id: string }>(cursor, ['id']);
    const q = this.repo
      .createQueryBuilder('k')
      .orderBy('k.id', 'DESC')
      .limit(limit + 1);
    if (after) q.where('k.id < :id', { id: after.id });
    return q.getMany();
  }
}
