'use strict';
// The broker's configuration: options resolved against the environment, the files it is started
// with (server.properties, log4j.properties), its jars (fetched from Maven Central once, into a
// cache outside the repo) and its KRaft storage (formatted once per state directory).
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const os = require('node:os');
const path = require('node:path');
const { HOST, LOG_TAIL_LINES, javaBin, lastLines, run } = require('./broker-process');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const POM_FILE = path.join(__dirname, 'pom.xml');
const DEFAULT_VERSION = '3.9.2';
const DEFAULT_PORT = 9092;
const DEFAULT_HEAP = '-Xms256m -Xmx512m';
const DEFAULT_TIMEOUT_MS = 60_000;
const FETCH_TIMEOUT_MS = 10 * 60_000;

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
    '# Written by tools/kafka/broker-config.js on every start; edits are overwritten.',
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
    '# Written by tools/kafka/broker-config.js on every start.',
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

module.exports = { resolveOptions, serverProperties, log4jProperties, classpath, ensureJars, ensureFormatted };
