'use strict';
// Starts every app as its own process on a real Kafka broker (the cluster topology on one machine).
// Used by `npm run start:cluster` and by the test suite's global setup.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const DIST = path.resolve(ROOT, process.env.DIST_DIR ?? 'dist');
const SERVICES = ['catalog', 'orders', 'traceability', 'settlement'];
const APPS = [...SERVICES, 'gateway'];

async function waitForReady(url, timeoutMs, isDead) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    const dead = isDead();
    if (dead) throw new Error(`${dead} exited before ${url} was ready`);
    if (Date.now() > until) throw new Error(`${url} not ready after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function pipeLines(name, stream, sink) {
  let buf = '';
  stream.on('data', (chunk) => {
    buf += chunk.toString('utf8');
    const lines = buf.split('\n');
    buf = lines.pop() ?? '';
    for (const line of lines) sink(name, line);
  });
}

/**
 * Spawns the four services and then the gateway from dist/ (build first).
 * @param {{ env: NodeJS.ProcessEnv, port?: number, healthPortBase?: number, logDir?: string, echo?: boolean, timeoutMs?: number }} o
 * @returns {Promise<{ gatewayUrl: string, children: Map<string, import('node:child_process').ChildProcess>, stop: () => Promise<void> }>}
 */
async function startCluster(o) {
  const port = o.port ?? Number(o.env.PORT ?? 3000);
  const healthPortBase = o.healthPortBase ?? 3101;
  const children = new Map();
  const logs = new Map();
  if (o.logDir) fs.mkdirSync(o.logDir, { recursive: true });
  const sink = (name, line) => {
    if (o.echo) process.stdout.write(`${name.padEnd(12)}| ${line}\n`);
    logs.get(name)?.write(`${line}\n`);
  };
  const spawnApp = (app, extraEnv) => {
    if (o.logDir) logs.set(app, fs.createWriteStream(path.join(o.logDir, `${app}.log`), { flags: 'a' }));
    const child = spawn(process.execPath, ['--enable-source-maps', path.join(DIST, `apps/${app}/src/main.js`)], {
      env: { ...o.env, TRANSPORT: 'kafka', ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    pipeLines(app, child.stdout, sink);
    pipeLines(app, child.stderr, sink);
    children.set(app, child);
    return child;
  };
  const isDead = () => [...children.entries()].find(([, c]) => c.exitCode !== null || c.signalCode !== null)?.[0];
  const stop = async () => {
    await Promise.all(
      [...children.values()].map(
        (c) =>
          new Promise((resolve) => {
            if (c.exitCode !== null || c.signalCode !== null) return resolve(undefined);
            const killer = setTimeout(() => c.kill('SIGKILL'), 15000);
            c.once('exit', () => {
              clearTimeout(killer);
              resolve(undefined);
            });
            c.kill('SIGTERM');
          }),
      ),
    );
    for (const l of logs.values()) l.end();
  };
  try {
    SERVICES.forEach((app, i) => spawnApp(app, { HEALTH_PORT: String(healthPortBase + i) }));
    await Promise.all(
      SERVICES.map((app, i) => waitForReady(`http://127.0.0.1:${healthPortBase + i}/health/ready`, o.timeoutMs ?? 120000, isDead)),
    );
    spawnApp('gateway', { PORT: String(port) });
    await waitForReady(`http://127.0.0.1:${port}/health/ready`, o.timeoutMs ?? 120000, isDead);
  } catch (e) {
    await stop();
    throw e;
  }
  return { gatewayUrl: `http://127.0.0.1:${port}`, children, stop };
}

module.exports = { startCluster, APPS, SERVICES };
