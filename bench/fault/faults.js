'use strict';
// Faults of the fault-survival run: a plan drawn from the seed, carried out one step at a time per
// target (SIGKILL and restart of an app, a broker restart), and processes that exit on their own
// restarted as a supervisor would.
const { APPS } = require('../../tools/cluster');
const { brokerStatus, ensureBroker, stopBroker } = require('../../tools/kafka/broker');
const { sleep } = require('../lib/common');
const { cpuSeconds } = require('../lib/process-stats');

/** `names`: the processes that may be killed (every instance's name; by default one per app). */
function faultPlan(rnd, loadSeconds, o, names = APPS) {
  const events = [];
  for (const app of names) for (let k = 0; k < o.killsPerApp; k++) events.push({ target: app, atS: rnd.between(0.05, 0.85) * loadSeconds });
  for (let k = 0; k < o.brokerRestarts; k++) events.push({ target: 'kafka', atS: rnd.between(0.25, 0.7) * loadSeconds });
  for (const e of events) e.downMs = Math.round(rnd.between(200, o.maxDownMs));
  // Drawn for every target first, so narrowing --targets keeps the others' moments.
  const targets = o.targets === 'all' ? null : o.targets.split(',');
  const appOf = (name) => name.replace(/-\d+$/, '');
  return events.filter((e) => !targets || targets.includes(appOf(e.target))).sort((a, b) => a.atS - b.atS);
}

class Faults {
  /** @param {{ o: Record<string, any>, t0: number, log: (msg: string) => void, kafkaPort: number }} run */
  constructor(cluster, run) {
    this.cluster = cluster;
    this.run = run;
    this.chains = new Map();
    this.busy = new Set();
    this.log = []; // what happened, for the report
    this.windows = []; // { target, atMs, untilMs, readyMs }: each signalled process until it was ready again
    this.unexpected = []; // exits nobody asked for
    this.stopped = false;
  }

  /** Runs `fn` after whatever this target is doing now. */
  enqueue(target, fn) {
    const next = (this.chains.get(target) ?? Promise.resolve())
      .then(fn)
      .catch((e) => this.log.push({ target, what: `error: ${e.message}` }));
    this.chains.set(target, next);
    return next;
  }

  /** Starts an app again and waits until it is ready; a start that dies is retried, as a supervisor would. */
  async bringUp(app, why) {
    this.busy.add(app);
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          const ms = await this.cluster.restart(app, { timeoutMs: 240_000 });
          // The CPU the new process took to become ready: what its start costs whatever the machine's load.
          return { ms, cpuMs: Math.round(cpuSeconds(this.cluster.children.get(app)?.pid) * 1000), attempts: attempt };
        } catch (e) {
          this.log.push({ target: app, what: `start after ${why} failed (attempt ${attempt}): ${e.message}` });
          if (attempt >= 10 || this.stopped) throw e;
          await sleep(2000);
        }
      }
    } finally {
      this.busy.delete(app);
    }
  }

  onExit(name, exit) {
    if (exit.expected || this.stopped) return;
    this.unexpected.push({ name, ...exit, atS: (Date.now() - this.run.t0) / 1000, duringStart: this.busy.has(name) });
    this.run.log(`!! ${name} exited on its own (code ${exit.code}, signal ${exit.signal}); restarting it as a supervisor would`);
    if (this.busy.has(name)) return; // a start in progress retries by itself
    void this.enqueue(name, async () => {
      await sleep(1000);
      if (this.cluster.isRunning(name) || this.stopped) return;
      const r = await this.bringUp(name, 'an unexpected exit');
      this.log.push({ target: name, what: `restarted after an unexpected exit, ready in ${r.ms} ms` });
    });
  }

  kill(e) {
    // With two instances of every app, the faults are one at a time (the issue: "SIGKILL of any one
    // instance"): each waits until the previous one's process is ready again.
    return this.enqueue(this.run.o.instances > 1 ? 'one-at-a-time' : e.target, async () => {
      if (this.stopped) return;
      if (e.target === 'kafka') return this.restartBroker(e);
      const atMs = Date.now();
      const at = (atMs - this.run.t0) / 1000;
      const signal = `SIG${this.run.o.signal}`;
      const exit = this.cluster.kill(e.target, signal);
      // SIGTERM: the process drains and exits by itself (a supervisor would SIGKILL it after its grace period).
      const exitedAt = await Promise.race([exit.then(() => Date.now()), sleep(30_000).then(() => undefined)]);
      if (exitedAt === undefined) await this.cluster.kill(e.target, 'SIGKILL');
      const stopMs = (exitedAt ?? Date.now()) - atMs;
      await sleep(e.downMs);
      const r = await this.bringUp(e.target, signal);
      this.windows.push({ target: e.target, atMs, untilMs: Date.now() + 5000, readyMs: r.ms, cpuMs: r.cpuMs });
      const stopped = signal === 'SIGTERM' ? `, exited ${exitedAt === undefined ? 'only on SIGKILL after 30 s' : `in ${stopMs} ms`}` : '';
      this.log.push({
        target: e.target,
        atS: at,
        what: `${signal}${stopped}, down ${e.downMs} ms, ready ${r.ms} ms after restart (${r.cpuMs} ms of CPU)`,
      });
      this.run.log(
        `${e.target}: ${signal} at ${at.toFixed(0)} s${stopped}, restarted after ${e.downMs} ms, ready in ${(r.ms / 1000).toFixed(1)} s (${(r.cpuMs / 1000).toFixed(1)} s of CPU)`,
      );
    });
  }

  async restartBroker(e) {
    const at = (Date.now() - this.run.t0) / 1000;
    const t = Date.now();
    if (this.run.o.brokerSignal === 'KILL') {
      const { pid } = await brokerStatus({ port: this.run.kafkaPort });
      if (pid) process.kill(pid, 'SIGKILL');
      while (pid && (await brokerStatus({ port: this.run.kafkaPort })).pid) await sleep(100);
    } else await stopBroker({ port: this.run.kafkaPort });
    const stoppedMs = Date.now() - t;
    await sleep(e.downMs);
    const b = await ensureBroker({ port: this.run.kafkaPort, timeoutMs: 120_000 });
    this.log.push({
      target: 'kafka',
      atS: at,
      what: `SIG${this.run.o.brokerSignal} (stopped in ${stoppedMs} ms), down ${e.downMs} ms, answering ${b.readyMs} ms after start`,
    });
    this.run.log(
      `kafka: SIG${this.run.o.brokerSignal} at ${at.toFixed(0)} s (stop ${stoppedMs} ms), started again, answering after ${(b.readyMs / 1000).toFixed(1)} s`,
    );
  }

  async drain() {
    await Promise.all([...this.chains.values()]);
  }
}

module.exports = { faultPlan, Faults };
