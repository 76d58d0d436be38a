import assert from 'node:assert/strict';
import { test } from 'node:test';
import { labelSelectorAsSelector } from '../../../api/selectors/labels.ts';
import { CycleState } from '../../framework/interface.ts';
import type { Handle } from '../../framework/interface.ts';
import { makeNode, makePod, testEnv } from '../../testing/fixtures.ts';
import { ErrReasonConstraintsNotMatch, ErrReasonNodeLabelNotMatch, PodTopologySpread } from './podtopologyspread.ts';

const zone = 'topology.kubernetes.io/zone';
const spread = (maxSkew: number, when: 'DoNotSchedule' | 'ScheduleAnyway', extra = {}) => ({
  topologySpreadConstraints: [{ maxSkew, topologyKey: zone, whenUnsatisfiable: when, labelSelector: { matchLabels: { app: 's' } }, ...extra }],
});

function env3() {
  const env = testEnv([makeNode('a1', { labels: { [zone]: 'a' } }), makeNode('b1', { labels: { [zone]: 'b' } }), makeNode('nolabel')]);
  env.addPods(
    makePod('x1', {}, { labels: { app: 's' }, nodeName: 'a1' }), makePod('x2', {}, { labels: { app: 's' }, nodeName: 'a1' }),
    makePod('other', {}, { labels: { app: 'o' }, nodeName: 'b1' }),
  );
  return env;
}

test('DoNotSchedule rejects domains that would exceed maxSkew and nodes missing the key', () => {
  const env = env3();
  const pl = new PodTopologySpread({}, { ...env.handle, framework: env.framework(), profileName: 'p' });
  const s = new CycleState();
  const pi = env.pi(makePod('new', spread(1, 'DoNotSchedule'), { labels: { app: 's' } }));
  pl.preFilter(s, pi);
  const r = Object.fromEntries(env.snapshot.list().map((n) => [n.name, pl.filter(s, pi, n)?.reasons[0]]));
  assert.deepEqual(r, { a1: ErrReasonConstraintsNotMatch, b1: undefined, nolabel: ErrReasonNodeLabelNotMatch });
  // minDomains above the domain count makes the global minimum 0: zone a (2 + 1) exceeds maxSkew 2.
  const s2 = new CycleState();
  const pi2 = env.pi(makePod('new', spread(2, 'DoNotSchedule', { minDomains: 3 }), { labels: { app: 's' } }));
  pl.preFilter(s2, pi2);
  assert.equal(pl.filter(s2, pi2, env.snapshot.get('a1') ?? assert.fail())?.reasons[0], ErrReasonConstraintsNotMatch);
});

test('ScheduleAnyway scores emptier domains higher; system defaults apply to pods selected by a service', () => {
  const env = env3();
  const pl = new PodTopologySpread({}, { ...env.handle, framework: env.framework(), profileName: 'p' });
  const s = new CycleState();
  const pi = env.pi(makePod('new', spread(1, 'ScheduleAnyway'), { labels: { app: 's' } }));
  const nodes = env.snapshot.list();
  pl.preScore(s, pi, nodes);
  const scores = Float64Array.from(nodes.map((n) => pl.score(s, pi, n)));
  pl.normalizeScore(s, pi, scores);
  const by = Object.fromEntries(nodes.map((n, i) => [n.name, scores[i]]));
  assert.ok((by.b1 ?? 0) > (by.a1 ?? 0), JSON.stringify(by));
  assert.equal(by.nolabel, 0);
  // No constraints and no selecting service/controller: nothing to score.
  assert.equal(pl.preScore(new CycleState(), env.pi(makePod('plain', {}, { labels: { app: 's' } })), nodes)?.isSkip(), true);
  const handle: Handle = { ...env.handle, defaultSelectors: () => [labelSelectorAsSelector({ matchLabels: { app: 's' } })], framework: env.framework(), profileName: 'p' };
  const withDefaults = new PodTopologySpread({}, handle);
  assert.equal(withDefaults.preScore(new CycleState(), env.pi(makePod('plain', {}, { labels: { app: 's' } })), nodes), undefined);
});
