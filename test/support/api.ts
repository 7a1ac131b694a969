import type { Role } from '@app/contracts';

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface CallOptions {
  key?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

/** A client of the public REST API, as partner apps and storefronts would use it. */
export class Api {
  constructor(readonly base: string = process.env.E2E_BASE_URL!) {}

  async call<T = any>(method: string, path: string, o: CallOptions = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...o.headers };
    if (o.key) headers.Authorization = `Bearer ${o.key}`;
    let body: string | undefined;
    if (o.rawBody !== undefined) body = o.rawBody;
    else if (o.body !== undefined) {
      body = JSON.stringify(o.body);
      headers['Content-Type'] ??= 'application/json';
    }
    const res = await fetch(`${this.base}${path}`, { method, headers, body });
    const text = await res.text();
    const type = res.headers.get('content-type') ?? '';
    const parsed: unknown = type.includes('json') && text ? JSON.parse(text) : text;
    return { status: res.status, headers: res.headers, body: parsed as T };
  }

  get<T = any>(path: string, o?: CallOptions) {
    return this.call<T>('GET', path, o);
  }

  post<T = any>(path: string, body: unknown, o: CallOptions = {}) {
    return this.call<T>('POST', path, { ...o, body });
  }

  patch<T = any>(path: string, body: unknown, o: CallOptions = {}) {
    return this.call<T>('PATCH', path, { ...o, body });
  }

  get adminKey(): string {
    return process.env.E2E_ADMIN_API_KEY!;
  }

  /** Issues a key of `role` with the bootstrap admin key; returns the key and its id. */
  async issueKey(role: Role, extra: Record<string, unknown> = {}): Promise<{ key: string; id: string; partnerId: string | null }> {
    const res = await this.post(
      '/v1/admin/api-keys',
      { role, name: `test ${role}`, ...(role === 'carrier' ? { carrierCode: 'VTP' } : {}), ...extra },
      { key: this.adminKey },
    );
    if (res.status !== 201) throw new Error(`issue key: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { key: string; id: string; partnerId: string | null };
  }
}

/** Asserts an RFC 9457 problem+json answer with the status (and code). */
export function expectProblem(res: ApiResponse, status: number, code?: string): void {
  expect({ status: res.status, type: res.headers.get('content-type') }).toEqual({
    status,
    type: expect.stringContaining('application/problem+json'),
  });
  expect(res.body).toMatchObject({
    status,
    type: expect.any(String),
    title: expect.any(String),
    detail: expect.any(String),
    code: code ?? expect.any(String),
  });
}
