import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import { parse, parseAllDocuments } from 'yaml';

/**
 * The deployment files, checked offline (no Docker engine, no cluster, no network): docker-compose.yml
 * against the Compose Specification's JSON schema (vendored in schemas/, see SOURCES.md), every
 * Kubernetes object of deploy/ — as `kubectl kustomize deploy/` renders it — against the schemas of
 * the Kubernetes OpenAPI document (the `kubernetes-models` validators), and the image's Dockerfile
 * for Node 24 and a non-root user.
 */
const ROOT = join(__dirname, '../..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

type Doc = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string }; spec?: any; [k: string]: any };

/** The compose-spec schema of 2021 predates `"$id"`-style ids: its `"id"` annotations name nothing a `$ref` uses. */
function withoutDraft4Ids(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutDraft4Ids);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if ((k === 'id' && typeof v === 'string') || k === '$schema') continue;
    out[k] =
      k === 'properties' || k === 'patternProperties' || k === 'definitions'
        ? Object.fromEntries(Object.entries(v as object).map(([name, s]) => [name, withoutDraft4Ids(s)]))
        : withoutDraft4Ids(v);
  }
  return out;
}

/** Compose's own string formats (durations, port and expose specs) are checked by compose itself, not by the schema. */
function composeValidator() {
  const ajv = new Ajv2019({ allErrors: true, strict: false });
  for (const format of ['duration', 'ports', 'expose', 'subnet_ip_address', 'uri']) ajv.addFormat(format, true);
  return ajv.compile(withoutDraft4Ids(JSON.parse(read('tools/deploy/schemas/compose-spec.json'))) as object);
}

/** The compose file as compose reads it: YAML 1.1 merge keys (`<<: *app`) resolved. */
export function loadCompose(text = read('docker-compose.yml')): Record<string, any> {
  return parse(text, { merge: true, maxAliasCount: -1 }) as Record<string, any>;
}

/** Schema violations of a compose document (empty: valid). */
export function composeErrors(doc: Record<string, any>): string[] {
  const validate = composeValidator();
  // The vendored schema predates the top-level project `name` (compose-spec, 2022): checked here by
  // the rule the later schema states, the rest by the schema.
  const { name, ...rest } = doc;
  const errors: string[] = [];
  if (name !== undefined && !(typeof name === 'string' && /^[a-z0-9][a-z0-9_-]*$/.test(name)))
    errors.push(`/name must match ^[a-z0-9][a-z0-9_-]*$`);
  if (!validate(rest)) errors.push(...validate.errors!.map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`));
  return errors;
}

const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'PersistentVolume', 'StorageClass', 'PriorityClass']);

/** deploy/ as kustomize renders it: the listed resources, the namespace set, the image rewritten. */
export function renderKustomization(dir = 'deploy', readFile = read): Doc[] {
  const k = parse(readFile(`${dir}/kustomization.yaml`)) as {
    namespace?: string;
    resources: string[];
    images?: { name: string; newName?: string; newTag?: string }[];
  };
  const docs: Doc[] = [];
  for (const resource of k.resources) {
    for (const d of parseAllDocuments(readFile(`${dir}/${resource}`))) {
      if (d.errors.length) throw new Error(`${resource}: ${d.errors.map((e) => e.message).join('; ')}`);
      const doc = d.toJS() as Doc | null;
      if (doc) docs.push(doc);
    }
  }
  const retag = (image: string) => {
    const [name] = image.split(/[:@]/);
    const rule = k.images?.find((i) => i.name === name);
    return rule ? `${rule.newName ?? name}:${rule.newTag ?? image.split(':')[1]}` : image;
  };
  for (const doc of docs) {
    if (k.namespace && !CLUSTER_SCOPED.has(doc.kind)) doc.metadata.namespace = k.namespace;
    const pod = doc.kind === 'Job' || doc.kind === 'Deployment' ? doc.spec.template.spec : undefined;
    for (const c of [...(pod?.containers ?? []), ...(pod?.initContainers ?? [])]) c.image = retag(c.image);
  }
  return docs;
}

/** Per object: `null` when it conforms to its Kubernetes schema, else the violations. */
export function kubernetesErrors(docs: Doc[]): (string[] | null)[] {
  const out = execFileSync(process.execPath, [join(__dirname, 'k8s-validate.mjs')], {
    cwd: ROOT,
    input: JSON.stringify(docs),
    encoding: 'utf8',
  });
  return JSON.parse(out) as (string[] | null)[];
}

describe('docker-compose.yml', () => {
  const compose = loadCompose();

  it('conforms to the Compose Specification schema', () => {
    expect(composeErrors(compose)).toEqual([]);
  });

  it('fails the schema on a real defect (a misspelt key, a wrong type)', () => {
    const broken = structuredClone(compose);
    broken.services.gateway.helthcheck = broken.services.gateway.healthcheck;
    broken.services.postgres.restart = ['always'];
    const errors = composeErrors(broken);
    expect(errors.join('\n')).toMatch(/\/services\/gateway .*helthcheck/);
    expect(errors.join('\n')).toMatch(/\/services\/postgres\/restart/);
  });

  it('runs a Kafka 3.9 KRaft broker, PostgreSQL, and every app with a health check', () => {
    const services = compose.services as Record<string, any>;
    expect(services.kafka.image).toMatch(/^apache\/kafka:3\.9\./);
    expect(services.kafka.environment.KAFKA_PROCESS_ROLES).toBe('broker,controller');
    expect(services.postgres.image).toMatch(/^postgres:/);
    for (const app of ['gateway', 'catalog', 'orders', 'traceability', 'settlement', 'notifications']) {
      expect({ app, test: services[app]?.healthcheck?.test?.[0], disabled: services[app]?.healthcheck?.disable ?? false }).toEqual({
        app,
        test: expect.stringMatching(/^CMD/),
        disabled: false,
      });
    }
  });
});

describe('deploy/ (Kubernetes, rendered as kustomize would)', () => {
  const docs = renderKustomization();

  it('conforms, object by object, to the Kubernetes schemas', () => {
    const errors = kubernetesErrors(docs);
    const invalid = docs.map((d, i) => ({ object: `${d.kind}/${d.metadata.name}`, errors: errors[i] })).filter((x) => x.errors);
    expect(invalid).toEqual([]);
    expect(docs.length).toBeGreaterThanOrEqual(10);
  });

  it('fails the schema on a real defect (a wrong type, a missing required field)', () => {
    const broken = structuredClone(docs.filter((d) => d.kind === 'Deployment' || d.kind === 'Service').slice(0, 2));
    const deployment = broken.find((d) => d.kind === 'Deployment')!;
    deployment.spec.replicas = 'two';
    delete deployment.spec.template.spec.containers[0].name;
    const [errors] = kubernetesErrors([deployment]);
    expect(errors?.join('\n')).toMatch(/\/spec\/replicas/);
    expect(errors?.join('\n')).toMatch(/\/spec\/template\/spec\/containers\/0 .*name/);
  });

  it('gives every app probes, resource requests, a non-root user and the release image; a Job creates the topics', () => {
    const deployments = docs.filter((d) => d.kind === 'Deployment');
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual([
      'catalog',
      'gateway',
      'notifications',
      'orders',
      'settlement',
      'traceability',
    ]);
    for (const d of deployments) {
      const pod = d.spec.template.spec;
      for (const c of pod.containers) {
        expect({
          app: d.metadata.name,
          readiness: !!c.readinessProbe,
          liveness: !!c.livenessProbe,
          requests: c.resources?.requests,
        }).toEqual({
          app: d.metadata.name,
          readiness: true,
          liveness: true,
          requests: { cpu: expect.any(String), memory: expect.any(String) },
        });
        expect(c.image).toBe('ghcr.io/nongsan/marketplace:0.1.0');
        // Issue 23: a pause before SIGTERM, shorter than the grace period the drain has.
        expect(c.lifecycle?.preStop?.sleep?.seconds ?? Number(c.lifecycle?.preStop?.exec?.command?.[1])).toBeLessThan(
          pod.terminationGracePeriodSeconds,
        );
        expect(c.env.find((e: { name: string }) => e.name === 'SERVICE_INSTANCE')?.valueFrom?.fieldRef?.fieldPath).toBe('metadata.name');
      }
      const budget = docs.find((b) => b.kind === 'PodDisruptionBudget' && b.metadata.name === d.metadata.name);
      expect(budget?.spec.selector.matchLabels).toEqual(d.spec.selector.matchLabels);
      expect(d.spec.replicas).toBeGreaterThanOrEqual(2);
      expect(pod.securityContext.runAsNonRoot).toBe(true);
      expect(d.metadata.namespace).toBe('nongsan');
    }
    expect(docs.some((d) => d.kind === 'Job' && /create-topics\.js/.test(d.spec.template.spec.containers[0].command.join(' ')))).toBe(true);
    expect(docs.filter((d) => d.kind === 'Service')).toHaveLength(6);
    expect(docs.some((d) => d.kind === 'ConfigMap') && docs.some((d) => d.kind === 'Secret')).toBe(true);
  });
});

describe('docker/Dockerfile', () => {
  const dockerfile = read('docker/Dockerfile');
  const instructions = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));

  it('builds every stage on Node 24', () => {
    const args = Object.fromEntries(
      instructions
        .filter((l) => /^ARG \w+=/.test(l))
        .map((l) => l.slice(4).split('=') as [string, string])
        .map(([k, v]) => [k, v.replace(/^"|"$/g, '')]),
    );
    const froms = instructions
      .filter((l) => /^FROM /i.test(l))
      .map((l) => l.split(/\s+/)[1].replace(/^\$\{(\w+)\}$/, (_, a: string) => args[a]));
    expect(froms.length).toBeGreaterThanOrEqual(2);
    for (const image of froms) expect(image).toMatch(/^node:24([.-]|$)/);
  });

  it('runs the final stage as a non-root user', () => {
    const last = instructions.slice(instructions.map((l) => /^FROM /i.test(l)).lastIndexOf(true));
    const users = last.filter((l) => /^USER /i.test(l)).map((l) => l.split(/\s+/)[1]);
    expect(users.length).toBeGreaterThan(0);
    const user = users[users.length - 1].split(':')[0];
    expect(user).not.toMatch(/^(0|root)$/);
  });
});
