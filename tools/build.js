'use strict';
// Compiles apps/, libs/, tools/quickstart and tools/ops to dist/ with SWC (decorator metadata, path aliases
// resolved). Type checking is `npm run check`'s job (tsc --noEmit), not the build's.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
/** Where the build goes (`DIST_DIR`, default dist/): separate trees let test runs not clobber each other. */
const DIST = path.resolve(ROOT, process.env.DIST_DIR ?? 'dist');

function build({ quiet = false } = {}) {
  const started = Date.now();
  fs.rmSync(DIST, { recursive: true, force: true });
  const swc = path.join(ROOT, 'node_modules', '@swc', 'cli', 'bin', 'swc.js');
  execFileSync(
    process.execPath,
    [
      swc,
      'apps',
      'libs',
      'tools/quickstart',
      'tools/ops',
      'tools/contracts',
      '-d',
      DIST,
      '--config-file',
      '.swcrc',
      '--extensions',
      '.ts',
      '--ignore',
      '**/*.spec.ts',
      '--quiet',
    ],
    {
      cwd: ROOT,
      stdio: quiet ? 'ignore' : 'inherit',
    },
  );
  // SWC compiles .ts only; data files that modules read from __dirname must sit next to their output.
  for (const dir of ['libs/contracts/src/geo', 'apps/traceability/src/epcis/schema']) {
    for (const file of fs.readdirSync(path.join(ROOT, dir)).filter((f) => f.endsWith('.json') || f.endsWith('.jsonld'))) {
      fs.cpSync(path.join(ROOT, dir, file), path.join(DIST, dir, file));
    }
  }
  if (!quiet) console.log(`built ${path.relative(ROOT, DIST)}/ in ${Date.now() - started} ms`);
}

module.exports = { build, DIST };

if (require.main === module) build();
