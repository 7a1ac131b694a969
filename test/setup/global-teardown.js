'use strict';
/** Stops what the setup started, last first: the cluster, this run's databases, the broker, embedded PostgreSQL. */
module.exports = async function globalTeardown() {
  await globalThis.__NONGSAN_TEST__?.stops.runAll();
};
