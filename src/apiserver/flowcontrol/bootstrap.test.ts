import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KubeObject } from '../../api/types.ts';
import { desiredUpdate } from './bootstrap.ts';
import { AUTO_UPDATE_ANNOTATION, mandatoryPriorityLevels, suggestedPriorityLevels } from './defaults.ts';

const byName = (list: KubeObject[], name: string): KubeObject => {
  const o = list.find((x) => x.metadata.name === name);
  if (!o) throw new Error(name);
  return structuredClone(o);
};

function edited(o: KubeObject, flag: string | undefined, generation: number): KubeObject {
  const c = structuredClone(o);
  c.metadata.generation = generation;
  c.metadata.annotations = flag === undefined ? {} : { [AUTO_UPDATE_ANNOTATION]: flag };
  (c['spec'] as { limited: { nominalConcurrencyShares: number } }).limited.nominalConcurrencyShares = 999;
  return c;
}

test('a suggested object is restored only while its autoupdate-spec annotation is "true"', () => {
  const want = byName(suggestedPriorityLevels(), 'workload-low');
  const restored = desiredUpdate(edited(want, 'true', 2), want, 'suggested');
  assert.deepEqual(restored?.['spec'], want['spec']);
  assert.equal(desiredUpdate(edited(want, 'false', 2), want, 'suggested'), undefined);
  assert.equal(desiredUpdate(want, want, 'suggested'), undefined, 'nothing to do when it already matches');
});

test('without the annotation, an object edited since creation becomes the user\'s ("false"), an unedited one stays ours', () => {
  const want = byName(suggestedPriorityLevels(), 'workload-low');
  const userOwned = desiredUpdate(edited(want, undefined, 2), want, 'suggested');
  assert.equal(userOwned?.metadata.annotations?.[AUTO_UPDATE_ANNOTATION], 'false');
  assert.equal((userOwned?.['spec'] as { limited: { nominalConcurrencyShares: number } }).limited.nominalConcurrencyShares, 999);
  const ours = desiredUpdate(edited(want, undefined, 1), want, 'suggested');
  assert.equal(ours?.metadata.annotations?.[AUTO_UPDATE_ANNOTATION], 'true');
  assert.deepEqual(ours?.['spec'], want['spec']);
});

test('mandatory objects are always restored, except the exempt level\'s own knobs', () => {
  const catchAll = byName(mandatoryPriorityLevels(), 'catch-all');
  assert.deepEqual(desiredUpdate(edited(catchAll, 'false', 5), catchAll, 'mandatory')?.['spec'], catchAll['spec']);
  const exempt = byName(mandatoryPriorityLevels(), 'exempt');
  const tuned = structuredClone(exempt);
  tuned['spec'] = { type: 'Exempt', exempt: { nominalConcurrencyShares: 10, lendablePercent: 50 } };
  assert.equal(desiredUpdate(tuned, exempt, 'mandatory'), undefined);
});
