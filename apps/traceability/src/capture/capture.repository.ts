import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Capture } from './capture.entity';

@Injectable()
export class CaptureRepository {
  constructor(private readonly dataSource: DataSource) {}

  insert(manager: EntityManager, capture: Capture): Promise<Capture> {
    return manager.getRepository(Capture).save(capture);
  }

  findById(id: string): Promise<Capture | null> {
    return this.dataSource.getRepository(Capture).findOneBy({ id });
  }
}
