import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newPodInfo } from '../framework/types.ts';
import { makeNode, makePod } from '../testing/fixtures.ts';
import { SchedulerCache } from './cache.ts';
import { Snapshot } from './snapshot.ts';

test('assumed pods count at once, are confirmed by the watch, forgotten on failure and expire', () => {
  const now = { t: 0 };
  const c = new SchedulerCache({ assumedPodTTLMs: 100, now: () => now.t });
  c.addNode(makeNode('n', { cpu: '2' }));
  const p = makePod('p', {}, { requests: { cpu: '1' }, nodeName: 'n' });
  c.assumePod(newPodInfo(p));
  assert.equal(c.nodes.get('n')?.requested.milliCPU, 1000);
  assert.equal(c.isAssumed('default/p'), true);
  c.addPod(p);
  assert.equal(c.isAssumed('default/p'), false);
  assert.equal(c.nodes.get('n')?.pods.length, 1);

  const q = makePod('q', {}, { requests: { cpu: '1' }, nodeName: 'n' });
  c.assumePod(newPodInfo(q));
  c.forgetPod('default/q');
  assert.equal(c.nodes.get('n')?.requested.milliCPU, 1000);

  c.assumePod(newPodInfo(q));
  c.finishBinding('default/q');
  now.t = 99;
  assert.deepEqual(c.cleanupExpiredAssumedPods(), []);
  now.t = 100;
  assert.deepEqual(c.cleanupExpiredAssumedPods(), ['default/q']);
  assert.equal(c.nodes.get('n')?.requested.milliCPU, 1000);
  c.removePod(p);
  assert.equal(c.nodes.get('n')?.pods.length, 0);
});

test('the snapshot interleaves zones, tracks affinity pods and image spread', () => {
  const c = new SchedulerCache();
  const z = (name: string, zone: string) => makeNode(name, { labels: { 'topology.kubernetes.io/zone': zone }, images: [{ names: ['img:1'], sizeBytes: 10 }] });
  for (const n of [z('a1', 'a'), z('a2', 'a'), z('b1', 'b'), z('b2', 'b')]) c.addNode(n);
  const s = new Snapshot();
  s.update(c);
  assert.deepEqual(s.list().map((n) => n.name), ['a1', 'b1', 'a2', 'b2']);
  assert.equal(s.get('a1')?.imageStates.get('img:1')?.summary.numNodes, 4);
  c.addPod(makePod('x', { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'k', labelSelector: {} }] } } }, { nodeName: 'b2' }));
  s.update(c);
  assert.deepEqual(s.havePodsWithRequiredAntiAffinityList().map((n) => n.name), ['b2']);
  c.removeNode(makeNode('a1'));
  s.update(c);
  assert.equal(s.list().length, 3);
  assert.equal(s.get('a2')?.imageStates.get('img:1')?.summary.numNodes, 3);
});
