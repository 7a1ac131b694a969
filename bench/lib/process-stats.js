'use strict';
// What a process costs while a benchmark runs, read from /proc: peak and current resident set, CPU
// time, and CPU per part of the system (apps, broker, the PostgreSQL backends of a run's databases).
const fs = require('node:fs');

/** Peak resident set (VmHWM) of a process, MB. */
function peakRssMb(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+) kB/.exec(status)[1]) / 1024;
  } catch {
    return NaN;
  }
}

/** Starts a new peak-RSS window: the kernel resets VmHWM to the current RSS (proc(5), clear_refs "5"). */
function resetPeakRss(pid) {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** CPU time (user + system) a process has used, seconds; 0 once it is gone. */
function cpuSeconds(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return 0;
  }
}

/** CPU seconds per part of the system, so a figure taken on a loaded machine still says where the work is. */
async function cpuSnapshot(db, prefix, pids) {
  const { rows } = await db.query(`SELECT pid FROM pg_stat_activity WHERE datname LIKE $1`, [`${prefix}\\_%`]);
  const postgres = new Map(rows.map((r) => [r.pid, cpuSeconds(r.pid)]));
  return {
    gateway: cpuSeconds(pids.gateway),
    settlement: cpuSeconds(pids.settlement),
    kafka: pids.kafka ? cpuSeconds(pids.kafka) : 0,
    postgres,
  };
}

function cpuUsed(before, after) {
  let postgres = 0;
  for (const [pid, t] of after.postgres) postgres += t - (before.postgres.get(pid) ?? 0);
  const r = (x) => +x.toFixed(1);
  return {
    gateway: r(after.gateway - before.gateway),
    settlement: r(after.settlement - before.settlement),
    postgres: r(postgres),
    kafka: r(after.kafka - before.kafka),
  };
}

/**
 * Reads the CPU seconds of every process of a running system: each app of the cluster, the broker,
 * and the PostgreSQL backends connected to the run's databases (`<prefix>_*`). The load generator
 * is none of them.
 * @param {Map<string, { pid?: number }>} children  the cluster's app processes by name
 */
function systemCpuReader(children, brokerPid, db, prefix) {
  return async () => {
    const { rows } = await db.query(`SELECT pid FROM pg_stat_activity WHERE datname LIKE $1`, [`${prefix}\\_%`]);
    const apps = Object.fromEntries([...children].map(([name, child]) => [name, cpuSeconds(child.pid)]));
    return { apps, kafka: brokerPid ? cpuSeconds(brokerPid) : 0, postgres: new Map(rows.map((r) => [r.pid, cpuSeconds(r.pid)])) };
  };
}

/**
 * CPU milliseconds per unit of work between two `systemCpuReader` readings, per process (each app,
 * `kafka`, `postgres`) and `total`. A backend that closed meanwhile took its CPU time with it; one
 * that opened counts whole.
 */
function cpuMsPer(before, after, units) {
  const per = {};
  for (const [name, t] of Object.entries(after.apps)) per[name] = t - (before.apps[name] ?? 0);
  per.kafka = after.kafka - before.kafka;
  per.postgres = 0;
  for (const [pid, t] of after.postgres) per.postgres += t - (before.postgres.get(pid) ?? 0);
  const ms = Object.fromEntries(Object.entries(per).map(([k, v]) => [k, (v * 1000) / Math.max(1, units)]));
  ms.total = Object.values(ms).reduce((t, v) => t + v, 0);
  return ms;
}

/** Current resident set (VmRSS) of a process, MB, rounded; throws once it is gone. */
function rssMb(pid) {
  return Math.round(Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024);
}

module.exports = { peakRssMb, resetPeakRss, rssMb, cpuSeconds, cpuSnapshot, cpuUsed, systemCpuReader, cpuMsPer };
