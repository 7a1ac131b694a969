/**
 * The first request to cross everything for real: HTTP → gateway process → Kafka request topic →
 * catalog process → its PostgreSQL database → Kafka reply topic → gateway → HTTP.
 */
describe('GET /v1/categories through the cluster', () => {
  const base = process.env.E2E_BASE_URL!;
  const auth = { Authorization: `Bearer ${process.env.E2E_ADMIN_API_KEY!}` };

  it('returns the seeded Vietnamese category tree from the catalog over Kafka', async () => {
    const res = await fetch(`${base}/v1/categories`, { headers: { ...auth, 'X-Request-Id': 'e2e-categories-1' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('e2e-categories-1');
    const tree = (await res.json()) as { slug: string; nameVi: string; nameEn: string; children: { slug: string; nameVi: string }[] }[];
    expect(tree.map((c) => c.nameVi)).toEqual(
      expect.arrayContaining(['Trái cây', 'Rau củ', 'Gạo và ngũ cốc', 'Cà phê', 'Chè', 'Thủy sản', 'Chăn nuôi', 'Đặc sản OCOP']),
    );
    const coffee = tree.find((c) => c.slug === 'ca-phe');
    expect(coffee).toMatchObject({ nameVi: 'Cà phê', nameEn: 'Coffee' });
    expect(coffee!.children.map((c) => c.nameVi)).toEqual(['Cà phê nhân', 'Cà phê rang xay']);
  });

  it('reports ready only when its database and Kafka answer', async () => {
    const res = await fetch(`${base}/health/ready`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; info: Record<string, { status: string }> };
    expect(body.status).toBe('ok');
    expect(body.info.kafka?.status).toBe('up');
  });

  it('serves the OpenAPI document and Swagger UI', async () => {
    const doc = (await (await fetch(`${base}/openapi.json`)).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toContain('/v1/categories');
    const ui = await fetch(`${base}/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger');
  });

  it('answers an unknown path with problem+json, not HTML', async () => {
    const res = await fetch(`${base}/v1/no-such-thing`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 404, code: 'not_found' });
  });
});
