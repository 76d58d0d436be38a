import assert from 'node:assert/strict';
import { test } from 'node:test';
import { labelSelectorAsSelector } from '../../../api/selectors/labels.ts';
import { CycleState } from '../../framework/interface.ts';
import type { Handle } from '../../framework/interface.ts';
import { makeNode, makePod, testEnv } from '../../testing/fixtures.ts';
import { pickOneNode, selectVictimsOnNode } from './candidates.ts';

const req = (cpu: string) => ({ containers: [{ name: 'c', resources: { requests: { cpu } } }] });

test('victims are the fewest lower-priority pods that make room, most important reprieved first', () => {
  const env = testEnv([makeNode('n', { cpu: '5' })]);
  env.addPods(
    makePod('low1', { ...req('1'), priority: 1 }, { nodeName: 'n' }),
    makePod('low2', { ...req('1'), priority: 2 }, { nodeName: 'n' }),
    makePod('low3', { ...req('2'), priority: 3 }, { nodeName: 'n' }),
    makePod('high', { ...req('1'), priority: 100 }, { nodeName: 'n' }),
  );
  const fw = env.framework();
  const handle: Handle = { ...env.handle, framework: fw, profileName: 'p' };
  const pi = env.pi(makePod('preemptor', { ...req('2'), priority: 50 }));
  const state = new CycleState();
  fw.runPreFilterPlugins(state, pi);
  const r = selectVictimsOnNode(handle, state, pi, env.snapshot.get('n') ?? assert.fail(), []);
  assert.equal(r.status, undefined);
  assert.deepEqual(r.victims.map((v) => v.pod.metadata?.name).sort(), ['low1', 'low2']);
  // The live NodeInfo is untouched.
  assert.equal(env.snapshot.get('n')?.pods.length, 4);
});

test('PDB-protected pods are reprieved first and violations are counted', () => {
  const env = testEnv([makeNode('n', { cpu: '2' })]);
  env.addPods(
    makePod('guarded', { ...req('1'), priority: 1 }, { nodeName: 'n', labels: { app: 'g' } }),
    makePod('free', { ...req('1'), priority: 1 }, { nodeName: 'n' }),
  );
  const fw = env.framework();
  const pdbs = [{ namespace: 'default', selector: labelSelectorAsSelector({ matchLabels: { app: 'g' } }), disruptionsAllowed: 0, disruptedPods: new Set<string>() }];
  const handle: Handle = { ...env.handle, framework: fw, profileName: 'p' };
  const pi = env.pi(makePod('preemptor', { ...req('1'), priority: 9 }));
  const state = new CycleState();
  fw.runPreFilterPlugins(state, pi);
  const r = selectVictimsOnNode(handle, state, pi, env.snapshot.get('n') ?? assert.fail(), pdbs);
  assert.deepEqual(r.victims.map((v) => v.pod.metadata?.name), ['free']);
  assert.equal(r.numPDBViolations, 0);
});

test('a node whose pods are all as important yields no victims; the candidate with fewer PDB violations wins', () => {
  const env = testEnv([makeNode('n', { cpu: '1' })]);
  env.addPods(makePod('peer', { ...req('1'), priority: 5 }, { nodeName: 'n' }));
  const fw = env.framework();
  const pi = env.pi(makePod('p', { ...req('1'), priority: 5 }));
  const r = selectVictimsOnNode({ ...env.handle, framework: fw, profileName: 'p' }, new CycleState(), pi, env.snapshot.get('n') ?? assert.fail(), []);
  assert.equal(r.status?.reasons[0], 'No preemption victims found for incoming pod');
  const v = env.pi(makePod('v', { priority: 1 }));
  const best = pickOneNode([
    { nodeName: 'x', victims: [v], numPDBViolations: 1 },
    { nodeName: 'y', victims: [v, v], numPDBViolations: 0 },
  ]);
  assert.equal(best?.nodeName, 'y');
});
