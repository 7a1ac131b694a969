import { Injectable } from '@nestjs/common';
import { DataSource, type Repository } from 'typeorm';
import { Category } from './category.entity';

@Injectable()
export class CategoryRepository {
  private readonly repo: Repository<Category>;

  constructor(dataSource: DataSource) {
    this.repo = dataSource.getRepository(Category);
  }

  findAll(): Promise<Category[]> {
    return this.repo.find({ order: { position: 'ASC', id: 'ASC' } });
  }

  findById(id: string): Promise<Category | null> {
    return this.repo.findOneBy({ id });
  }
}
