'use strict';
// The public REST API as a client on the network sees it: one request, or one request retried the
// way real storefronts and carriers retry (5xx, timeouts, refused or reset connections).
const { sleep } = require('./common');

/**
 * One HTTP request. Resolves with the answer, whatever its status; rejects only when no answer
 * came (connection refused/reset, timeout).
 * @returns {Promise<{ status: number, body: any, headers: Headers }>}
 */
async function request(base, method, path, { key, body, headers = {}, timeoutMs = 30000 } = {}) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(key ? { Authorization: `Bearer ${key}` } : {}),
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...headers,
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  let parsed = text;
  if ((res.headers.get('content-type') ?? '').includes('json') && text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      /* keep the text */
    }
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

/**
 * One call with a bearer key and a JSON body, no timeout; the body parsed when it is JSON, and its
 * length (`bytes`).
 * @returns {Promise<{ status: number, body: any, bytes: number }>}
 */
async function call(base, method, p, key, body) {
  const res = await fetch(`${base}${p}`, {
    method,
    headers: { Authorization: `Bearer ${key}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let parsed;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  return { status: res.status, body: parsed, bytes: text.length };
}

/** What kind of failure a rejected fetch was, for the counts. */
function failureKind(e) {
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return 'timeout';
  const code = e?.cause?.code ?? e?.code;
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') return 'reset';
  return code ? String(code).toLowerCase() : 'network';
}

/**
 * Sends until an answer that is not worth retrying arrives: 5xx, no answer, 429 (after
 * Retry-After) and whatever `retryAlso` says (e.g. 409 idempotency_in_progress) are retried with
 * capped exponential backoff. Gives up after `giveUpMs` without such an answer.
 * A refused connection is tried again at once when `failover` says so (a client that knows
 * several gateways sends the next attempt to another one: `send` gets the attempt's number).
 * @param {(attempt: number) => Promise<{ status: number, body: any, headers: Headers }>} send
 * @param {{ giveUpMs?: number, retryAlso?: (r: { status: number, body: any }) => boolean, tally?: Map<string, number>, failover?: boolean }} [o]
 * @returns {Promise<{ answer?: { status: number, body: any }, attempts: number, gaveUp: boolean, lastFailure?: string }>}
 */
async function untilAnswered(send, { giveUpMs = 5 * 60_000, retryAlso = () => false, tally, failover = false } = {}) {
  const t0 = Date.now();
  let delay = 200;
  let lastFailure;
  for (let attempts = 1; ; attempts++) {
    let retryIn = delay;
    try {
      const r = await send(attempts);
      if (r.status < 500 && r.status !== 429 && !retryAlso(r)) return { answer: r, attempts, gaveUp: false };
      lastFailure = r.status === 409 ? `409 ${r.body?.code ?? ''}`.trim() : String(r.status);
      if (r.status === 429) retryIn = Math.max(delay, 1000 * Number(r.headers.get('retry-after') ?? 1));
    } catch (e) {
      lastFailure = failureKind(e);
    }
    tally?.set(lastFailure, (tally.get(lastFailure) ?? 0) + 1);
    if (Date.now() - t0 > giveUpMs) return { attempts, gaveUp: true, lastFailure };
    if (failover && lastFailure === 'refused') continue;
    await sleep(retryIn * (0.75 + Math.random() * 0.5));
    delay = Math.min(delay * 2, 3000);
  }
}

module.exports = { request, call, untilAnswered, failureKind };
