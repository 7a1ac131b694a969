import type { ProductView } from '@app/contracts';
import { traceUrl } from '../traceability/public-base-url';
import type { ProductDto } from './product.dto';

/** API.md: a product linked to a lot carries the URL of its public trace page. */
export function withTraceUrl(p: ProductView): ProductDto {
  return { ...p, traceUrl: p.traceCode ? traceUrl(p.traceCode) : null };
}
