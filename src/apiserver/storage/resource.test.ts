import assert from 'node:assert/strict';
import { test } from 'node:test';
import { builtinRegistry } from '../../api/kinds/index.ts';
import type { ResourceType } from '../../api/registry.ts';
import type { KubeObject } from '../../api/types.ts';
import { MemoryStore } from '../../storage/memory.ts';
import { ResourceStorage } from './resource.ts';

const configMaps = builtinRegistry().lookup('', 'v1', 'configmaps') as ResourceType;
type ConfigMap = KubeObject & { data: Record<string, string> };
const cm = (data: Record<string, string>): ConfigMap => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'ns' }, data });

test('an update computed from a stale cached copy is redone from storage, never lost', async () => {
  const store = new MemoryStore();
  const rs = new ResourceStorage(store, configMaps);
  await rs.start();
  try {
    await rs.create(cm({ n: '1' }));
    await rs.cache.waitFor(await store.currentRevision(), 1000);
    // The cache stops following storage, which then moves on: the cached copy is stale.
    rs.stop();
    const cur = await rs.get('ns', 'c');
    await rs.update({ ...cur, data: { n: '2' } } as KubeObject, Number(cur.metadata.resourceVersion));
    const seen: string[] = [];
    const res = await rs.guaranteedUpdate('ns', 'c', (o) => {
      const n = (o as ConfigMap).data.n ?? '';
      seen.push(n);
      return { ...o, data: { n: String(Number(n) + 10) } } as KubeObject;
    });
    assert.deepEqual(seen, ['1', '2']);
    assert.deepEqual((res.obj as { data?: unknown }).data, { n: '12' });
    assert.deepEqual((await rs.get('ns', 'c') as { data?: unknown }).data, { n: '12' });
    // A refusal based on the stale copy is retried on storage's copy, and then stands.
    const refusals: string[] = [];
    await assert.rejects(rs.guaranteedUpdate('ns', 'c', (o) => {
      refusals.push((o as ConfigMap).data.n ?? '');
      throw new Error('no');
    }), /no/);
    assert.deepEqual(refusals, ['1', '12']);
  } finally {
    rs.stop();
    await store.close();
  }
});
