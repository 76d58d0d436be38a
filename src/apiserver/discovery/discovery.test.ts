import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Discovery, storageVersionHash } from './index.ts';
import { testRegistry } from './test-registry.ts';

const V2 = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';
const V2BETA1 = 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList';

interface Res { name: string; kind: string; verbs: string[]; group?: string; version?: string; namespaced: boolean; storageVersionHash?: string; shortNames?: string[]; singularName: string }

function body<T>(r: { body: Buffer } | undefined): T {
  assert.ok(r);
  return JSON.parse(r.body.toString()) as T;
}

test('storageVersionHash matches upstream for core pods', () => {
  // The value a real apiserver reports for pods.
  assert.equal(storageVersionHash('', 'v1', 'Pod'), 'xPOwRZ+Yhw8=');
});

test('/api lists v1 with the server address', () => {
  const d = new Discovery(testRegistry());
  const r = d.handle({ path: '/api', accept: 'application/json', host: '127.0.0.1:6443' });
  assert.equal(r?.headers['Content-Type'], 'application/json');
  assert.deepEqual(body(r), { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:6443' }] });
});

test('/apis lists groups with preferred versions, autoscaling preferring v2', () => {
  const d = new Discovery(testRegistry());
  const list = body<{ kind: string; groups: { name: string; versions: { groupVersion: string }[]; preferredVersion: { version: string } }[] }>(d.handle({ path: '/apis', accept: '' }));
  assert.equal(list.kind, 'APIGroupList');
  assert.deepEqual(list.groups.map((g) => g.name), ['apps', 'autoscaling', 'rbac.authorization.k8s.io']);
  const as = list.groups[1];
  assert.equal(as?.preferredVersion.version, 'v2');
  assert.deepEqual(as?.versions.map((v) => v.groupVersion), ['autoscaling/v2', 'autoscaling/v1']);
  const g = body<{ kind: string; name: string }>(d.handle({ path: '/apis/apps', accept: '' }));
  assert.deepEqual([g.kind, g.name], ['APIGroup', 'apps']);
  assert.equal(d.handle({ path: '/apis/example.com', accept: '' }), undefined);
  assert.equal(d.handle({ path: '/apis/nope/v1', accept: '' }), undefined);
});

test('/api/v1 lists resources and subresources as upstream', () => {
  const d = new Discovery(testRegistry());
  const list = body<{ kind: string; groupVersion: string; resources: Res[] }>(d.handle({ path: '/api/v1', accept: 'application/json' }));
  assert.equal(list.kind, 'APIResourceList');
  assert.equal(list.groupVersion, 'v1');
  const by = new Map(list.resources.map((r) => [r.name, r]));
  const pods = by.get('pods');
  assert.deepEqual(pods, {
    name: 'pods', singularName: 'pod', namespaced: true, kind: 'Pod',
    verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
    shortNames: ['po'], categories: ['all'], storageVersionHash: 'xPOwRZ+Yhw8=',
  });
  assert.deepEqual(by.get('pods/status'), { name: 'pods/status', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get', 'patch', 'update'] });
  assert.deepEqual(by.get('pods/log')?.verbs, ['get']);
  assert.equal(by.get('pods/exec')?.kind, 'PodExecOptions');
  assert.equal(by.get('pods/binding')?.kind, 'Binding');
  const ev = by.get('pods/eviction');
  assert.deepEqual([ev?.group, ev?.version, ev?.kind], ['policy', 'v1', 'Eviction']);
  const tok = by.get('serviceaccounts/token');
  assert.deepEqual([tok?.group, tok?.version, tok?.kind, tok?.verbs], ['authentication.k8s.io', 'v1', 'TokenRequest', ['create']]);
  assert.equal(by.get('namespaces')?.namespaced, false);
  assert.deepEqual(list.resources.map((r) => r.name).slice(0, 3), ['namespaces', 'namespaces/finalize', 'namespaces/status']);
});

test('/apis/apps/v1 has deployments/scale as autoscaling/v1 Scale', () => {
  const d = new Discovery(testRegistry());
  const list = body<{ groupVersion: string; resources: Res[] }>(d.handle({ path: '/apis/apps/v1/', accept: 'application/json' }));
  assert.equal(list.groupVersion, 'apps/v1');
  const scale = list.resources.find((r) => r.name === 'deployments/scale');
  assert.deepEqual(scale, { name: 'deployments/scale', singularName: '', namespaced: true, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] });
  const hpa = body<{ resources: Res[] }>(d.handle({ path: '/apis/autoscaling/v1', accept: '' })).resources[0];
  assert.equal(hpa?.storageVersionHash, storageVersionHash('autoscaling', 'v2', 'HorizontalPodAutoscaler'));
});

interface AggList {
  kind: string; apiVersion: string;
  items: { metadata: { name?: string }; versions: { version: string; freshness: string; resources: {
    resource: string; scope: string; singularResource: string; responseKind: { group: string; version: string; kind: string };
    verbs: string[]; shortNames?: string[]; subresources?: { subresource: string; responseKind: { group: string; version: string; kind: string }; verbs: string[] }[];
  }[] }[] }[];
}

test('aggregated discovery v2 for /apis, with the profile echoed and an ETag', () => {
  const d = new Discovery(testRegistry());
  const r = d.handle({ path: '/apis', accept: `${V2},${V2BETA1},application/json` });
  assert.equal(r?.headers['Content-Type'], V2);
  assert.match(r?.headers.ETag ?? '', /^".+"$/);
  const list = body<AggList>(r);
  assert.equal(list.kind, 'APIGroupDiscoveryList');
  assert.equal(list.apiVersion, 'apidiscovery.k8s.io/v2');
  assert.deepEqual(list.items.map((i) => i.metadata.name), ['apps', 'autoscaling', 'rbac.authorization.k8s.io']);
  assert.deepEqual(list.items[1]?.versions.map((v) => v.version), ['v2', 'v1']);
  const deploy = list.items[0]?.versions[0]?.resources[0];
  assert.equal(deploy?.resource, 'deployments');
  assert.equal(deploy?.scope, 'Namespaced');
  assert.equal(deploy?.singularResource, 'deployment');
  assert.deepEqual(deploy?.responseKind, { group: 'apps', version: 'v1', kind: 'Deployment' });
  assert.deepEqual(deploy?.subresources?.map((s) => [s.subresource, s.responseKind.kind]), [['scale', 'Scale'], ['status', 'Deployment']]);
  assert.equal(list.items[2]?.versions[0]?.resources[0]?.scope, 'Cluster');
  assert.equal(list.items[0]?.versions[0]?.freshness, 'Current');

  const again = d.handle({ path: '/apis', accept: V2, ifNoneMatch: r?.headers.ETag ?? '' });
  assert.equal(again?.status, 304);
  assert.equal(again?.body.length, 0);
  assert.equal(d.handle({ path: '/apis', accept: V2, ifNoneMatch: '"other"' })?.status, 200);
});

test('aggregated discovery v2beta1 for /api (kubectl 1.27)', () => {
  const d = new Discovery(testRegistry());
  const r = d.handle({ path: '/api', accept: `${V2BETA1},application/json` });
  assert.equal(r?.headers['Content-Type'], V2BETA1);
  const list = body<AggList>(r);
  assert.equal(list.apiVersion, 'apidiscovery.k8s.io/v2beta1');
  assert.equal(list.items.length, 1);
  assert.equal(list.items[0]?.metadata.name, undefined);
  const resources = list.items[0]?.versions[0]?.resources ?? [];
  assert.deepEqual(resources.map((x) => x.resource), ['namespaces', 'pods', 'serviceaccounts']);
  const pods = resources[1];
  assert.deepEqual(pods?.shortNames, ['po']);
  assert.deepEqual(pods?.subresources?.map((s) => s.subresource), ['binding', 'eviction', 'exec', 'log', 'status']);
  assert.deepEqual(pods?.subresources?.[1]?.responseKind, { group: 'policy', version: 'v1', kind: 'Eviction' });
});

test('falls back to plain JSON when the aggregated profile is not acceptable or comes second', () => {
  const d = new Discovery(testRegistry());
  const plainFirst = d.handle({ path: '/apis', accept: `application/json,${V2}` });
  assert.equal(plainFirst?.headers['Content-Type'], 'application/json');
  assert.equal(body<{ kind: string }>(plainFirst).kind, 'APIGroupList');
  const unknownProfile = d.handle({ path: '/apis', accept: 'application/json;g=apidiscovery.k8s.io;v=v9;as=APIGroupDiscoveryList' });
  assert.equal(body<{ kind: string }>(unknownProfile).kind, 'APIGroupList');
  assert.equal(d.handle({ path: '/apis/apps/v1/deployments', accept: '' }), undefined);
  assert.equal(d.handle({ path: '/healthz', accept: '' }), undefined);
});
