'use strict';
// `npm run contracts`: writes the public contracts as the code defines them — docs/api/openapi.json
// (the gateway's REST API, built from its Nest module in preview mode: no server, no database, no
// Kafka) and docs/api/asyncapi.json (what carriers consume). `--check` (part of `npm run check`)
// writes nothing and fails when a committed file differs from what the code produces.
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
// Its own build tree, so a check never replaces the dist/ a running cluster or test run uses.
process.env.DIST_DIR = path.join('.data', 'dist-contracts');
const { build, DIST } = require('./build');

const FILES = { openapi: 'docs/api/openapi.json', asyncapi: 'docs/api/asyncapi.json' };

/** Paths (or top-level keys) whose content differs between two documents, for the failure message. */
function differingParts(a, b) {
  const keys = (o) => Object.keys(o ?? {});
  const parts = [];
  for (const key of new Set([...keys(a), ...keys(b)])) {
    if (key === 'paths' || key === 'channels' || key === 'operations') {
      for (const p of new Set([...keys(a?.[key]), ...keys(b?.[key])])) {
        if (JSON.stringify(a?.[key]?.[p]) !== JSON.stringify(b?.[key]?.[p])) parts.push(`${key} ${p}`);
      }
    } else if (JSON.stringify(a?.[key]) !== JSON.stringify(b?.[key])) parts.push(key);
  }
  return parts;
}

async function main() {
  const check = process.argv.includes('--check');
  build({ quiet: true });
  const { buildContracts } = require(path.join(DIST, 'tools/contracts/contracts.js'));
  const docs = await buildContracts();
  const prettier = require('prettier');
  let drifted = false;
  for (const [name, file] of Object.entries(FILES)) {
    const target = path.join(ROOT, file);
    const options = (await prettier.resolveConfig(target)) ?? {};
    const fresh = await prettier.format(JSON.stringify(docs[name]), { ...options, filepath: target });
    const committed = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
    if (committed === fresh) {
      console.log(`${file}: up to date`);
      continue;
    }
    if (!check) {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, fresh);
      console.log(`${file}: written`);
      continue;
    }
    drifted = true;
    const parts = committed ? differingParts(JSON.parse(committed), docs[name]) : ['(file missing)'];
    console.error(`${file} differs from the code: ${parts.slice(0, 20).join(', ')}${parts.length > 20 ? ` … (${parts.length})` : ''}`);
  }
  if (drifted) {
    console.error('The committed contracts drifted from the code: run `npm run contracts`, review the diff and commit it.');
    process.exit(1);
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
