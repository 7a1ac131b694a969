'use strict';
/**
 * node tools/kafka/cli.js start|stop|status|restart [--port N] [--wipe]
 *
 *   start    reuse the broker answering on 127.0.0.1:<port>, or start one (detached) and wait for it
 *   stop     stop the broker this tool started for <port> (--wipe also deletes its state dir)
 *   status   whether a broker answers on <port>, and the pid of ours
 *   restart  stop (--wipe: and delete state) then start
 *
 * Environment: KAFKA_PORT, KAFKA_STATE_DIR, NONGSAN_CACHE, KAFKA_VERSION, KAFKA_HEAP_OPTS.
 */

const { ensureBroker, stopBroker, brokerStatus } = require('./broker');
const { ignoreTimeoutNegativeWarning } = require('./warnings');

ignoreTimeoutNegativeWarning();

const USAGE = 'usage: node tools/kafka/cli.js start|stop|status|restart [--port N] [--wipe]';

/** @param {string[]} argv */
function parseArgs(argv) {
  /** @type {{ command?: string, port?: number, wipe: boolean }} */
  const args = { wipe: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--wipe') args.wipe = true;
    else if (a === '--port' || a.startsWith('--port=')) {
      const v = a === '--port' ? argv[++i] : a.slice('--port='.length);
      if (!v || !/^\d+$/.test(v)) throw new Error(`--port needs a number\n${USAGE}`);
      args.port = Number(v);
    } else if (a === '-h' || a === '--help') {
      args.command = 'help';
    } else if (!a.startsWith('-') && !args.command) args.command = a;
    else throw new Error(`unexpected argument: ${a}\n${USAGE}`);
  }
  return args;
}

/** @param {number} ms */
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** @param {{ port?: number }} opts */
async function start(opts) {
  const r = await ensureBroker(opts);
  const how = r.startedByUs ? `started, pid ${r.pid}` : `reused running broker${r.pid ? `, pid ${r.pid}` : ''}`;
  console.log(`kafka ready on ${r.brokers.join(',')} in ${secs(r.readyMs)} (${how})`);
}

/** @param {{ port?: number, wipe?: boolean }} opts */
async function stop(opts) {
  const r = await stopBroker(opts);
  const wiped = r.wiped ? ', state wiped' : '';
  if (r.stopped) console.log(`kafka stopped (pid ${r.pid}) in ${secs(r.stopMs)}${wiped}`);
  else console.log(`kafka not running (nothing to stop${wiped})`);
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  /** @type {{ port?: number }} */
  const opts = {};
  if (args.port !== undefined) opts.port = args.port;
  switch (args.command) {
    case 'start':
      if (args.wipe) throw new Error('--wipe goes with stop or restart');
      return start(opts);
    case 'stop':
      return stop({ ...opts, wipe: args.wipe });
    case 'restart':
      await stop({ ...opts, wipe: args.wipe });
      return start(opts);
    case 'status': {
      const s = await brokerStatus(opts);
      const where = s.brokers.join(',');
      if (s.running) console.log(`kafka running on ${where} (${s.pid ? `pid ${s.pid}` : 'not started by this tool'})`);
      else if (s.pid) console.log(`kafka not answering on ${where}, but its process is alive (pid ${s.pid}): starting or hung`);
      else console.log(`kafka not running on ${where}`);
      return;
    }
    case 'help':
      console.log(USAGE);
      return;
    default:
      throw new Error(args.command ? `unknown command: ${args.command}\n${USAGE}` : USAGE);
  }
}

main().then(
  // kafkajs may leave sockets/timers behind briefly; the broker itself is detached.
  () => process.exit(0),
  (err) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
