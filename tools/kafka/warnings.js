'use strict';
// kafkajs 2.2.4 passes negative delays to setTimeout (requestQueue: throttledUntil = -1), which
// Node >= 23 reports as a harmless TimeoutNegativeWarning on every connection.

/** Drops just that warning; every other one still reaches Node's default listeners. */
function ignoreTimeoutNegativeWarning() {
  const defaultWarningListeners = process.listeners('warning');
  process.removeAllListeners('warning');
  process.on('warning', (warning) => {
    if (warning.name === 'TimeoutNegativeWarning') return;
    for (const listener of defaultWarningListeners) listener.call(process, warning);
  });
}

module.exports = { ignoreTimeoutNegativeWarning };
