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

/** @type {import('jest').Config} */
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/{apps,libs,test,tools}/**/*.{spec,int-spec,e2e-spec}.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swcrc, swcrc: false }] },
  moduleNameMapper: {
    '^@app/(contracts|messaging|persistence|platform)$': '<rootDir>/libs/$1/src',
    '^@app/(contracts|messaging|persistence|platform)/(.*)$': '<rootDir>/libs/$1/src/$2',
  },
  globalSetup: '<rootDir>/test/setup/global-setup.js',
  globalTeardown: '<rootDir>/test/setup/global-teardown.js',
  setupFiles: ['reflect-metadata'],
  testTimeout: 120000,
  maxWorkers: 2,
  forceExit: false,
};
