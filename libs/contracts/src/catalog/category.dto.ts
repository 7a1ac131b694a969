/** A node of the product category tree (Vietnamese name first, English for partners abroad). */
export interface CategoryNode {
  id: string;
  /** Stable, URL-safe, ASCII (`trai-cay`, `ca-phe`). */
  slug: string;
  nameVi: string;
  nameEn: string;
  parentId: string | null;
  children: CategoryNode[];
}
