import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isStatusError } from '../../api/errors.ts';
import type { KubeObject } from '../../api/types.ts';
import { FlowControl } from './config.ts';
import { mandatoryFlowSchemas, mandatoryPriorityLevels, suggestedFlowSchemas, suggestedPriorityLevels } from './defaults.ts';
import type { RequestDigest } from './match.ts';
import type { Queue } from './queueset.ts';

function bootstrapped(serverConcurrencyLimit = 600): FlowControl {
  const fc = new FlowControl({ serverConcurrencyLimit });
  fc.setConfiguration([...mandatoryFlowSchemas(), ...suggestedFlowSchemas()], [...mandatoryPriorityLevels(), ...suggestedPriorityLevels()]);
  return fc;
}

function req(user: string, groups: string[], verb: string, target: Partial<RequestDigest> = {}): RequestDigest {
  return {
    user, groups: [...groups, 'system:authenticated'], verb, isResourceRequest: true, apiGroup: '', resource: 'pods', subresource: '',
    namespace: 'default', path: '', ...target,
  };
}

const schemaOf = (fc: FlowControl, d: RequestDigest): string => fc.classify(d).flowSchema.name;

test('requests go to the first matching FlowSchema in upstream\'s suggested configuration', () => {
  const fc = bootstrapped();
  const node = ['system:nodes'];
  assert.equal(schemaOf(fc, req('admin', ['system:masters'], 'delete')), 'exempt');
  assert.equal(schemaOf(fc, req('system:node:n1', node, 'update', { apiGroup: 'coordination.k8s.io', resource: 'leases', namespace: 'kube-node-lease' })), 'system-node-high');
  assert.equal(schemaOf(fc, req('system:node:n1', node, 'patch', { resource: 'nodes', subresource: 'status', namespace: '' })), 'system-node-high');
  assert.equal(schemaOf(fc, req('system:node:n1', node, 'get', { resource: 'secrets' })), 'system-nodes');
  assert.equal(schemaOf(fc, req('system:kube-scheduler', [], 'update', { apiGroup: 'coordination.k8s.io', resource: 'leases', namespace: 'kube-system' })), 'system-leader-election');
  assert.equal(schemaOf(fc, req('system:kube-scheduler', [], 'create', { resource: 'pods', subresource: 'binding' })), 'kube-scheduler');
  assert.equal(schemaOf(fc, req('system:kube-controller-manager', [], 'update', { resource: 'endpoints' })), 'endpoint-controller');
  assert.equal(schemaOf(fc, req('system:kube-controller-manager', [], 'list', { apiGroup: 'apps', resource: 'deployments', namespace: '' })), 'kube-controller-manager');
  assert.equal(schemaOf(fc, req('system:serviceaccount:kube-system:foo', ['system:serviceaccounts'], 'get', { resource: 'configmaps', namespace: 'kube-system' })), 'system-leader-election');
  assert.equal(schemaOf(fc, req('system:serviceaccount:kube-system:foo', ['system:serviceaccounts'], 'update', { apiGroup: 'coordination.k8s.io', resource: 'leases', namespace: 'team' })), 'system-leader-election');
  assert.equal(schemaOf(fc, req('system:serviceaccount:kube-system:foo', ['system:serviceaccounts'], 'get', { resource: 'configmaps', namespace: 'team' })), 'workload-leader-election');
  assert.equal(schemaOf(fc, req('system:serviceaccount:kube-system:foo', ['system:serviceaccounts'], 'list')), 'kube-system-service-accounts');
  assert.equal(schemaOf(fc, req('system:serviceaccount:team:app', ['system:serviceaccounts'], 'list')), 'service-accounts');
  assert.equal(schemaOf(fc, req('alice', [], 'list')), 'global-default');
  const probe: RequestDigest = { ...req('system:anonymous', ['system:unauthenticated'], 'get'), groups: ['system:unauthenticated'], isResourceRequest: false, path: '/readyz' };
  assert.equal(schemaOf(fc, probe), 'probes');
  assert.equal(schemaOf(fc, { ...probe, path: '/readyz/etcd' }), 'probes');
  assert.equal(schemaOf(fc, { ...probe, path: '/version' }), 'global-default');
});

test('ties in matchingPrecedence go by name; a schema whose level is missing never matches', () => {
  const fc = new FlowControl({ serverConcurrencyLimit: 100 });
  const fs = (name: string, pl: string, precedence: number): KubeObject => ({
    apiVersion: 'flowcontrol.apiserver.k8s.io/v1', kind: 'FlowSchema', metadata: { name, uid: `uid-${name}` },
    spec: { priorityLevelConfiguration: { name: pl }, matchingPrecedence: precedence, distinguisherMethod: { type: 'ByUser' },
      rules: [{ subjects: [{ kind: 'User', user: { name: 'alice' } }], resourceRules: [{ verbs: ['get'], apiGroups: ['*'], resources: ['pods'], namespaces: ['*'] }] }] },
  });
  const pl: KubeObject = { apiVersion: 'flowcontrol.apiserver.k8s.io/v1', kind: 'PriorityLevelConfiguration', metadata: { name: 'mine', uid: 'pl-uid' },
    spec: { type: 'Limited', limited: { nominalConcurrencyShares: 5, limitResponse: { type: 'Reject' } } } };
  fc.setConfiguration([fs('b', 'mine', 500), fs('a', 'mine', 500), fs('0-dangling', 'nope', 10)], [pl]);
  const c = fc.classify(req('alice', [], 'get'));
  assert.equal(c.flowSchema.name, 'a');
  assert.equal(c.flowSchema.uid, 'uid-a');
  assert.equal(c.level.uid, 'pl-uid');
  // Not matched by a: verb, namespace scope, subresource; then only the mandatory catch-all is left.
  assert.equal(schemaOf(fc, req('alice', [], 'list')), 'catch-all');
  assert.equal(schemaOf(fc, req('alice', [], 'get', { subresource: 'log' })), 'catch-all');
  assert.equal(schemaOf(fc, req('alice', [], 'get', { namespace: '' })), 'catch-all');
  assert.equal(schemaOf(fc, req('bob', [], 'get')), 'catch-all');
  assert.equal(schemaOf(fc, req('bob', ['system:masters'], 'get')), 'exempt');
});

test('nominal concurrency limits divide the server limit by shares', () => {
  const fc = bootstrapped(600);
  // shares: catch-all 5, system 30, node-high 40, leader-election 10, workload-high 40, workload-low 100, global-default 20 = 245
  assert.equal(fc.level('node-high')?.queueSet?.concurrencyLimit, Math.ceil((600 * 40) / 245));
  assert.equal(fc.level('workload-low')?.queueSet?.concurrencyLimit, Math.ceil((600 * 100) / 245));
  assert.equal(fc.level('catch-all')?.queueSet?.concurrencyLimit, Math.ceil((600 * 5) / 245));
  assert.equal(fc.level('exempt')?.queueSet, undefined);
});

test('node lease renewals get through while workload-low is saturated; exempt requests are never held', async () => {
  const fc = bootstrapped(245); // one seat per share: workload-low 100, node-high 40
  const low = fc.level('workload-low')?.queueSet;
  assert.ok(low);
  const held: Queue[] = [];
  for (let i = 0; i < 100; i++) {
    const c = fc.classify(req(`system:serviceaccount:team:sa${i}`, ['system:serviceaccounts'], 'list'));
    assert.equal(c.level.name, 'workload-low');
    const q = c.level.queueSet?.admit(c.hash);
    assert.ok(q && !(q instanceof Promise));
    held.push(q);
  }
  const extra = fc.classify(req('system:serviceaccount:team:sa0', ['system:serviceaccounts'], 'list'));
  const waiting = extra.level.queueSet?.admit(extra.hash);
  assert.ok(waiting instanceof Promise, 'workload-low is saturated: the next request waits');
  const lease = fc.classify(req('system:node:n1', ['system:nodes'], 'update', { apiGroup: 'coordination.k8s.io', resource: 'leases', namespace: 'kube-node-lease' }));
  assert.equal(lease.level.name, 'node-high');
  assert.ok(!(lease.level.queueSet?.admit(lease.hash) instanceof Promise), 'the lease renewal starts at once');
  const admin = fc.classify(req('admin', ['system:masters'], 'list'));
  assert.equal(admin.level.exempt, true);
  assert.equal(admin.level.queueSet, undefined);
  low.finish(held[0] as Queue, low.clock());
  assert.ok(await waiting);
});

test('a configuration change keeps queued requests and applies the new limit', async () => {
  const pl = (shares: number): KubeObject => ({ apiVersion: 'flowcontrol.apiserver.k8s.io/v1', kind: 'PriorityLevelConfiguration', metadata: { name: 'tiny' },
    spec: { type: 'Limited', limited: { nominalConcurrencyShares: shares, limitResponse: { type: 'Queue', queuing: { queues: 4, handSize: 2, queueLengthLimit: 5 } } } } });
  const fs: KubeObject = { apiVersion: 'flowcontrol.apiserver.k8s.io/v1', kind: 'FlowSchema', metadata: { name: 'tiny' },
    spec: { priorityLevelConfiguration: { name: 'tiny' }, matchingPrecedence: 100, rules: [{ subjects: [{ kind: 'Group', group: { name: '*' } }], resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'], clusterScope: true, namespaces: ['*'] }] }] } };
  const fc = new FlowControl({ serverConcurrencyLimit: 2 });
  // catch-all has 5 shares: tiny with 5 gets ceil(2*5/10) = 1 seat, with 15 ceil(2*15/20) = 2.
  fc.setConfiguration([fs], [pl(5)]);
  const c = fc.classify(req('alice', [], 'get'));
  const level = c.level;
  assert.equal(level.queueSet?.concurrencyLimit, 1);
  level.queueSet?.admit(c.hash);
  const queued = level.queueSet?.admit(c.hash);
  assert.ok(queued instanceof Promise);
  fc.setConfiguration([fs], [pl(15)]);
  assert.equal(fc.level('tiny'), level, 'the same level object lives on');
  assert.equal(level.queueSet?.concurrencyLimit, 2);
  assert.ok(await queued, 'the queued request got the new seat');
  // Removing the level: new requests fall to catch-all (Reject when full).
  fc.setConfiguration([], []);
  assert.equal(fc.classify(req('alice', [], 'get')).flowSchema.name, 'catch-all');
  const ca = fc.classify(req('alice', [], 'get')).level.queueSet;
  assert.ok(ca);
  for (let i = 0; i < ca.concurrencyLimit; i++) ca.admit(1);
  assert.throws(() => ca.admit(1), (err: unknown) => isStatusError(err) && err.code === 429);
});
