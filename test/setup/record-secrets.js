'use strict';
// Remembers the credentials and phone numbers the tests handle, for the log check after the run
// (tools/log-check.js): API keys and webhook secrets the API hands out, phone numbers the tests
// send. Each test worker wraps its fetch (the Api helper and the generated client both use it).
const { recordSecrets } = require('../../tools/log-check');

const runId = process.env.TEST_RUN_ID;
if (runId && typeof globalThis.fetch === 'function') {
  const seen = new Set();
  const scan = (text, pattern, kind) => {
    const found = [...text.matchAll(pattern)].map((m) => m[1]).filter((v) => !seen.has(v));
    for (const v of found) seen.add(v);
    if (found.length)
      recordSecrets(
        runId,
        found.map((value) => ({ kind, value })),
      );
  };
  const original = globalThis.fetch;
  globalThis.fetch = async function fetchRecordingSecrets(input, init) {
    // The generated client (openapi-fetch) sends a Request with its body; the Api helper a string.
    const body = typeof init?.body === 'string' ? init.body : typeof input?.clone === 'function' ? await input.clone().text() : '';
    scan(body, /"\w*phone"\s*:\s*"([^"]{6,40})"/gi, 'phone');
    const res = await original(input, init);
    if ((res.headers.get('content-type') ?? '').includes('json')) {
      const text = await res.clone().text();
      scan(text, /"key"\s*:\s*"(ns_[A-Za-z0-9_-]{20,})"/g, 'API key');
      scan(text, /"secret"\s*:\s*"(whsec_[A-Za-z0-9+/=]{20,})"/g, 'webhook secret');
    }
    return res;
  };
}
