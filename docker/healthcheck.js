'use strict';
// Container health check (Docker HEALTHCHECK and docker-compose): GETs the app's health URL on
// 127.0.0.1 and exits 0 on a 2xx answer, 1 otherwise. Plain Node built-ins; no dependencies.
//
//   node /app/healthcheck.js [path]        path: /health/ready (default) or /health/live
//
// Port: HEALTHCHECK_PORT if set; otherwise the app is read from PID 1's command line (works with
// plain `node` as PID 1 and with `docker run --init`): the gateway listens on PORT (3000), each
// service on HEALTH_PORT (catalog 3101, orders 3102, traceability 3103, settlement 3104). The
// one-shot create-topics process has no HTTP listener and always counts as healthy.
const fs = require('node:fs');

const SERVICE_PORTS = { catalog: 3101, orders: 3102, traceability: 3103, settlement: 3104 };
const path = process.argv[2] || '/health/ready';

function commandLine() {
  try {
    return fs.readFileSync('/proc/1/cmdline', 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
}

function port() {
  const env = process.env;
  if (env.HEALTHCHECK_PORT) return Number(env.HEALTHCHECK_PORT);
  const cmd = commandLine();
  if (cmd.includes('create-topics')) return null;
  const app = /apps\/([a-z]+)\/src\/main\.js/.exec(cmd)?.[1];
  if (app === 'gateway') return Number(env.PORT || 3000);
  if (app && SERVICE_PORTS[app]) return Number(env.HEALTH_PORT || SERVICE_PORTS[app]);
  return Number(env.HEALTH_PORT || env.PORT || 3000);
}

const target = port();
if (target === null) process.exit(0);

fetch(`http://127.0.0.1:${target}${path}`, { signal: AbortSignal.timeout(4000) })
  .then((res) => {
    if (!res.ok) console.error(`${path} on port ${target}: HTTP ${res.status}`);
    process.exit(res.ok ? 0 : 1);
  })
  .catch((e) => {
    console.error(`${path} on port ${target}: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  });
