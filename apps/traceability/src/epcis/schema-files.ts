import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const SOURCE_DIR = join('apps', 'traceability', 'src', 'epcis', 'schema');

/**
 * Reads one of the GS1 artefacts in ./schema. The build (SWC) emits only compiled .ts, so when the
 * JSON is not next to the compiled file the source tree above the build directory is used.
 */
export function readSchemaFile(name: string): unknown {
  const candidates = [join(__dirname, 'schema', name)];
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir)) candidates.push(join(dir, SOURCE_DIR, name));
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`EPCIS artefact ${name} not found (looked in ${candidates[0]} and the source tree)`);
  return JSON.parse(readFileSync(found, 'utf8'));
}
