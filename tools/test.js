'use strict';
// The whole test suite in one command: builds dist/ (the cluster under test runs from it), runs
// jest (whose global setup starts Kafka, PostgreSQL and the apps), and ends with the line
// `N passed, N failed` that CI reads. Extra arguments go to jest (e.g. a path filter).
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { build } = require('./build');
const { reportLogCheck } = require('./log-check');

const ROOT = path.resolve(__dirname, '..');

build();
// One results file per build tree, so that several runs at once (DIST_DIR) do not read each other's.
const resultsFile = path.join(ROOT, '.data', `jest-results-${path.basename(process.env.DIST_DIR ?? 'dist')}.json`);
fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
fs.rmSync(resultsFile, { force: true });
const jest = path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
// The run's id names its databases and its log directory, which the log check reads after jest.
const runId = process.env.TEST_RUN_ID ?? `t${Date.now().toString(36)}`;
const run = spawnSync(process.execPath, [jest, '--json', `--outputFile=${resultsFile}`, ...process.argv.slice(2)], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, TEST_RUN_ID: runId },
});

let passed = 0;
let failed = 0;
if (fs.existsSync(resultsFile)) {
  const r = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
  passed = r.numPassedTests;
  failed = r.numFailedTests + r.numRuntimeErrorTestSuites;
}
// After jest, not inside it: only once the global teardown has stopped the cluster are its logs
// complete, and a failed check counts as a failed test.
const logsClean = reportLogCheck(runId);
if (!logsClean) failed += 1;
const exitCode = logsClean ? (run.status ?? 1) : 1;
if (exitCode !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(exitCode);
