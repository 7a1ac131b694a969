/**
 * Where buyers reach the public trace page (what QR codes encode). Read here until it moves into
 * GatewayEnv; no trailing slash.
 */
export function publicBaseUrl(): string {
  return (process.env.PUBLIC_BASE_URL ?? 'http://localhost:3000').replace(/\/+$/, '');
}

export function traceUrl(traceCode: string): string {
  return `${publicBaseUrl()}/t/${traceCode}`;
}
