'use strict';
// Process control for the broker: is it alive and ours (pid file, procfs), signals, commands run to
// completion, the tail of its logs for error messages, whether it answers (probe), and the lock
// that keeps two starters from spawning two brokers on one state directory.
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { setTimeout: sleep } = require('node:timers/promises');
const { Kafka, logLevel } = require('kafkajs');

const HOST = '127.0.0.1';
const POLL_MS = 250;
const LOG_TAIL_LINES = 40;
const START_MARK = '\n=== start ';
// Maven colours its output even with -q.
// eslint-disable-next-line no-control-regex
const ANSI_COLOUR = /\x1b\[[0-9;]*m/g;

/** @typedef {import('./broker-config').ResolvedOptions} ResolvedOptions */

// ---------------------------------------------------------------------------------------------
// Probing

/**
 * True when a Kafka broker answers Metadata on the given brokers (admin connect + describeCluster).
 * @param {string[]} brokers
 * @param {number} [timeoutMs]
 */
async function probe(brokers, timeoutMs = 3000) {
  const kafka = new Kafka({
    clientId: 'nongsan-kafka-probe',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: Math.min(1000, timeoutMs),
    requestTimeout: timeoutMs,
    retry: { retries: 0 },
  });
  const admin = kafka.admin({ retry: { retries: 0 } });
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  try {
    const attempt = (async () => {
      await admin.connect();
      const cluster = await admin.describeCluster();
      return Array.isArray(cluster.brokers) && cluster.brokers.length > 0;
    })();
    attempt.catch(() => {});
    const timeout = new Promise((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    return Boolean(await Promise.race([attempt, timeout]));
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
    await admin.disconnect().catch(() => {});
  }
}

/**
 * Best effort: make the group coordinator available now (the first FindCoordinator creates
 * __consumer_offsets), so the first consumer group of a test neither waits for it nor logs
 * "The group coordinator is not available".
 * @param {string[]} brokers @param {number} timeoutMs
 */
async function warmUpGroupCoordinator(brokers, timeoutMs) {
  const kafka = new Kafka({ clientId: 'nongsan-kafka-warmup', brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  try {
    const attempt = (async () => {
      await admin.connect();
      await admin.describeGroups(['nongsan-kafka-warmup']);
    })();
    attempt.catch(() => {});
    await Promise.race([attempt, new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
  } catch {
    /* the broker answers Metadata; consumers will retry FindCoordinator themselves */
  } finally {
    clearTimeout(timer);
    await admin.disconnect().catch(() => {});
  }
}

// ---------------------------------------------------------------------------------------------
// Processes

/** @param {number} pid */
function isAlive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: exists but is not ours.
    return /** @type {NodeJS.ErrnoException} */ (err).code === 'EPERM';
  }
  // A zombie (exited, not yet reaped by its parent) is dead for our purposes.
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    if (state === 'Z' || state === 'X') return false;
  } catch {
    /* no procfs: trust kill(0) */
  }
  return true;
}

/** @param {number} pid @returns {string | null} */
function cmdlineOf(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return null;
  }
}

/**
 * Is `pid` a live broker process started with this state dir's server.properties?
 * (Guards against a recycled pid.) Without procfs, liveness is all we can check.
 * @param {number} pid @param {ResolvedOptions} o
 */
function isOurBroker(pid, o) {
  if (!isAlive(pid)) return false;
  const cmd = cmdlineOf(pid);
  if (cmd === null) return !fs.existsSync('/proc/self');
  return cmd.includes('kafka.Kafka') && cmd.includes(o.propsFile);
}

/** Live broker processes using this state dir's config, found via procfs (pid file lost). @param {ResolvedOptions} o */
function findBrokerProcesses(o) {
  /** @type {number[]} */
  const pids = [];
  let entries;
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return pids;
  }
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    if (pid !== process.pid && isOurBroker(pid, o)) pids.push(pid);
  }
  return pids;
}

/** @param {string} file @returns {number | undefined} */
function readPid(file) {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** The running broker's pid for this state dir (pid file first, then procfs), if any. @param {ResolvedOptions} o */
function runningPid(o) {
  const pid = readPid(o.pidFile);
  if (pid !== undefined && isOurBroker(pid, o)) return pid;
  return findBrokerProcesses(o)[0];
}

/** @param {number} pid @param {number} ms */
async function waitForExit(pid, ms) {
  const deadline = Date.now() + ms;
  while (isAlive(pid)) {
    if (Date.now() >= deadline) return false;
    await sleep(100);
  }
  return true;
}

/** @param {number} pid @param {NodeJS.Signals} signal */
function signal(pid, signal) {
  try {
    process.kill(pid, signal);
  } catch {
    /* already gone */
  }
}

/** SIGTERM, wait up to `graceMs`, then SIGKILL. @param {number} pid @param {number} graceMs */
async function terminate(pid, graceMs) {
  signal(pid, 'SIGTERM');
  if (await waitForExit(pid, graceMs)) return;
  signal(pid, 'SIGKILL');
  await waitForExit(pid, 10_000);
}

/**
 * Run a command to completion, capturing output.
 * @param {string} cmd @param {string[]} args @param {{ cwd?: string, timeoutMs?: number }} [o]
 * @returns {Promise<{ code: number | null, output: string }>}
 */
function run(cmd, args, o = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: o.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (/** @type {Buffer} */ b) => {
      output += b.toString('utf8');
      if (output.length > 200_000) output = output.slice(-100_000);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = o.timeoutMs
      ? setTimeout(() => {
          output += `\n(timed out after ${o.timeoutMs} ms)`;
          child.kill('SIGKILL');
        }, o.timeoutMs)
      : undefined;
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`cannot run ${cmd}: ${err.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** @param {string} text @param {number} n */
function lastLines(text, n) {
  return text.replace(ANSI_COLOUR, '').replace(/\s+$/, '').split('\n').slice(-n).join('\n');
}

/** @param {string} file @param {number} n */
function tailFile(file, n) {
  try {
    const st = fs.statSync(file);
    const len = Math.min(st.size, 256 * 1024);
    const fd = fs.openSync(file, 'r');
    try {
      const buf = Buffer.alloc(len);
      fs.readSync(fd, buf, 0, len, st.size - len);
      let text = buf.toString('utf8');
      // Only this start attempt's output (see the marker written by startOnce).
      const mark = text.lastIndexOf(START_MARK);
      if (mark >= 0) text = text.slice(mark + 1);
      return lastLines(text, n);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return '';
  }
}

/** Last lines of the broker's log4j log and of its stdout/stderr, for error messages. @param {ResolvedOptions} o */
function logTail(o) {
  const parts = [];
  const cause = rootCause(tailFile(o.logFile, 2000));
  if (cause) parts.push(`cause: ${cause}`);
  const log = tailFile(o.logFile, LOG_TAIL_LINES);
  if (log) parts.push(`--- last lines of ${o.logFile} ---\n${log}`);
  const out = tailFile(o.outFile, LOG_TAIL_LINES);
  if (out) parts.push(`--- last lines of ${o.outFile} ---\n${out}`);
  return parts.length ? parts.join('\n') : '(no broker output)';
}

/**
 * The most telling line of a failed start: the root cause of the last fatal exception.
 * @param {string} text
 */
function rootCause(text) {
  const lines = text.split('\n');
  let lastError = -1;
  for (let i = 0; i < lines.length; i++) if (/\] (ERROR|FATAL) /.test(lines[i])) lastError = i;
  if (lastError < 0) return '';
  let cause = '';
  for (let i = lastError + 1; i < lines.length && !/^\[\d{4}-/.test(lines[i]); i++) {
    const m = /^(?:Caused by: )?([\w.$]+(?:Exception|Error)\b.*)$/.exec(lines[i]);
    if (m) cause = m[1];
  }
  return cause || lines[lastError].replace(/^\[[^\]]*\] /, '');
}

/** True when something accepts TCP connections on 127.0.0.1:<port>. @param {number} port */
function portInUse(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: HOST, port });
    const done = (/** @type {boolean} */ inUse) => {
      socket.destroy();
      resolve(inUse);
    };
    socket.setTimeout(1000, () => done(true)); // something is there, just slow
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** JAVA_HOME's java when set, else `java` from PATH. */
function javaBin() {
  const home = process.env.JAVA_HOME;
  if (home) {
    const bin = path.join(home, 'bin', 'java');
    if (fs.existsSync(bin)) return bin;
  }
  return 'java';
}

// ---------------------------------------------------------------------------------------------
// Start lock (two processes calling ensureBroker at once must not both spawn a broker)

/** @param {ResolvedOptions} o @param {number} deadline */
async function acquireStartLock(o, deadline) {
  for (;;) {
    try {
      const fd = fs.openSync(o.lockFile, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      return true;
    } catch (err) {
      if (/** @type {NodeJS.ErrnoException} */ (err).code !== 'EEXIST') throw err;
    }
    const holder = readPid(o.lockFile);
    if (holder === undefined || !isAlive(holder)) {
      // Stale lock of a dead starter (or one still writing its pid: give it a moment first).
      if (holder === undefined) await sleep(100);
      if (readPid(o.lockFile) === holder) fs.rmSync(o.lockFile, { force: true });
      continue;
    }
    // Someone else is starting it: the broker answering is as good as the lock.
    if (await probe(o.brokers, 1000)) return false;
    if (Date.now() >= deadline) {
      throw new Error(`timed out waiting for process ${holder} (holding ${o.lockFile}) to start Kafka on ${o.brokers[0]}`);
    }
    await sleep(POLL_MS);
  }
}

/** @param {ResolvedOptions} o */
function releaseStartLock(o) {
  if (readPid(o.lockFile) === process.pid) fs.rmSync(o.lockFile, { force: true });
}

module.exports = {
  HOST,
  POLL_MS,
  LOG_TAIL_LINES,
  START_MARK,
  probe,
  warmUpGroupCoordinator,
  isAlive,
  findBrokerProcesses,
  readPid,
  runningPid,
  terminate,
  run,
  lastLines,
  tailFile,
  logTail,
  portInUse,
  javaBin,
  acquireStartLock,
  releaseStartLock,
};
