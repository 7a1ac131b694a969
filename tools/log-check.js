'use strict';
// The log check of a test run: no credential and no phone number the tests used may appear in
// the logs of the processes under test (issue 21). The test workers record what they handled
// (test/setup/record-secrets.js, the global setup for the keys and tokens it configures); after
// jest, tools/test.js searches every log file of the run for each of them.
const fs = require('node:fs');
const path = require('node:path');

const DATA = path.resolve(__dirname, '..', '.data');
const secretsDir = (runId) => path.join(DATA, 'test-secrets', runId);
const logDir = (runId) => path.join(DATA, 'test-logs', runId);

/** Appends `{ kind, value }` items to this process's file of the run's secrets. */
function recordSecrets(runId, items) {
  const dir = secretsDir(runId);
  fs.mkdirSync(dir, { recursive: true });
  fs.appendFileSync(path.join(dir, `${process.pid}.txt`), items.map((i) => `${JSON.stringify(i)}\n`).join(''));
}

/** The spellings a value may take in a log line: a phone with or without spaces, national or +84. */
function spellings(kind, value) {
  if (kind !== 'phone') return [value];
  const digits = value.replace(/\D/g, '');
  const national = digits.startsWith('84') ? `0${digits.slice(2)}` : digits;
  return [...new Set([value, digits, national, `84${national.slice(1)}`, `+84${national.slice(1)}`])].filter((s) => s.length >= 9);
}

/**
 * Searches the run's log files for every recorded secret. Returns undefined when the run started
 * no cluster (unit specs only): there is nothing to check.
 */
function checkLogs(runId) {
  if (!fs.existsSync(logDir(runId))) return undefined;
  const secrets = new Map();
  if (fs.existsSync(secretsDir(runId))) {
    for (const f of fs.readdirSync(secretsDir(runId))) {
      for (const line of fs
        .readFileSync(path.join(secretsDir(runId), f), 'utf8')
        .split('\n')
        .filter(Boolean)) {
        const { kind, value } = JSON.parse(line);
        if (value) secrets.set(value, kind);
      }
    }
  }
  const files = fs.readdirSync(logDir(runId)).map((f) => path.join(logDir(runId), f));
  const hits = [];
  let bytes = 0;
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    bytes += text.length;
    for (const [value, kind] of secrets) {
      const at = spellings(kind, value)
        .map((s) => text.indexOf(s))
        .filter((i) => i >= 0)
        .sort((a, b) => a - b)[0];
      if (at !== undefined) hits.push({ kind, file: path.basename(file), line: text.slice(0, at).split('\n').length });
    }
  }
  const kinds = {};
  for (const kind of secrets.values()) kinds[kind] = (kinds[kind] ?? 0) + 1;
  return { kinds, files: files.length, bytes, hits };
}

/** Prints the check's figures and each hit (where, never the value); true when the logs are clean. */
function reportLogCheck(runId) {
  const r = checkLogs(runId);
  fs.rmSync(secretsDir(runId), { recursive: true, force: true });
  if (!r) return true;
  const what = Object.entries(r.kinds)
    .map(([k, n]) => `${n} ${k}${n === 1 ? '' : 's'}`)
    .join(', ');
  console.log(
    `log check: ${what || 'nothing recorded'} searched in ${r.files} log files (${(r.bytes / 1e6).toFixed(1)} MB): ${r.hits.length} hits`,
  );
  for (const h of r.hits) console.log(`  found: ${h.kind} in ${h.file} line ${h.line}`);
  return r.hits.length === 0;
}

module.exports = { recordSecrets, checkLogs, reportLogCheck };
