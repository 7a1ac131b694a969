'use strict';
// A webhook receiver that checks the Standard Webhooks signature: node webhook-receiver.js
// (WEBHOOK_SECRET=whsec_… PORT=8080). Answer 2xx fast; do the work afterwards; dedupe on webhook-id.
const { createHmac, timingSafeEqual } = require('node:crypto');

function verify(secret, headers, body) {
  const id = headers['webhook-id'],
    ts = headers['webhook-timestamp'],
    sigs = headers['webhook-signature'] ?? '';
  if (!id || !ts || Math.abs(Date.now() / 1000 - Number(ts)) > 300) return false; // replayed or stale
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${ts}.${body}`).digest();
  return sigs.split(' ').some((s) => {
    const given = Buffer.from(s.split(',')[1] ?? '', 'base64');
    return s.startsWith('v1,') && given.length === expected.length && timingSafeEqual(given, expected);
  });
}

if (require.main === module) {
  require('node:http')
    .createServer((req, res) => {
      let body = '';
      req
        .on('data', (c) => (body += c))
        .on('end', () => {
          if (!verify(process.env.WEBHOOK_SECRET, req.headers, body)) return res.writeHead(401).end();
          const event = JSON.parse(body);
          console.log(event.type, event.id, `sequence ${event.data.sequence}`);
          res.writeHead(204).end();
        });
    })
    .listen(Number(process.env.PORT ?? 8080));
}

module.exports = { verify };
