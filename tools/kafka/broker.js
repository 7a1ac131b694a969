'use strict';
/**
 * A real single-node Apache Kafka (KRaft) broker for development and tests, without Docker.
 *
 * The broker jars come from Maven Central (tools/kafka/pom.xml, fetched once into a cache outside
 * the repo); the broker runs as a detached `java kafka.Kafka` process whose state (config, data,
 * logs, pid file) lives in one state directory. See `../shared/notes/kafka-without-docker.md`
 * beside the repository.
 *
 * Plain CommonJS on purpose: usable from scripts, jest global setup and CI without a build step.
 * Node built-ins + kafkajs only.
 */

const fs = require('node:fs');
const fsp = require('node:fs/promises');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { setTimeout: sleep } = require('node:timers/promises');
const { Kafka, logLevel } = require('kafkajs');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const POM_FILE = path.join(__dirname, 'pom.xml');
const DEFAULT_VERSION = '3.9.2';
const DEFAULT_PORT = 9092;
const DEFAULT_HEAP = '-Xms256m -Xmx512m';
const DEFAULT_TIMEOUT_MS = 60_000;
const POLL_MS = 250;
const STOP_GRACE_MS = 30_000;
const FETCH_TIMEOUT_MS = 10 * 60_000;
const LOG_TAIL_LINES = 40;
const HOST = '127.0.0.1';
const START_MARK = '\n=== start ';
// Maven colours its output even with -q.
// eslint-disable-next-line no-control-regex
const ANSI_COLOUR = /\x1b\[[0-9;]*m/g;

/**
 * @typedef {object} BrokerOptions
 * @property {number} [port]       PLAINTEXT port (env KAFKA_PORT, default 9092); the controller listener uses port+1.
 * @property {string} [stateDir]   env KAFKA_STATE_DIR, default `<repo>/.data/kafka-<port>`.
 * @property {string} [cacheDir]   env NONGSAN_CACHE, default `~/.cache/nongsan`; jars in `<cacheDir>/kafka-<version>/libs`.
 * @property {string} [version]    env KAFKA_VERSION, default 3.9.2.
 * @property {string} [heap]       env KAFKA_HEAP_OPTS, default `-Xms256m -Xmx512m`.
 * @property {number} [timeoutMs]  how long to wait for the broker to answer (default 60000; jar fetch not included).
 * @property {(msg: string) => void} [log]  progress messages (jar fetch, storage format); default: stderr.
 */

/**
 * @typedef {object} ResolvedOptions
 * @property {number} port
 * @property {number} controllerPort
 * @property {string} stateDir
 * @property {string} cacheDir
 * @property {string} version
 * @property {string[]} heap
 * @property {number} timeoutMs
 * @property {(msg: string) => void} log
 * @property {string[]} brokers
 * @property {string} libsDir
 * @property {string} dataDir
 * @property {string} propsFile
 * @property {string} log4jFile
 * @property {string} logFile
 * @property {string} outFile
 * @property {string} pidFile
 * @property {string} lockFile
 */

/**
 * @typedef {object} EnsureResult
 * @property {string[]} brokers     e.g. ['127.0.0.1:9092']
 * @property {boolean} startedByUs  false when an already-running broker was reused
 * @property {number} [pid]         the broker's java pid (when known)
 * @property {number} readyMs       time from the call until the broker answered
 * @property {string} [logFile]     the broker's log4j log file (when managed by this tool)
 */

/** @param {BrokerOptions} [opts] @returns {ResolvedOptions} */
function resolveOptions(opts = {}) {
  const env = process.env;
  const port = toPort(opts.port ?? env.KAFKA_PORT ?? DEFAULT_PORT);
  const version = String(opts.version || env.KAFKA_VERSION || DEFAULT_VERSION);
  if (!/^[0-9A-Za-z.-]+$/.test(version)) throw new Error(`invalid Kafka version: ${version}`);
  const stateDir = path.resolve(opts.stateDir || env.KAFKA_STATE_DIR || path.join(REPO_ROOT, '.data', `kafka-${port}`));
  const cacheDir = path.resolve(opts.cacheDir || env.NONGSAN_CACHE || path.join(os.homedir(), '.cache', 'nongsan'));
  const heap = String(opts.heap || env.KAFKA_HEAP_OPTS || DEFAULT_HEAP)
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  const timeoutMs = Number(opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const log = opts.log || ((msg) => process.stderr.write(`[kafka] ${msg}\n`));
  return {
    port,
    controllerPort: port + 1,
    stateDir,
    cacheDir,
    version,
    heap,
    timeoutMs,
    log,
    brokers: [`${HOST}:${port}`],
    libsDir: path.join(cacheDir, `kafka-${version}`, 'libs'),
    dataDir: path.join(stateDir, 'data'),
    propsFile: path.join(stateDir, 'server.properties'),
    log4jFile: path.join(stateDir, 'log4j.properties'),
    logFile: path.join(stateDir, 'server.log'),
    outFile: path.join(stateDir, 'broker.out'),
    pidFile: path.join(stateDir, 'broker.pid'),
    lockFile: path.join(stateDir, 'start.lock'),
  };
}

/** @param {unknown} v */
function toPort(v) {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 65534) throw new Error(`invalid Kafka port: ${v}`);
  return n;
}

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
// Jars

/** Fetch the broker jars into `<cacheDir>/kafka-<version>/libs` unless already there. @param {ResolvedOptions} o */
async function ensureJars(o) {
  const marker = path.join(o.libsDir, `kafka_2.13-${o.version}.jar`);
  if (fs.existsSync(marker)) return;
  const parent = path.dirname(o.libsDir);
  await fsp.mkdir(parent, { recursive: true });
  // Download into a private folder, then rename: a half-filled libs folder is never visible.
  const tmp = await fsp.mkdtemp(path.join(parent, 'libs.tmp-'));
  o.log(`fetching Kafka ${o.version} jars from Maven Central into ${o.libsDir} (once)`);
  try {
    const { code, output } = await run(
      'mvn',
      [
        '-B',
        '-q',
        '-Dstyle.color=never',
        '-f',
        POM_FILE,
        `-Dkafka.version=${o.version}`,
        'org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies',
        '-DincludeScope=runtime',
        `-DoutputDirectory=${tmp}`,
      ],
      { timeoutMs: FETCH_TIMEOUT_MS },
    );
    if (code !== 0 || !fs.existsSync(path.join(tmp, `kafka_2.13-${o.version}.jar`))) {
      throw new Error(`fetching Kafka ${o.version} jars with Maven failed (exit ${code}):\n${lastLines(output, LOG_TAIL_LINES)}`);
    }
    await fsp.rm(o.libsDir, { recursive: true, force: true });
    try {
      await fsp.rename(tmp, o.libsDir);
    } catch (err) {
      // Another process won the race: fine if its copy is complete.
      if (!fs.existsSync(marker)) throw err;
    }
  } finally {
    await fsp.rm(tmp, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Config and storage

/** @param {ResolvedOptions} o */
function serverProperties(o) {
  return [
    '# Written by tools/kafka/broker.js on every start; edits are overwritten.',
    '# Single-node KRaft broker on loopback, tuned for development and tests.',
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@${HOST}:${o.controllerPort}`,
    `listeners=PLAINTEXT://${HOST}:${o.port},CONTROLLER://${HOST}:${o.controllerPort}`,
    `advertised.listeners=PLAINTEXT://${HOST}:${o.port}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    `log.dirs=${o.dataDir}`,
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'transaction.state.log.num.partitions=1',
    'group.initial.rebalance.delay.ms=0',
    'num.network.threads=2',
    'num.io.threads=2',
    '# The log cleaner (it compacts __consumer_offsets) keeps a 128 MB buffer on the heap by default:',
    '# over half of the old generation of this broker, which left the young generation small and',
    '# collected every ~4.5 s under load (20 ms pauses). 16 MB holds ~630,000 keys per pass.',
    'log.cleaner.dedupe.buffer.size=16777216',
    '# Topics are created explicitly (by the services / tests), never by a typo.',
    'auto.create.topics.enable=false',
    'num.partitions=1',
    'log.retention.hours=24',
    '',
  ].join('\n');
}

/** @param {ResolvedOptions} o */
function log4jProperties(o) {
  return [
    '# Written by tools/kafka/broker.js on every start.',
    'log4j.rootLogger=WARN, file',
    'log4j.appender.file=org.apache.log4j.RollingFileAppender',
    `log4j.appender.file.File=${o.logFile}`,
    'log4j.appender.file.MaxFileSize=10MB',
    'log4j.appender.file.MaxBackupIndex=2',
    'log4j.appender.file.layout=org.apache.log4j.PatternLayout',
    'log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n',
    '# "Kafka Server started" marks readiness in the log.',
    'log4j.logger.kafka.server.KafkaRaftServer=INFO',
    '',
  ].join('\n');
}

/** @param {ResolvedOptions} o */
function classpath(o) {
  return `${o.libsDir}${path.sep}*`;
}

/**
 * Format the KRaft storage unless `<log.dirs>/meta.properties` exists. Formats into a sibling
 * folder and renames it into place, so a crash mid-format never leaves half-formatted state.
 * @param {ResolvedOptions} o
 */
async function ensureFormatted(o) {
  if (fs.existsSync(path.join(o.dataDir, 'meta.properties'))) return false;
  const java = javaBin();
  const cp = ['-cp', classpath(o)];
  const common = ['-Xmx256m', '-XX:+UseSerialGC', `-Dlog4j.configuration=file:${o.log4jFile}`, ...cp, 'kafka.tools.StorageTool'];

  const uuid = await run(java, [...common, 'random-uuid']);
  const clusterId = uuid.output.trim().split(/\s+/).pop() || '';
  if (uuid.code !== 0 || !/^[A-Za-z0-9_-]{22}$/.test(clusterId)) {
    throw new Error(`kafka StorageTool random-uuid failed (exit ${uuid.code}):\n${lastLines(uuid.output, LOG_TAIL_LINES)}`);
  }

  const tmpData = `${o.dataDir}.formatting`;
  const tmpProps = path.join(o.stateDir, 'server.format.properties');
  await fsp.rm(tmpData, { recursive: true, force: true });
  await fsp.writeFile(tmpProps, serverProperties({ ...o, dataDir: tmpData }));
  try {
    const fmt = await run(java, [...common, 'format', '-t', clusterId, '-c', tmpProps]);
    if (fmt.code !== 0 || !fs.existsSync(path.join(tmpData, 'meta.properties'))) {
      throw new Error(`kafka StorageTool format failed (exit ${fmt.code}):\n${lastLines(fmt.output, LOG_TAIL_LINES)}`);
    }
    // Whatever sits in data/ without meta.properties is unusable leftovers.
    await fsp.rm(o.dataDir, { recursive: true, force: true });
    await fsp.rename(tmpData, o.dataDir);
  } finally {
    await fsp.rm(tmpProps, { force: true });
    await fsp.rm(tmpData, { recursive: true, force: true });
  }
  o.log(`formatted KRaft storage in ${o.dataDir} (cluster id ${clusterId})`);
  return true;
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

// ---------------------------------------------------------------------------------------------
// Public API

/**
 * Make sure a Kafka broker answers on 127.0.0.1:<port>: reuse a running one, otherwise start one
 * (fetching the jars and formatting storage when needed) and wait until it answers.
 * @param {BrokerOptions} [opts]
 * @returns {Promise<EnsureResult>}
 */
async function ensureBroker(opts) {
  const o = resolveOptions(opts);
  const t0 = Date.now();
  const reused = async () => {
    const pid = runningPid(o);
    /** @type {EnsureResult} */
    const res = { brokers: o.brokers, startedByUs: false, readyMs: Date.now() - t0 };
    if (pid !== undefined) Object.assign(res, { pid, logFile: o.logFile });
    return res;
  };

  if (await probe(o.brokers, 2000)) return reused();

  await fsp.mkdir(o.stateDir, { recursive: true });
  const gotLock = await acquireStartLock(o, t0 + o.timeoutMs);
  if (!gotLock) return reused();
  try {
    if (await probe(o.brokers, 1000)) return reused();

    // A broker for this state dir that is alive but not answering yet (its starter gave up or died):
    // wait for it rather than start a second one on the same data.
    const existing = runningPid(o);
    if (existing !== undefined) {
      await waitUntilReady(o, existing, Date.now() + o.timeoutMs, false);
      return { brokers: o.brokers, startedByUs: false, pid: existing, readyMs: Date.now() - t0, logFile: o.logFile };
    }
    fs.rmSync(o.pidFile, { force: true }); // stale: points at a dead (or foreign) process
    for (const port of [o.port, o.controllerPort]) {
      if (await portInUse(port)) {
        throw new Error(
          `cannot start Kafka on ${o.brokers[0]}: 127.0.0.1:${port} is taken by another process that is not a Kafka broker ` +
            `answering on ${o.brokers[0]} (Kafka needs ports ${o.port} and ${o.controllerPort}; pick another with --port / KAFKA_PORT)`,
        );
      }
    }

    await ensureJars(o);
    let pid;
    try {
      pid = await startOnce(o);
    } catch (err) {
      if (!(err instanceof BrokerExitedError) || !isStorageProblem(o)) throw err;
      o.log(`broker failed to start on its existing state; wiping ${o.dataDir} and retrying once`);
      await fsp.rm(o.dataDir, { recursive: true, force: true });
      pid = await startOnce(o);
    }
    await warmUpGroupCoordinator(o.brokers, Math.max(1000, t0 + o.timeoutMs - Date.now()));
    return { brokers: o.brokers, startedByUs: true, pid, readyMs: Date.now() - t0, logFile: o.logFile };
  } finally {
    releaseStartLock(o);
  }
}

class BrokerExitedError extends Error {}

/**
 * Did the start fail on state that a fresh data dir cures (lock, meta.properties, cluster id,
 * corrupt metadata log)? Judged on the error lines of this attempt's log only, never on a port clash.
 * @param {ResolvedOptions} o
 */
function isStorageProblem(o) {
  const errors = tailFile(o.logFile, 2000)
    .split('\n')
    .filter((l) => /\] (ERROR|FATAL) |^(Caused by: )?[\w.$]+(Exception|Error)\b/.test(l))
    .join('\n');
  if (!errors || /Address already in use|BindException/i.test(errors)) return false;
  return /Failed to acquire lock|meta\.properties|cluster\.?id|not formatted|KafkaStorageException|InconsistentClusterIdException|CorruptRecordException|Log director(y|ies) .*(offline|failed)|No readable meta/i.test(
    errors,
  );
}

/** Write configs, format if needed, spawn the broker detached, wait until it answers. @param {ResolvedOptions} o */
async function startOnce(o) {
  await fsp.writeFile(o.propsFile, serverProperties(o));
  await fsp.writeFile(o.log4jFile, log4jProperties(o));
  await ensureFormatted(o);

  // Mark where this attempt's output starts, so error tails are about this attempt only.
  const mark = `${START_MARK}${new Date().toISOString()}: Kafka ${o.version} on ${o.brokers[0]} ===\n`;
  fs.appendFileSync(o.logFile, mark);
  const out = fs.openSync(o.outFile, 'a');
  fs.writeSync(out, mark);
  let child;
  try {
    child = spawn(
      javaBin(),
      [
        ...o.heap,
        // A collector named in KAFKA_HEAP_OPTS replaces the default (the JVM refuses two).
        ...(o.heap.some((a) => /^-XX:\+Use\w+GC$/.test(a)) ? [] : ['-XX:+UseSerialGC']),
        '-Djava.awt.headless=true',
        `-Dlog4j.configuration=file:${o.log4jFile}`,
        `-Dkafka.logs.dir=${o.stateDir}`,
        '-cp',
        classpath(o),
        'kafka.Kafka',
        o.propsFile,
      ],
      { cwd: o.stateDir, detached: true, stdio: ['ignore', out, out] },
    );
  } finally {
    fs.closeSync(out);
  }
  const spawnError = new Promise((_, reject) => child.once('error', reject));
  spawnError.catch(() => {});
  child.unref();
  const pid = child.pid;
  if (pid === undefined) {
    await spawnError.catch((err) => {
      throw new Error(`cannot start java: ${err.message}`);
    });
    throw new Error('cannot start java');
  }
  fs.writeFileSync(o.pidFile, `${pid}\n`);

  try {
    await waitUntilReady(o, pid, Date.now() + o.timeoutMs, true);
  } catch (err) {
    await terminate(pid, 5_000);
    fs.rmSync(o.pidFile, { force: true });
    throw err;
  }
  return pid;
}

/**
 * Poll every 250 ms until the broker answers; fail when `pid` exits or the deadline passes.
 * @param {ResolvedOptions} o @param {number} pid @param {number} deadline @param {boolean} ours
 */
async function waitUntilReady(o, pid, deadline, ours) {
  for (;;) {
    if (!isAlive(pid)) {
      await sleep(200); // let the last log lines land
      throw new BrokerExitedError(`Kafka broker (pid ${pid}) exited before answering on ${o.brokers[0]}\n${logTail(o)}`);
    }
    if (await probe(o.brokers, 1500)) return;
    if (Date.now() >= deadline) {
      const what = ours ? 'did not answer' : 'is running but did not answer';
      throw new Error(`Kafka broker (pid ${pid}) ${what} on ${o.brokers[0]} within ${o.timeoutMs} ms\n${logTail(o)}`);
    }
    await sleep(POLL_MS);
  }
}

/**
 * Stop the broker started for this state dir: SIGTERM, up to 30 s for a clean shutdown, then
 * SIGKILL; removes the pid file. No-op when it is not running. `wipe: true` also deletes the state dir.
 * A broker this tool did not start (no pid file, other state dir) is never touched.
 * @param {BrokerOptions & { wipe?: boolean }} [opts]
 * @returns {Promise<{ stopped: boolean, pid?: number, wiped: boolean, stopMs: number }>}
 */
async function stopBroker(opts = {}) {
  const o = resolveOptions(opts);
  const t0 = Date.now();
  const pid = runningPid(o);
  if (pid !== undefined) {
    await terminate(pid, STOP_GRACE_MS);
    // A procfs-found second instance would be a bug elsewhere; stop it too.
    for (const other of findBrokerProcesses(o)) await terminate(other, STOP_GRACE_MS);
  }
  fs.rmSync(o.pidFile, { force: true });
  let wiped = false;
  if (opts.wipe === true && fs.existsSync(o.stateDir)) {
    await fsp.rm(o.stateDir, { recursive: true, force: true });
    wiped = true;
  }
  /** @type {{ stopped: boolean, pid?: number, wiped: boolean, stopMs: number }} */
  const res = { stopped: pid !== undefined, wiped, stopMs: Date.now() - t0 };
  if (pid !== undefined) res.pid = pid;
  return res;
}

/**
 * `running`: a broker answers on 127.0.0.1:<port> (ours or not). `pid`: the broker process this
 * tool started for the state dir, when alive (present with running=false while it is starting).
 * @param {BrokerOptions} [opts]
 * @returns {Promise<{ running: boolean, pid?: number, brokers: string[] }>}
 */
async function brokerStatus(opts) {
  const o = resolveOptions(opts);
  const running = await probe(o.brokers, 2000);
  const pid = runningPid(o);
  /** @type {{ running: boolean, pid?: number, brokers: string[] }} */
  const res = { running, brokers: o.brokers };
  if (pid !== undefined) res.pid = pid;
  return res;
}

module.exports = { ensureBroker, stopBroker, brokerStatus, resolveOptions, probe };
