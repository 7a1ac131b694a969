'use strict';
// The whole test suite in one command: builds dist/ (the cluster under test runs from it), runs
// jest (whose global setup starts Kafka, PostgreSQL and the apps), and ends with the line
// `N passed, N failed` that CI reads. Extra arguments go to jest (e.g. a path filter).
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { build } = require('./build');

const ROOT = path.resolve(__dirname, '..');

build();
// One results file per build tree, so that several runs at once (DIST_DIR) do not read each other's.
const resultsFile = path.join(ROOT, '.data', `jest-results-${path.basename(process.env.DIST_DIR ?? 'dist')}.json`);
fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
fs.rmSync(resultsFile, { force: true });
const jest = path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
const run = spawnSync(process.execPath, [jest, '--json', `--outputFile=${resultsFile}`, ...process.argv.slice(2)], {
  cwd: ROOT,
  stdio: 'inherit',
});

let passed = 0;
let failed = 0;
if (fs.existsSync(resultsFile)) {
  const r = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
  passed = r.numPassedTests;
  failed = r.numFailedTests + r.numRuntimeErrorTestSuites;
}
const exitCode = run.status ?? 1;
if (exitCode !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(exitCode);
