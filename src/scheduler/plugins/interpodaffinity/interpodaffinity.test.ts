import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CycleState } from '../../framework/interface.ts';
import type { Handle } from '../../framework/interface.ts';
import { makeNode, makePod, testEnv } from '../../testing/fixtures.ts';
import type { TestEnv } from '../../testing/fixtures.ts';
import {
  ErrReasonAffinityRulesNotMatch, ErrReasonAntiAffinityRulesNotMatch, ErrReasonExistingAntiAffinityRulesNotMatch, InterPodAffinity,
} from './interpodaffinity.ts';

const zone = 'topology.kubernetes.io/zone';
function setup(): { env: TestEnv; pl: InterPodAffinity } {
  const env = testEnv([
    makeNode('a1', { labels: { [zone]: 'a' } }), makeNode('a2', { labels: { [zone]: 'a' } }), makeNode('b1', { labels: { [zone]: 'b' } }),
  ], { namespaces: { other: { team: 'x' } } });
  const handle: Handle = { ...env.handle, framework: env.framework(), profileName: 'p' };
  return { env, pl: new InterPodAffinity({}, handle) };
}

function run(env: TestEnv, pl: InterPodAffinity, pod: ReturnType<typeof makePod>): Record<string, string | undefined> {
  const s = new CycleState();
  const pi = env.pi(pod);
  const r = pl.preFilter(s, pi);
  const out: Record<string, string | undefined> = {};
  for (const n of env.snapshot.list()) out[n.name] = r?.status?.isSkip() ? undefined : pl.filter(s, pi, n)?.reasons[0];
  return out;
}

const term = (labels: Record<string, string>, key = zone, extra = {}) => ({ topologyKey: key, labelSelector: { matchLabels: labels }, ...extra });

test('required affinity needs a matching pod in the same topology, except the first of a self-affine group', () => {
  const { env, pl } = setup();
  const web = makePod('web', { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'db' })] } } });
  assert.deepEqual(run(env, pl, web), { a1: ErrReasonAffinityRulesNotMatch, a2: ErrReasonAffinityRulesNotMatch, b1: ErrReasonAffinityRulesNotMatch });
  const first = makePod('db0', { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'db' })] } } }, { labels: { app: 'db' } });
  assert.deepEqual(run(env, pl, first), { a1: undefined, a2: undefined, b1: undefined });
  env.addPods(makePod('db', {}, { labels: { app: 'db' }, nodeName: 'a2' }));
  assert.deepEqual(run(env, pl, web), { a1: undefined, a2: undefined, b1: ErrReasonAffinityRulesNotMatch });
});

test('required anti-affinity of the pod and of existing pods, with namespaceSelector', () => {
  const { env, pl } = setup();
  env.addPods(makePod('guard', { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'web' }, 'kubernetes.io/hostname')] } } }, { nodeName: 'b1' }));
  env.addPods(makePod('db', {}, { labels: { app: 'db' }, nodeName: 'a1', namespace: 'other' }));
  const web = makePod('web', { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'db' }, zone, { namespaceSelector: { matchLabels: { team: 'x' } } })] } } }, { labels: { app: 'web' } });
  assert.deepEqual(run(env, pl, web), { a1: ErrReasonAntiAffinityRulesNotMatch, a2: ErrReasonAntiAffinityRulesNotMatch, b1: ErrReasonExistingAntiAffinityRulesNotMatch });
  // Without the namespace selector the term looks in the pod's own namespace only.
  const web2 = makePod('web2', { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'db' })] } } });
  assert.deepEqual(run(env, pl, web2), { a1: undefined, a2: undefined, b1: undefined });
});

test('preferred affinity scores the topology holding matching pods highest', () => {
  const { env, pl } = setup();
  env.addPods(makePod('db', {}, { labels: { app: 'db' }, nodeName: 'b1' }));
  const s = new CycleState();
  const pi = env.pi(makePod('web', { affinity: { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, podAffinityTerm: term({ app: 'db' }) }] } } }));
  const nodes = env.snapshot.list();
  assert.equal(pl.preScore(s, pi, nodes), undefined);
  const scores = Float64Array.from(nodes.map((n) => pl.score(s, pi, n)));
  pl.normalizeScore(s, pi, scores);
  assert.deepEqual(Object.fromEntries(nodes.map((n, i) => [n.name, scores[i]])), { a1: 0, a2: 0, b1: 100 });
});
