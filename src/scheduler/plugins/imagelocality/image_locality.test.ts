import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CycleState } from '../../framework/interface.ts';
import { makeNode, makePod, testEnv } from '../../testing/fixtures.ts';
import { ImageLocality, normalizedImageName } from './image_locality.ts';

const MB = 1024 * 1024;

test('nodes holding large, widely spread images score higher; tags default to latest', () => {
  assert.equal(normalizedImageName('nginx'), 'nginx:latest');
  assert.equal(normalizedImageName('reg:5000/app'), 'reg:5000/app:latest');
  assert.equal(normalizedImageName('app:1'), 'app:1');
  const env = testEnv([
    makeNode('has', { images: [{ names: ['big:latest'], sizeBytes: 500 * MB }] }),
    makeNode('also', { images: [{ names: ['big:latest'], sizeBytes: 500 * MB }] }),
    makeNode('none'),
  ]);
  const pl = new ImageLocality({ ...env.handle, framework: env.framework(), profileName: 'x' });
  const pi = env.pi(makePod('p', { containers: [{ name: 'c', image: 'big' }] }));
  const s = new CycleState();
  // 500 MB × 2/3 of nodes, scaled between 23 MB and 1000 MB.
  assert.equal(pl.score(s, pi, env.snapshot.get('has') ?? assert.fail()), Math.trunc((100 * (500 * MB * (2 / 3) - 23 * MB)) / (977 * MB)));
  assert.equal(pl.score(s, pi, env.snapshot.get('none') ?? assert.fail()), 0);
});
