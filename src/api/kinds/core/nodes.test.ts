import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KubeObject } from '../../types.ts';
import { namespaces, nodeRoles, nodes, nodeStatus } from './nodes.ts';

function node(labels: Record<string, string>, conditions: unknown[], spec: Record<string, unknown> = {}): KubeObject {
  return {
    metadata: { name: 'n1', labels, creationTimestamp: '2024-01-01T00:00:00Z' },
    spec,
    status: {
      conditions,
      addresses: [{ type: 'Hostname', address: 'n1' }, { type: 'InternalIP', address: '192.168.1.5' }],
      nodeInfo: { kubeletVersion: 'v1.32.0', osImage: 'Debian GNU/Linux 12', kernelVersion: '6.1.0', containerRuntimeVersion: 'containerd://1.7' },
    },
  };
}

test('node STATUS: Ready, NotReady, Unknown, SchedulingDisabled', () => {
  assert.equal(nodeStatus(node({}, [{ type: 'Ready', status: 'True' }])), 'Ready');
  assert.equal(nodeStatus(node({}, [{ type: 'Ready', status: 'False' }])), 'NotReady');
  assert.equal(nodeStatus(node({}, [{ type: 'Ready', status: 'Unknown' }])), 'NotReady');
  assert.equal(nodeStatus(node({}, [])), 'Unknown');
  assert.equal(nodeStatus(node({}, [{ type: 'Ready', status: 'True' }], { unschedulable: true })), 'Ready,SchedulingDisabled');
});

test('node ROLES come from node-role labels and kubernetes.io/role, sorted', () => {
  assert.deepEqual(nodeRoles(node({ 'node-role.kubernetes.io/worker': '', 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/role': 'edge' }, [])), ['control-plane', 'edge', 'worker']);
  assert.deepEqual(nodeRoles(node({ 'node-role.kubernetes.io/': '' }, [])), []);
});

test('node rows carry version and the wide columns', () => {
  const now = Date.parse('2024-01-03T00:00:00Z');
  assert.deepEqual(nodes.row(node({}, [{ type: 'Ready', status: 'True' }]), now), [
    'n1', 'Ready', '<none>', '2d', 'v1.32.0', '192.168.1.5', '<none>', 'Debian GNU/Linux 12', '6.1.0', 'containerd://1.7',
  ]);
  const bare: KubeObject = { metadata: { name: 'n2' } };
  assert.deepEqual(nodes.row(bare, now).slice(7), ['<unknown>', '<unknown>', '<unknown>']);
});

test('namespaces start Active with the kubernetes finalizer and their name label', () => {
  const ns: KubeObject = { metadata: { name: 'team-a' } };
  const ctx = { list: () => [], serviceCIDR: '10.43.0.0/16', nodePortRange: [30000, 32767] as [number, number] };
  namespaces.defaults?.(ns);
  namespaces.prepareForCreate?.(ns, ctx);
  assert.deepEqual(ns.status, { phase: 'Active' });
  assert.deepEqual(ns.spec, { finalizers: ['kubernetes'] });
  assert.equal(ns.metadata.labels?.['kubernetes.io/metadata.name'], 'team-a');
  const upd: KubeObject = { metadata: { name: 'team-a' }, spec: { finalizers: [] }, status: { phase: 'Terminating' } };
  namespaces.prepareForUpdate?.(upd, ns, ctx);
  assert.deepEqual(upd.spec, { finalizers: ['kubernetes'] });
  assert.deepEqual(upd.status, { phase: 'Active' });
});
