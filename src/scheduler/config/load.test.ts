import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Framework } from '../framework/runtime.ts';
import { inTreeRegistry } from '../plugins/registry.ts';
import { makeNode, testEnv } from '../testing/fixtures.ts';
import { durationMs, parseConfig, profilesOf } from './load.ts';

const yaml = `apiVersion: kubescheduler.config.k8s.io/v1
kind: KubeSchedulerConfiguration
percentageOfNodesToScore: 20
profiles:
  - schedulerName: default-scheduler
  - schedulerName: bin-packer
    plugins:
      score:
        disabled:
          - name: NodeResourcesBalancedAllocation
        enabled:
          - name: NodeResourcesFit
            weight: 5
      multiPoint:
        disabled:
          - name: ImageLocality
    pluginConfig:
      - name: NodeResourcesFit
        args:
          scoringStrategy:
            type: MostAllocated
`;

test('profiles resolve plugins per extension point with weights, disabled sets and args', () => {
  const cfg = parseConfig(yaml);
  assert.equal(cfg.percentageOfNodesToScore, 20);
  const [def, packer] = profilesOf(cfg);
  const env = testEnv([makeNode('n')]);
  const d = new Framework(def ?? assert.fail(), inTreeRegistry(), env.handle);
  assert.deepEqual(d.filter.map((p) => p.name), ['NodeUnschedulable', 'NodeName', 'TaintToleration', 'NodeAffinity', 'NodePorts', 'NodeResourcesFit', 'PodTopologySpread', 'InterPodAffinity']);
  assert.deepEqual(d.score.map((s) => `${s.plugin.name}:${s.weight}`), ['TaintToleration:3', 'NodeAffinity:2', 'NodeResourcesFit:1', 'PodTopologySpread:2', 'InterPodAffinity:2', 'NodeResourcesBalancedAllocation:1', 'ImageLocality:1']);
  assert.deepEqual(d.postFilter.map((p) => p.name), ['DefaultPreemption']);
  const p = new Framework(packer ?? assert.fail(), inTreeRegistry(), env.handle);
  assert.equal(p.profileName, 'bin-packer');
  assert.deepEqual(p.score.map((s) => `${s.plugin.name}:${s.weight}`), ['NodeResourcesFit:5', 'TaintToleration:3', 'NodeAffinity:2', 'PodTopologySpread:2', 'InterPodAffinity:2']);
});

test('bad configurations are refused', () => {
  assert.throws(() => parseConfig('kind: Other'), /not KubeSchedulerConfiguration/);
  assert.throws(() => parseConfig('apiVersion: kubescheduler.config.k8s.io/v1beta3\nkind: KubeSchedulerConfiguration'), /not supported/);
  assert.throws(() => parseConfig('profiles: [{schedulerName: a}, {schedulerName: a}]'), /duplicate/);
  const env = testEnv([]);
  assert.throws(() => new Framework({ plugins: { filter: { enabled: [{ name: 'Nope' }] } } }, inTreeRegistry(), env.handle), /does not exist/);
  assert.throws(() => new Framework({ plugins: { bind: { enabled: [{ name: 'NodeName' }] } } }, inTreeRegistry(), env.handle), /does not extend bind/);
  assert.throws(() => new Framework({ plugins: { multiPoint: { disabled: [{ name: '*' }] } } }, inTreeRegistry(), env.handle), /queueSort/);
  assert.equal(durationMs('1m30s', 0), 90_000);
  assert.throws(() => durationMs('soon', 0));
});
