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

/** Current resident set (VmRSS) of a process, MB, rounded; throws once it is gone. */
function rssMb(pid) {
  return Math.round(Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024);
}

module.exports = { peakRssMb, resetPeakRss, rssMb, cpuSeconds, cpuSnapshot, cpuUsed };
