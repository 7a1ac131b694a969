/** A rendered page (or its friendly 404). */
export interface RenderedPage {
  status: number;
  html: string;
}

/** Long enough to absorb a burst of scans of one label, short enough that a new diary entry shows soon. */
const TTL_MS = 5_000;
const MAX_ENTRIES = 5_000;

/**
 * Rendered trace pages by code, briefly. Concurrent requests for the same code share one call to
 * the service; failures are not kept.
 */
export class TracePageCache {
  private readonly entries = new Map<string, { at: number; page: Promise<RenderedPage> }>();

  get(key: string, render: () => Promise<RenderedPage>): Promise<RenderedPage> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < TTL_MS) return hit.page;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    const page = render();
    this.entries.set(key, { at: now, page });
    page.catch(() => this.entries.delete(key));
    return page;
  }
}
