// Validates Kubernetes objects against the JSON schemas of the Kubernetes OpenAPI document, as
// compiled into validators by the `kubernetes-models` package (ES modules only, hence this separate
// process; tools/deploy/deploy.spec.ts runs it). Reads a JSON array of objects on stdin and writes
// a JSON array with, per object, `null` (valid) or the list of schema violations.
import { readFileSync } from 'node:fs';

const docs = JSON.parse(readFileSync(0, 'utf8'));
const results = [];
for (const doc of docs) {
  const [group, version] = doc.apiVersion.includes('/') ? doc.apiVersion.split('/') : ['', doc.apiVersion];
  // kubernetes-models lays its models out as <group>/<version>/<Kind> (the core group: v1/<Kind>).
  const path = `kubernetes-models/${group ? `${group}/` : ''}${version}/${doc.kind}`;
  let model;
  try {
    model = (await import(path))[doc.kind];
  } catch {
    results.push([`no schema for ${doc.apiVersion} ${doc.kind}`]);
    continue;
  }
  try {
    new model(doc).validate();
    results.push(null);
  } catch (e) {
    const errors = e.errors ?? e.validationErrors;
    results.push(
      Array.isArray(errors)
        ? errors.map((x) => `${x.instancePath || '/'} ${x.message}${x.params ? ` ${JSON.stringify(x.params)}` : ''}`)
        : [String(e.message ?? e)],
    );
  }
}
process.stdout.write(JSON.stringify(results));
