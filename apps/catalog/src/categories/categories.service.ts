import { Injectable } from '@nestjs/common';
import type { CategoryNode } from '@app/contracts';
import { CategoryRepository } from './category.repository';

@Injectable()
export class CategoriesService {
  constructor(private readonly categories: CategoryRepository) {}

  /** The whole category tree, roots first, siblings in display order. */
  async tree(): Promise<CategoryNode[]> {
    const all = await this.categories.findAll();
    const nodes = new Map<string, CategoryNode>(
      all.map((c) => [c.id, { id: c.id, slug: c.slug, nameVi: c.nameVi, nameEn: c.nameEn, parentId: c.parentId, children: [] }]),
    );
    const roots: CategoryNode[] = [];
    for (const c of all) {
      const node = nodes.get(c.id)!;
      const parent = c.parentId ? nodes.get(c.parentId) : undefined;
      if (parent) parent.children.push(node);
      else roots.push(node);
    }
    return roots;
  }
}
