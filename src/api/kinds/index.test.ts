import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ALL_VERBS, groupVersion } from '../registry.ts';
import type { KubeObject } from '../types.ts';
import { builtinRegistry } from './index.ts';
import { fixtures } from './testdata/fixtures.ts';

// plural → [kind, shortNames, namespaced] as upstream serves them
const EXPECTED: Record<string, [string, string, string[], boolean]> = {
  'v1/namespaces': ['Namespace', 'namespace', ['ns'], false],
  'v1/pods': ['Pod', 'pod', ['po'], true],
  'v1/nodes': ['Node', 'node', ['no'], false],
  'v1/services': ['Service', 'service', ['svc'], true],
  'v1/endpoints': ['Endpoints', 'endpoints', ['ep'], true],
  'v1/configmaps': ['ConfigMap', 'configmap', ['cm'], true],
  'v1/secrets': ['Secret', 'secret', [], true],
  'v1/serviceaccounts': ['ServiceAccount', 'serviceaccount', ['sa'], true],
  'v1/events': ['Event', 'event', ['ev'], true],
  'v1/replicationcontrollers': ['ReplicationController', 'replicationcontroller', ['rc'], true],
  'v1/resourcequotas': ['ResourceQuota', 'resourcequota', ['quota'], true],
  'v1/limitranges': ['LimitRange', 'limitrange', ['limits'], true],
  'v1/persistentvolumes': ['PersistentVolume', 'persistentvolume', ['pv'], false],
  'v1/persistentvolumeclaims': ['PersistentVolumeClaim', 'persistentvolumeclaim', ['pvc'], true],
  'v1/podtemplates': ['PodTemplate', 'podtemplate', [], true],
  'v1/bindings': ['Binding', 'binding', [], true],
  'v1/componentstatuses': ['ComponentStatus', 'componentstatus', ['cs'], false],
  'apps/v1/deployments': ['Deployment', 'deployment', ['deploy'], true],
  'apps/v1/replicasets': ['ReplicaSet', 'replicaset', ['rs'], true],
  'apps/v1/daemonsets': ['DaemonSet', 'daemonset', ['ds'], true],
  'apps/v1/statefulsets': ['StatefulSet', 'statefulset', ['sts'], true],
  'apps/v1/controllerrevisions': ['ControllerRevision', 'controllerrevision', [], true],
  'batch/v1/jobs': ['Job', 'job', [], true],
  'batch/v1/cronjobs': ['CronJob', 'cronjob', ['cj'], true],
  'autoscaling/v1/horizontalpodautoscalers': ['HorizontalPodAutoscaler', 'horizontalpodautoscaler', ['hpa'], true],
  'autoscaling/v2/horizontalpodautoscalers': ['HorizontalPodAutoscaler', 'horizontalpodautoscaler', ['hpa'], true],
  'coordination.k8s.io/v1/leases': ['Lease', 'lease', [], true],
  'discovery.k8s.io/v1/endpointslices': ['EndpointSlice', 'endpointslice', [], true],
  'networking.k8s.io/v1/ingresses': ['Ingress', 'ingress', ['ing'], true],
  'networking.k8s.io/v1/ingressclasses': ['IngressClass', 'ingressclass', [], false],
  'networking.k8s.io/v1/networkpolicies': ['NetworkPolicy', 'networkpolicy', ['netpol'], true],
  'policy/v1/poddisruptionbudgets': ['PodDisruptionBudget', 'poddisruptionbudget', ['pdb'], true],
  'scheduling.k8s.io/v1/priorityclasses': ['PriorityClass', 'priorityclass', ['pc'], false],
  'flowcontrol.apiserver.k8s.io/v1/flowschemas': ['FlowSchema', 'flowschema', [], false],
  'flowcontrol.apiserver.k8s.io/v1/prioritylevelconfigurations': ['PriorityLevelConfiguration', 'prioritylevelconfiguration', [], false],
  'events.k8s.io/v1/events': ['Event', 'event', ['ev'], true],
  'storage.k8s.io/v1/storageclasses': ['StorageClass', 'storageclass', ['sc'], false],
  'authentication.k8s.io/v1/tokenreviews': ['TokenReview', 'tokenreview', [], false],
  'authentication.k8s.io/v1/selfsubjectreviews': ['SelfSubjectReview', 'selfsubjectreview', [], false],
  'authentication.k8s.io/v1beta1/selfsubjectreviews': ['SelfSubjectReview', 'selfsubjectreview', [], false],
  'authorization.k8s.io/v1/localsubjectaccessreviews': ['LocalSubjectAccessReview', 'localsubjectaccessreview', [], true],
  'authorization.k8s.io/v1/selfsubjectaccessreviews': ['SelfSubjectAccessReview', 'selfsubjectaccessreview', [], false],
  'authorization.k8s.io/v1/selfsubjectrulesreviews': ['SelfSubjectRulesReview', 'selfsubjectrulesreview', [], false],
  'authorization.k8s.io/v1/subjectaccessreviews': ['SubjectAccessReview', 'subjectaccessreview', [], false],
  'rbac.authorization.k8s.io/v1/clusterrolebindings': ['ClusterRoleBinding', 'clusterrolebinding', [], false],
  'rbac.authorization.k8s.io/v1/clusterroles': ['ClusterRole', 'clusterrole', [], false],
  'rbac.authorization.k8s.io/v1/rolebindings': ['RoleBinding', 'rolebinding', [], true],
  'rbac.authorization.k8s.io/v1/roles': ['Role', 'role', [], true],
};

const ALL_CATEGORY = new Set([
  'v1/pods', 'v1/services', 'v1/replicationcontrollers', 'apps/v1/deployments', 'apps/v1/replicasets', 'apps/v1/statefulsets',
  'apps/v1/daemonsets', 'batch/v1/jobs', 'batch/v1/cronjobs', 'autoscaling/v1/horizontalpodautoscalers', 'autoscaling/v2/horizontalpodautoscalers',
]);

test('every built-in kind is registered with upstream names, scope, short names and categories', () => {
  const r = builtinRegistry();
  assert.equal(r.types.length, Object.keys(EXPECTED).length);
  for (const [path, [kind, singular, shortNames, namespaced]] of Object.entries(EXPECTED)) {
    const parts = path.split('/');
    const resource = parts.pop() ?? '';
    const version = parts.pop() ?? '';
    const group = parts.pop() ?? '';
    const t = r.lookup(group, version, resource);
    assert.ok(t, `${path} registered`);
    assert.equal(t.kind, kind, path);
    assert.equal(t.singular, singular, path);
    assert.deepEqual(t.shortNames ?? [], shortNames, path);
    assert.equal(t.namespaced, namespaced, path);
    assert.deepEqual(t.categories ?? [], ALL_CATEGORY.has(path) ? ['all'] : [], path);
    assert.equal(r.lookupKind(groupVersion(t), kind), t);
  }
});

test('group versions are served in upstream discovery order', () => {
  assert.deepEqual([...builtinRegistry().groupVersions().keys()], [
    'v1', 'apps/v1', 'events.k8s.io/v1', 'authentication.k8s.io/v1', 'authentication.k8s.io/v1beta1', 'authorization.k8s.io/v1',
    'autoscaling/v2', 'autoscaling/v1', 'batch/v1', 'networking.k8s.io/v1', 'policy/v1', 'rbac.authorization.k8s.io/v1',
    'storage.k8s.io/v1', 'scheduling.k8s.io/v1', 'coordination.k8s.io/v1', 'discovery.k8s.io/v1',
    'flowcontrol.apiserver.k8s.io/v1',
  ]);
});

test('verbs and subresources match upstream', () => {
  const r = builtinRegistry();
  assert.deepEqual(r.lookup('', 'v1', 'bindings')?.verbs, ['create']);
  assert.deepEqual(r.lookup('', 'v1', 'componentstatuses')?.verbs, ['get', 'list']);
  assert.equal(r.lookup('', 'v1', 'pods')?.verbs ?? ALL_VERBS, ALL_VERBS);
  const pods = r.lookup('', 'v1', 'pods')?.subresources;
  assert.equal(pods?.status, true);
  assert.deepEqual(pods?.other, ['binding', 'eviction', 'log', 'exec', 'attach', 'portforward', 'proxy', 'ephemeralcontainers']);
  for (const p of ['v1/replicationcontrollers', 'apps/v1/deployments', 'apps/v1/replicasets', 'apps/v1/statefulsets']) {
    const [g, v, res] = p.split('/').length === 2 ? ['', ...p.split('/')] : p.split('/');
    assert.ok(r.lookup(g ?? '', v ?? '', res ?? '')?.subresources?.scale, `${p} has scale`);
  }
  assert.deepEqual(r.lookup('', 'v1', 'serviceaccounts')?.subresources?.other, ['token']);
});

test('converted versions name a registered storage form', () => {
  const r = builtinRegistry();
  const hpaV1 = r.lookup('autoscaling', 'v1', 'horizontalpodautoscalers');
  assert.ok(hpaV1);
  assert.equal(r.storageTypeOf(hpaV1), r.lookup('autoscaling', 'v2', 'horizontalpodautoscalers'));
  const ev = r.lookup('events.k8s.io', 'v1', 'events');
  assert.ok(ev);
  assert.equal(r.storageTypeOf(ev), r.lookup('', 'v1', 'events'));
});

test('every row has one cell per column, Name first (last and wide for events)', () => {
  const r = builtinRegistry();
  const now = Date.parse('2024-06-01T00:00:00Z');
  for (const t of r.types) {
    const key = `${groupVersion(t)}/${t.resource}`;
    const fixture: KubeObject | undefined = fixtures[key];
    assert.ok(fixture, `fixture for ${key}`);
    const row = t.row(structuredClone(fixture), now);
    assert.equal(row.length, t.columns.length, key);
    assert.ok(row.every((c) => c !== undefined), `${key}: no undefined cells`);
    const name = t.columns.find((c) => c.name === 'Name');
    assert.ok(name && name.format === 'name', `${key} has a Name column`);
    assert.equal(t.columns.indexOf(name), t.kind === 'Event' ? t.columns.length - 1 : 0, `${key} Name position`);
    assert.equal(row[t.columns.indexOf(name)], fixture.metadata.name, `${key} name cell`);
    for (const c of t.columns) assert.ok(c.description.length > 0, `${key}/${c.name} described`);
    // Rows must not fail on an object with nothing but metadata.
    assert.equal(t.row({ metadata: { name: 'bare' } }, now).length, t.columns.length, `${key} bare`);
  }
});

test('defaults and create preparation run on every fixture without throwing', () => {
  const r = builtinRegistry();
  const ctx = { list: () => [], serviceCIDR: '10.43.0.0/16', nodePortRange: [30000, 32767] as [number, number] };
  for (const t of r.types) {
    const o = structuredClone(fixtures[`${groupVersion(t)}/${t.resource}`] as KubeObject);
    t.defaults?.(o);
    t.prepareForCreate?.(o, ctx);
    const again = structuredClone(o);
    t.defaults?.(again);
    assert.deepEqual(again, o, `${t.resource}: defaulting is idempotent`);
  }
});
