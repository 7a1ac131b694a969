'use strict';
// Starts every app as its own process on a real Kafka broker (the cluster topology on one machine).
// Used by `npm run start:cluster`, by the test suite's global setup and by the benchmarks; the
// fault-survival and scale-out runs also kill, restart and add single processes through it.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const DIST = path.resolve(ROOT, process.env.DIST_DIR ?? 'dist');
const SERVICES = ['catalog', 'orders', 'traceability', 'settlement', 'notifications'];
const APPS = [...SERVICES, 'gateway'];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const running = (c) => c !== undefined && c.exitCode === null && c.signalCode === null;

async function waitForReady(url, timeoutMs, isDead) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    const dead = isDead();
    if (dead) throw new Error(`${dead} exited before ${url} was ready`);
    if (Date.now() > until) throw new Error(`${url} not ready after ${timeoutMs} ms`);
    await sleep(200);
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
 * @typedef {object} ClusterOptions
 * @property {NodeJS.ProcessEnv} env
 * @property {number} [port]            gateway HTTP port (default env PORT or 3000)
 * @property {number} [healthPortBase]  the services' health ports, in SERVICES order (default 3101)
 * @property {number} [metricsPort]     the gateway's internal /metrics port (default healthPortBase + 5, after the services')
 * @property {number} [extraPortBase]   first port for extra instances (default metricsPort + 1)
 * @property {Partial<Record<string, number>>} [instances]  instances per app (default 1 each)
 * @property {string} [logDir]          one `<name>.log` per process (appended across restarts)
 * @property {boolean} [echo]           copy every log line to stdout
 * @property {number} [timeoutMs]       how long a process may take to become ready (default 120 s)
 * @property {(name: string, exit: { code: number | null, signal: string | null, expected: boolean }) => void} [onExit]
 *   called whenever a process exits; `expected` is false when nobody asked it to stop
 */

/**
 * @typedef {object} Cluster
 * @property {string} gatewayUrl
 * @property {Map<string, import('node:child_process').ChildProcess>} children  current process per name
 * @property {() => string[]} names                  every process name (`orders`, `orders-2`, …)
 * @property {(name: string) => string} appOf        the app a process runs
 * @property {(name: string) => string} readyUrl     its /health/ready
 * @property {(name: string) => string} metricsUrl   its /metrics (the gateway's on its internal METRICS_PORT)
 * @property {(name: string) => boolean} isRunning
 * @property {(name: string, signal?: NodeJS.Signals) => Promise<{ code: number | null, signal: string | null }>} kill
 *   signals one process (default SIGKILL) and resolves when it has exited; it stays down
 * @property {(name: string, o?: { wait?: boolean, timeoutMs?: number }) => Promise<number>} restart
 *   stops it if it runs (SIGTERM), starts it again with the same environment and, unless wait is
 *   false, resolves with the milliseconds until it was ready
 * @property {(name: string, timeoutMs?: number) => Promise<void>} waitReady
 * @property {(app: string, o?: { wait?: boolean, env?: NodeJS.ProcessEnv }) => Promise<string>} addInstance
 *   one more process of `app` with its own HEALTH_PORT (gateway: PORT) and SERVICE_INSTANCE; its name
 * @property {() => Promise<void>} stop              SIGTERM to all (SIGKILL after 15 s)
 */

/**
 * Spawns the services and then the gateway from dist/ (build first).
 * @param {ClusterOptions} o
 * @returns {Promise<Cluster>}
 */
async function startCluster(o) {
  const port = o.port ?? Number(o.env.PORT ?? 3000);
  const healthPortBase = o.healthPortBase ?? 3101;
  const metricsPort = o.metricsPort ?? healthPortBase + SERVICES.length;
  let nextPort = o.extraPortBase ?? metricsPort + 1;
  const timeoutMs = o.timeoutMs ?? 120000;
  /** @type {Map<string, { app: string, env: NodeJS.ProcessEnv, readyUrl: string, metricsUrl: string, child?: import('node:child_process').ChildProcess, expected: boolean }>} */
  const procs = new Map();
  const children = new Map();
  const logs = new Map();
  const counts = new Map();
  let stopping = false;
  if (o.logDir) fs.mkdirSync(o.logDir, { recursive: true });
  const sink = (name, line) => {
    if (o.echo) process.stdout.write(`${name.padEnd(12)}| ${line}\n`);
    logs.get(name)?.write(`${line}\n`);
  };

  const define = (app, extraEnv, readyPort, scrapePort = readyPort) => {
    const n = (counts.get(app) ?? 0) + 1;
    counts.set(app, n);
    const name = n === 1 ? app : `${app}-${n}`;
    // SERVICE_INSTANCE: the process's name, the same across its restarts, so a restarted process
    // removes what its killed run left in the consumer groups at once (ADR 0056).
    const env = { ...o.env, TRANSPORT: 'kafka', SERVICE_INSTANCE: name, ...extraEnv };
    procs.set(name, { app, env, readyUrl: `http://127.0.0.1:${readyPort}/health/ready`, expected: false });
    procs.get(name).metricsUrl = `http://127.0.0.1:${scrapePort}/metrics`;
    if (o.logDir) logs.set(name, fs.createWriteStream(path.join(o.logDir, `${name}.log`), { flags: 'a' }));
    return name;
  };
  const defineService = (app, healthPort) => define(app, { HEALTH_PORT: String(healthPort) }, healthPort);
  const defineGateway = (gatewayPort, gatewayMetricsPort) =>
    define('gateway', { PORT: String(gatewayPort), METRICS_PORT: String(gatewayMetricsPort) }, gatewayPort, gatewayMetricsPort);

  const spawnProc = (name) => {
    const p = procs.get(name);
    if (!p) throw new Error(`no process named ${name}`);
    if (running(p.child)) throw new Error(`${name} is already running (pid ${p.child.pid})`);
    if (stopping) throw new Error(`the cluster is stopping: ${name} not started`);
    logs.get(name)?.write(`=== ${new Date().toISOString()} start ${name} ===\n`);
    // A 16 MB young generation: V8 otherwise grows it to 128 MB per process, most of the peak RSS of
    // a service whose live heap is ~60 MB (the settlement benchmark's 512 MB budget), at no cost in speed.
    const child = spawn(
      process.execPath,
      // CLUSTER_NODE_ARGS: extra node flags for every app, to profile a benchmark (`--cpu-prof
      // --cpu-prof-dir=…`, `--trace-gc`); see bench/README.md.
      [
        '--enable-source-maps',
        '--max-semi-space-size=16',
        ...(process.env.CLUSTER_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
        path.join(DIST, `apps/${p.app}/src/main.js`),
      ],
      {
        env: p.env,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    p.child = child;
    p.expected = false;
    pipeLines(name, child.stdout, sink);
    pipeLines(name, child.stderr, sink);
    child.once('exit', (code, signal) => {
      logs.get(name)?.write(`=== ${new Date().toISOString()} ${name} exited (code ${code}, signal ${signal}) ===\n`);
      o.onExit?.(name, { code, signal, expected: p.expected || stopping });
    });
    children.set(name, child);
    return child;
  };

  const exited = (child) =>
    new Promise((resolve) => {
      if (!running(child)) return resolve({ code: child.exitCode, signal: child.signalCode });
      child.once('exit', (code, signal) => resolve({ code, signal }));
    });

  const kill = async (name, signal = 'SIGKILL') => {
    const p = procs.get(name);
    if (!p?.child) throw new Error(`no process named ${name}`);
    if (!running(p.child)) return { code: p.child.exitCode, signal: p.child.signalCode };
    p.expected = true;
    const done = exited(p.child);
    p.child.kill(signal);
    return done;
  };

  const terminate = async (name) => {
    const p = procs.get(name);
    if (!running(p?.child)) return;
    p.expected = true;
    const child = p.child;
    const killer = setTimeout(() => child.kill('SIGKILL'), 15000);
    const done = exited(child);
    child.kill('SIGTERM');
    await done;
    clearTimeout(killer);
  };

  const waitReady = (name, ms = timeoutMs) => {
    const p = procs.get(name);
    return waitForReady(p.readyUrl, ms, () => (running(p.child) ? undefined : name));
  };

  const restart = async (name, { wait = true, timeoutMs: ms = timeoutMs } = {}) => {
    await terminate(name);
    const t0 = Date.now();
    spawnProc(name);
    if (wait) await waitReady(name, ms);
    return Date.now() - t0;
  };

  const addInstance = async (app, { wait = true, env = {} } = {}) => {
    if (!APPS.includes(app)) throw new Error(`unknown app ${app}`);
    const extraPort = nextPort++;
    const name = app === 'gateway' ? defineGateway(extraPort, nextPort++) : defineService(app, extraPort);
    Object.assign(procs.get(name).env, env);
    spawnProc(name);
    if (wait) await waitReady(name);
    return name;
  };

  const isDead = () => [...procs.entries()].find(([, p]) => p.child && !running(p.child))?.[0];
  const stop = async () => {
    stopping = true;
    await Promise.all([...procs.keys()].map((name) => terminate(name)));
    for (const l of logs.values()) l.end();
    logs.clear();
  };

  try {
    const services = SERVICES.flatMap((app, i) => {
      const first = defineService(app, healthPortBase + i);
      const more = Array.from({ length: Math.max(0, (o.instances?.[app] ?? 1) - 1) }, () => defineService(app, nextPort++));
      return [first, ...more];
    });
    services.forEach(spawnProc);
    await Promise.all(services.map((name) => waitForReady(procs.get(name).readyUrl, timeoutMs, isDead)));
    const gateways = [
      defineGateway(port, metricsPort),
      ...Array.from({ length: Math.max(0, (o.instances?.gateway ?? 1) - 1) }, () => defineGateway(nextPort++, nextPort++)),
    ];
    gateways.forEach(spawnProc);
    await Promise.all(gateways.map((name) => waitForReady(procs.get(name).readyUrl, timeoutMs, isDead)));
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    gatewayUrl: `http://127.0.0.1:${port}`,
    children,
    names: () => [...procs.keys()],
    appOf: (name) => procs.get(name).app,
    readyUrl: (name) => procs.get(name).readyUrl,
    metricsUrl: (name) => procs.get(name).metricsUrl,
    isRunning: (name) => running(procs.get(name)?.child),
    kill,
    restart,
    waitReady,
    addInstance,
    stop,
  };
}

module.exports = { startCluster, APPS, SERVICES };
