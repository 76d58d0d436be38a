import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ApiContext } from '../../apiserver/rest/context.ts';
import type { ResourceStorage } from '../../apiserver/storage/resource.ts';
import { CachedObject } from '../../apiserver/storage/cached.ts';
import { CacheEvent } from '../../apiserver/storage/watchcache.ts';
import type { CacheSubscriber } from '../../apiserver/storage/watchcache.ts';
import { NodeGraph } from './graph.ts';

// A pods cache that only hands its subscriber the events the test makes.
function podsCache(): { ctx: Pick<ApiContext, 'storageByResource'>; emit(ev: CacheEvent): void } {
  let sub: CacheSubscriber | undefined;
  const storage = { cache: { subscribe: (s: CacheSubscriber, _rv: unknown, initial?: (objs: CachedObject[], rv: number) => void) => { sub = s; initial?.([], 1); return { close: () => {} }; } } };
  return {
    ctx: { storageByResource: (group, resource) => (group === '' && resource === 'pods' ? storage as unknown as ResourceStorage : undefined) },
    emit: (ev) => sub?.onEvents([ev]),
  };
}

function podEntry(rv: number, nodeName: string, secret: string, phase: string): CachedObject {
  const json = JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'ns', resourceVersion: String(rv) }, spec: { nodeName, containers: [{ name: 'c', image: 'i' }], volumes: [{ name: 'v', secret: { secretName: secret } }] }, status: { phase } });
  return new CachedObject('ns', 'p', rv, json, -1, { labels: undefined, fields: { 'spec.nodeName': nodeName, 'status.phase': phase } }, undefined);
}

test('a status update of a pod that stays on its node is passed over unparsed; a move is followed', () => {
  const cache = podsCache();
  const g = NodeGraph.fromCaches(cache.ctx);
  const created = podEntry(2, 'n1', 's1', 'Pending');
  cache.emit(new CacheEvent('ADDED', '/registry/core/pods/ns/p', created, undefined, 2));
  assert.equal(g.hasPathFrom('n1', 'secret', 'ns', 's1'), true);
  const running = podEntry(3, 'n1', 's1', 'Running');
  cache.emit(new CacheEvent('MODIFIED', '/registry/core/pods/ns/p', running, created, 3));
  assert.equal(running.isParsed, false, 'the graph did not parse the updated pod');
  assert.equal(g.hasPathFrom('n1', 'secret', 'ns', 's1'), true);
  // Not something the API allows, but the graph follows a change of node all the same.
  const moved = podEntry(4, 'n2', 's1', 'Running');
  cache.emit(new CacheEvent('MODIFIED', '/registry/core/pods/ns/p', moved, running, 4));
  assert.equal(g.hasPathFrom('n1', 'secret', 'ns', 's1'), false);
  assert.equal(g.hasPathFrom('n2', 'secret', 'ns', 's1'), true);
  g.close();
});
