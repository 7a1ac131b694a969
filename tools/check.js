'use strict';
// `npm run check`: format check, type-aware lint with no warnings allowed, the type check, and the
// committed contracts (docs/api/openapi.json, asyncapi.json) against what the code produces.
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const bin = (pkg, file) => path.join(ROOT, 'node_modules', pkg, file);

const steps = [
  ['format', bin('prettier', 'bin/prettier.cjs'), ['--check', '--log-level', 'warn', '.']],
  ['lint', bin('eslint', 'bin/eslint.js'), ['--max-warnings', '0', '.']],
  ['types', bin('typescript', 'bin/tsc'), ['--noEmit', '-p', 'tsconfig.json']],
  ['contracts', path.join(ROOT, 'tools', 'contracts.js'), ['--check']],
];

let failed = false;
for (const [name, script, args] of steps) {
  const t = Date.now();
  const r = spawnSync(process.execPath, [script, ...args], { cwd: ROOT, stdio: 'inherit' });
  const ok = r.status === 0;
  console.log(`check ${name}: ${ok ? 'ok' : 'FAILED'} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  failed ||= !ok;
}
process.exit(failed ? 1 : 0);
