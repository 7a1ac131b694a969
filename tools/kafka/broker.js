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
const { spawn } = require('node:child_process');
const { setTimeout: sleep } = require('node:timers/promises');
const { classpath, ensureFormatted, ensureJars, log4jProperties, resolveOptions, serverProperties } = require('./broker-config');
const {
  POLL_MS,
  START_MARK,
  acquireStartLock,
  findBrokerProcesses,
  isAlive,
  javaBin,
  logTail,
  portInUse,
  probe,
  releaseStartLock,
  runningPid,
  tailFile,
  terminate,
  warmUpGroupCoordinator,
} = require('./broker-process');

const STOP_GRACE_MS = 30_000;

/** @typedef {import('./broker-config').BrokerOptions} BrokerOptions */
/** @typedef {import('./broker-config').ResolvedOptions} ResolvedOptions */

/**
 * @typedef {object} EnsureResult
 * @property {string[]} brokers     e.g. ['127.0.0.1:9092']
 * @property {boolean} startedByUs  false when an already-running broker was reused
 * @property {number} [pid]         the broker's java pid (when known)
 * @property {number} readyMs       time from the call until the broker answered
 * @property {string} [logFile]     the broker's log4j log file (when managed by this tool)
 */

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
