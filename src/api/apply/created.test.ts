import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SchemaModel } from '../openapi-model.ts';
import type { KubeObject } from '../types.ts';
import { getSchemaModel } from '../openapi/index.ts';
import { DEPLOYMENT, POD, fixtureModel } from '../patch/testing/schema-fixture.ts';
import { createdManagerFieldsV1, updateManagedFields, updateManagedFieldsGeneral } from './managedfields.ts';
import type { UpdateOptions } from './managedfields.ts';

const real = getSchemaModel();
const T = '2024-01-01T00:00:00Z';

function opts(model: SchemaModel, definitionName: string, extra: Partial<UpdateOptions> = {}): UpdateOptions {
  return { manager: 'creator', operation: 'Update', apiVersion: 'v1', time: T, model, definitionName, ...extra };
}

/** The create walk and the general path give byte-identical results; returns whether the walk decided. */
function assertSame(obj: KubeObject, o: UpdateOptions): boolean {
  const fast = updateManagedFields(undefined, structuredClone(obj), o);
  const general = updateManagedFieldsGeneral(undefined, structuredClone(obj), o);
  assert.equal(JSON.stringify(fast), JSON.stringify(general), JSON.stringify(obj));
  return createdManagerFieldsV1(obj, o) !== undefined;
}

const pod: KubeObject = {
  apiVersion: 'v1', kind: 'Pod',
  metadata: {
    name: 'p', namespace: 'd', uid: 'u', generation: 1, creationTimestamp: T, resourceVersion: '3',
    labels: { app: 'a', tier: 'b' }, annotations: {}, finalizers: ['x/y', 'a/b', 'x/y'],
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'r1', controller: true }],
  },
  spec: {
    containers: [
      {
        name: 'app', image: 'img', args: ['--a', '--b'], command: [],
        ports: [{ containerPort: 8080, name: 'http' }, { containerPort: 53, protocol: 'UDP' }, { containerPort: 53, protocol: 'TCP' }],
        env: [{ name: 'B', value: '2' }, { name: 'A', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }, { name: 'B', value: '3' }],
        resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: {} },
        readinessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 10 },
      },
      { name: 'side', image: 'other', securityContext: null },
    ],
    tolerations: [{ key: 'k', operator: 'Exists' }],
    nodeSelector: { zone: 'a' },
    volumes: [{ name: 'v', emptyDir: {} }],
    restartPolicy: 'Always',
  },
  status: { phase: 'Pending', conditions: [{ type: 'Ready', status: 'False' }] },
};

test('a pod create: the one walk decides and agrees with the general path, for each endpoint', () => {
  for (const resetFields of [undefined, [], ['status'], ['spec'], ['spec', 'metadata'], ['spec.containers', 'metadata.labels']]) {
    for (const subresource of [undefined, 'status']) {
      assert.ok(assertSame(pod, opts(real, 'io.k8s.api.core.v1.Pod', { resetFields, subresource })), 'the walk gave up');
      assert.ok(assertSame(pod, opts(fixtureModel, POD, { resetFields, subresource })), 'the walk gave up (fixture)');
    }
  }
});

test('other kinds, schemaless kinds and nothing left to own agree too', () => {
  const cases: [SchemaModel, string, KubeObject][] = [
    [real, 'io.k8s.api.core.v1.Service', { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80, targetPort: 'http' }, { port: 80, protocol: 'UDP' }], selector: { a: 'b' }, clusterIPs: ['10.0.0.1'] } }],
    [real, 'io.k8s.api.core.v1.Node', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' }, spec: { taints: [{ key: 'a', effect: 'NoSchedule' }] }, status: { addresses: [{ type: 'InternalIP', address: '1.2.3.4' }], capacity: { cpu: '2' }, conditions: [] } }],
    [real, 'io.k8s.api.core.v1.ConfigMap', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { 'z.yaml': '1', 'a.yaml': '2' }, binaryData: {} }],
    [real, 'io.k8s.api.apps.v1.Deployment', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { replicas: 1, selector: { matchLabels: { a: 'b' }, matchExpressions: [{ key: 'k', operator: 'In', values: ['x'] }] }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'n', image: 'i' }] } }, strategy: { rollingUpdate: { maxSurge: '25%' } } } }],
    [fixtureModel, DEPLOYMENT, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { replicas: 1 } }],
    [real, 'example.com.v1.Widget', { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', labels: { a: 'b' } }, spec: { a: { b: [1, { c: 2 }] }, n: null, e: {}, l: [] }, extra: 'x' }],
    [real, 'io.k8s.api.core.v1.Pod', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'only-identity', uid: 'u' } }],
    [real, 'io.k8s.api.core.v1.Pod', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'empty-spec' }, spec: {}, status: {} }],
  ];
  for (const [model, def, obj] of cases) {
    for (const resetFields of [undefined, ['status'], ['spec']]) assert.ok(assertSame(obj, opts(model, def, { resetFields })), `the walk gave up on ${def}`);
  }
});

test('big objects and lists (sorted and de-duplicated another way) agree too', () => {
  const labels = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${(i * 7919) % 40}`, String(i)]));
  const ports = Array.from({ length: 45 }, (_, i) => ({ containerPort: 9000 - ((i * 31) % 40), protocol: i % 3 ? 'TCP' : 'UDP', ...(i % 2 ? { name: `p${i}` } : { hostPort: i }) }));
  const env = Array.from({ length: 50 }, (_, i) => (i % 2 ? { name: `E${(i * 13) % 37}`, value: String(i) } : { name: `E${(i * 13) % 37}`, valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }));
  const big: KubeObject = {
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels },
    spec: { containers: [{ name: 'c', image: 'i', ports, env, args: Array.from({ length: 40 }, (_, i) => `--a${i}`) }] },
  };
  assert.ok(assertSame(big, opts(real, 'io.k8s.api.core.v1.Pod', { resetFields: ['status'] })), 'the walk gave up');
  assert.ok(assertSame(big, opts(fixtureModel, POD, { resetFields: ['status'] })), 'the walk gave up (fixture)');
});

test('odd shapes agree, whether the walk decides them or leaves them to the general path', () => {
  const odd: KubeObject[] = [
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: 'not-an-object' },
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: { name: 'not-a-list' } } },
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: ['not-an-object', { name: 'c' }, 'not-an-object'] } },
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: { constructor: 'x', toString: 'y' } } },
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, constructor: { a: 1 } } as unknown as KubeObject,
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { nodeSelector: {}, overhead: { cpu: 1 }, hostAliases: [{ ip: '1', hostnames: [] }] } },
    { apiVersion: ['v1'], kind: { k: 1 }, metadata: { name: 'p' } } as unknown as KubeObject,
  ];
  let decided = 0;
  for (const obj of odd) if (assertSame(obj, opts(real, 'io.k8s.api.core.v1.Pod', { resetFields: ['status'] }))) decided++;
  // A key a fresh {} answers through its prototype is compared as a leaf by the general path.
  const protoKeys: KubeObject = { apiVersion: 'x/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { constructor: { a: 1 }, toString: [1] } };
  assert.equal(assertSame(protoKeys, opts(real, 'none.Such')), false);
  assert.ok(decided >= 4, `the walk decided only ${decided} of ${odd.length}`);
});

test('randomly built objects agree (seeded)', () => {
  let seed = 7;
  const rnd = (n: number): number => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
  const names = ['name', 'image', 'a', 'b', 'containers', 'ports', 'env', 'labels', 'spec', 'status', 'key', 'value', 'containerPort', 'protocol', 'type'];
  const value = (depth: number): unknown => {
    switch (depth > 3 ? rnd(4) : rnd(8)) {
      case 0: return `s${rnd(3)}`;
      case 1: return rnd(100);
      case 2: return rnd(2) === 0;
      case 3: return rnd(4) === 0 ? null : 'x';
      case 4: case 5: {
        const o: Record<string, unknown> = {};
        for (let i = rnd(4); i > 0; i--) o[names[rnd(names.length)] ?? 'a'] = value(depth + 1);
        return o;
      }
      default: return Array.from({ length: rnd(4) }, () => value(depth + 1));
    }
  };
  const defs = ['io.k8s.api.core.v1.Pod', 'io.k8s.api.core.v1.Service', 'io.k8s.api.apps.v1.Deployment', 'io.k8s.api.core.v1.Node', 'none.Such'];
  let decided = 0;
  const rounds = 400;
  for (let i = 0; i < rounds; i++) {
    const obj: KubeObject = { apiVersion: 'v1', kind: 'X', metadata: { name: `o${i}`, labels: { a: `${rnd(3)}` } } };
    const spec = value(0);
    obj.spec = typeof spec === 'object' && spec !== null && rnd(3) > 0 ? { ...spec, containers: [value(1), { name: 'c', ports: [{ containerPort: rnd(3) }, value(2)] }] } : spec;
    if (rnd(2)) obj.status = value(0);
    if (assertSame(obj, opts(real, defs[rnd(defs.length)] ?? 'none.Such', { resetFields: rnd(2) ? ['status'] : ['spec'] }))) decided++;
  }
  assert.ok(decided > rounds / 2, `the walk decided only ${decided} of ${rounds}`);
});

test('a create that carries managedFields takes the general path and keeps them', () => {
  const sent: KubeObject = {
    ...pod,
    metadata: { ...pod.metadata, managedFields: [{ manager: 'other', operation: 'Update', apiVersion: 'v1', time: T, fieldsType: 'FieldsV1', fieldsV1: { 'f:metadata': { 'f:labels': { 'f:app': {} } } } }] },
  };
  const out = updateManagedFields(undefined, sent, opts(real, 'io.k8s.api.core.v1.Pod'));
  assert.deepEqual(out.metadata.managedFields?.map((m) => m.manager), ['creator']);
  const reset = updateManagedFields(undefined, { ...pod, metadata: { ...pod.metadata, managedFields: [{}] } }, opts(real, 'io.k8s.api.core.v1.Pod'));
  assert.equal(JSON.stringify(reset), JSON.stringify(updateManagedFieldsGeneral(undefined, pod, opts(real, 'io.k8s.api.core.v1.Pod'))));
});
