'use strict';
// One jest run: unit specs next to the code (*.spec.ts), integration and end-to-end tests under
// test/ (*.int-spec.ts, *.e2e-spec.ts). The global setup starts what they cross for real: a Kafka
// broker, PostgreSQL, and the cluster of five app processes.
const fs = require('node:fs');

const swcrc = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, 'utf8'));
delete swcrc.$schema;
delete swcrc.jsc.baseUrl;
delete swcrc.jsc.paths;
swcrc.module.ignoreDynamic = false;

const shared = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swcrc, swcrc: false }] },
  moduleNameMapper: {
    '^@app/(contracts|messaging|persistence|platform)$': '<rootDir>/libs/$1/src',
    '^@app/(contracts|messaging|persistence|platform)/(.*)$': '<rootDir>/libs/$1/src/$2',
  },
  setupFiles: ['reflect-metadata'],
  testTimeout: 120000,
};

/** @type {import('jest').Config} */
module.exports = {
  // Jest 30 reads testTimeout from the top level only (a project's own value is ignored).
  testTimeout: 120000,
  maxWorkers: 2,
  projects: [
    // Unit specs next to the code: no infrastructure (`npx jest libs/contracts` starts nothing).
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,tools}/**/*.spec.ts'] },
    // Integration and end-to-end: jest runs a project's global setup only when one of its tests runs.
    {
      ...shared,
      displayName: 'system',
      testMatch: ['<rootDir>/test/**/*.{int-spec,e2e-spec}.ts'],
      setupFiles: [...shared.setupFiles, '<rootDir>/test/setup/record-secrets.js'],
      globalSetup: '<rootDir>/test/setup/global-setup.js',
      globalTeardown: '<rootDir>/test/setup/global-teardown.js',
    },
  ],
};
