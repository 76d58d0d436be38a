import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CycleState } from '../../framework/interface.ts';
import { podRequests } from '../../framework/resource.ts';
import { makeNode, makePod, testEnv } from '../../testing/fixtures.ts';
import { NodeResourcesBalancedAllocation } from './balanced_allocation.ts';
import { NodeResourcesFit } from './fit.ts';

test('filter reports every insufficient resource and too many pods, as upstream words them', () => {
  const env = testEnv([makeNode('n', { cpu: '1', memory: '1Gi', pods: '1', extra: { 'example.com/gpu': '1' } })]);
  env.addPods(makePod('existing', {}, { nodeName: 'n', requests: { cpu: '500m' } }));
  const fit = new NodeResourcesFit();
  const ni = env.snapshot.get('n');
  assert.ok(ni);
  const st = fit.filter(new CycleState(), env.pi(makePod('p', {}, { requests: { cpu: '600m', memory: '2Gi', 'example.com/gpu': '2' } })), ni);
  assert.deepEqual(st?.reasons, ['Too many pods', 'Insufficient cpu', 'Insufficient memory', 'Insufficient example.com/gpu']);
  assert.equal(st?.codeName(), 'Unschedulable');
  const ok = testEnv([makeNode('m', { cpu: '1' })]);
  assert.equal(fit.filter(new CycleState(), ok.pi(makePod('p', {}, { requests: { cpu: '1' } })), ok.snapshot.get('m') ?? assert.fail()), undefined);
});

test('pod requests take the larger of containers and init containers, plus sidecars and overhead', () => {
  const r = podRequests(makePod('p', {
    containers: [{ name: 'a', resources: { requests: { cpu: '100m' } } }, { name: 'b', resources: { requests: { cpu: '200m' } } }],
    initContainers: [{ name: 'i', resources: { requests: { cpu: '1', memory: '1Gi' } } }, { name: 's', restartPolicy: 'Always', resources: { requests: { cpu: '50m' } } }],
    overhead: { cpu: '10m' },
  }));
  assert.equal(r.milliCPU, 1010);
  assert.equal(r.memory, 1024 ** 3);
  // A sidecar started before an init container adds to it.
  const r2 = podRequests(makePod('p', {
    containers: [{ name: 'a', resources: { requests: { cpu: '100m' } } }],
    initContainers: [{ name: 's', restartPolicy: 'Always', resources: { requests: { cpu: '500m' } } }, { name: 'i', resources: { requests: { cpu: '1' } } }],
  }));
  assert.equal(r2.milliCPU, 1500);
});

test('LeastAllocated prefers emptier nodes, MostAllocated fuller ones, with non-zero defaults', () => {
  const env = testEnv([makeNode('a', { cpu: '4', memory: '4Gi' }), makeNode('b', { cpu: '4', memory: '4Gi' })]);
  env.addPods(makePod('x', {}, { nodeName: 'a', requests: { cpu: '2', memory: '2Gi' } }));
  const p = env.pi(makePod('p', {}, { requests: { cpu: '1', memory: '1Gi' } }));
  const a = env.snapshot.get('a') ?? assert.fail();
  const b = env.snapshot.get('b') ?? assert.fail();
  const least = new NodeResourcesFit();
  assert.equal(least.score(new CycleState(), p, a), 25);
  assert.equal(least.score(new CycleState(), p, b), 75);
  const most = new NodeResourcesFit({ scoringStrategy: { type: 'MostAllocated' } });
  assert.equal(most.score(new CycleState(), p, a), 75);
  // A pod without requests counts 100m cpu and 200Mi memory when scoring.
  const empty = env.pi(makePod('e'));
  assert.equal(least.score(new CycleState(), empty, b), Math.trunc((Math.trunc((3900 * 100) / 4000) + Math.trunc(((4096 - 200) * 100) / 4096)) / 2));
});

test('RequestedToCapacityRatio follows the shape', () => {
  const env = testEnv([makeNode('a', { cpu: '10', memory: '10Gi' })]);
  const fit = new NodeResourcesFit({ scoringStrategy: { type: 'RequestedToCapacityRatio', requestedToCapacityRatio: { shape: [{ utilization: 0, score: 0 }, { utilization: 100, score: 10 }] } } });
  const p = env.pi(makePod('p', {}, { requests: { cpu: '5', memory: '5Gi' } }));
  assert.equal(fit.score(new CycleState(), p, env.snapshot.get('a') ?? assert.fail()), 50);
});

test('balanced allocation scores 100 for equal fractions and less as they diverge', () => {
  const env = testEnv([makeNode('a', { cpu: '4', memory: '4Gi' })]);
  const ba = new NodeResourcesBalancedAllocation();
  const a = env.snapshot.get('a') ?? assert.fail();
  assert.equal(ba.score(new CycleState(), env.pi(makePod('p', {}, { requests: { cpu: '2', memory: '2Gi' } })), a), 100);
  assert.equal(ba.score(new CycleState(), env.pi(makePod('p', {}, { requests: { cpu: '4', memory: '0' } })), a), 50);
});
