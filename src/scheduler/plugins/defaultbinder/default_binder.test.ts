import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import { startTestCluster } from '../../../client/testing/server.ts';
import { clientFor, resources } from '../../../client/typed.ts';
import { CycleState } from '../../framework/interface.ts';
import { makeNode, makePod, testEnv } from '../../testing/fixtures.ts';
import { DefaultBinder } from './default_binder.ts';

test('binds through pods/binding and reports a failed bind as an Error status', async (t) => {
  const c = await startTestCluster(t);
  await clientFor(c.client).resource<Node>(resources.nodes).create(makeNode('n'));
  const pods = clientFor(c.client).resource<Pod>(resources.pods).namespace('default');
  const { metadata, ...rest } = makePod('p');
  const created = await pods.create({ ...rest, metadata: { name: metadata?.name, namespace: 'default' } });
  const env = testEnv([]);
  const binder = new DefaultBinder({ ...env.handle, client: c.client, framework: env.framework(), profileName: 'x' });
  assert.equal(await binder.bind(new CycleState(), env.pi(created), 'n'), undefined);
  assert.equal((await pods.get('p')).spec?.nodeName, 'n');
  const again = await binder.bind(new CycleState(), env.pi(created), 'n');
  assert.equal(again?.codeName(), 'Error');
});
