'use strict';
// Every benchmark's command line: `--name value` and `--flag` options against defaults, read with
// node's util.parseArgs. Unknown flags are refused; `--help` prints the usage.
const { parseArgs } = require('node:util');

/** `maxInFlight` → `max-in-flight`. */
const flagOf = (key) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/**
 * Options named by the defaults' keys (camelCase; the flag is kebab-case): a boolean default is a
 * flag, a number default takes a number, a string default any value. Unknown flags and values that
 * are not numbers throw with the usage; `--help`/`-h` prints it and exits.
 * @template {Record<string, number | string | boolean>} T
 * @param {string[]} argv @param {T} defaults @param {string} usage
 * @returns {T}
 */
function parseOptions(argv, defaults, usage) {
  /** @type {import('node:util').ParseArgsConfig['options']} */
  const options = { help: { type: 'boolean', short: 'h' } };
  for (const [key, d] of Object.entries(defaults)) options[flagOf(key)] = { type: typeof d === 'boolean' ? 'boolean' : 'string' };
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options, strict: true, allowPositionals: false }));
  } catch (e) {
    throw new Error(`${e.message}\n${usage}`, { cause: e });
  }
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const o = { ...defaults };
  for (const [key, d] of Object.entries(defaults)) {
    const v = values[flagOf(key)];
    if (v === undefined) continue;
    if (typeof d === 'number') {
      if (String(v).trim() === '' || !Number.isFinite(Number(v))) throw new Error(`--${flagOf(key)} must be a number, not ${v}\n${usage}`);
      o[key] = Number(v);
    } else o[key] = v;
  }
  return o;
}

module.exports = { parseOptions };
