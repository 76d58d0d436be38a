import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { runContractSuite } from './contract.ts';
import { EtcdStore, etcdOptionsFromUrl, normalizeEtcdUrl } from './etcd.ts';
import { startEtcd } from './etcd-testing.ts';
import type { TestEtcd } from './etcd-testing.ts';

// A missing /usr/bin/etcd makes before() throw: every test fails with startEtcd's message.
let etcd: TestEtcd | undefined;
before(async () => { etcd = await startEtcd(); });
after(async () => { await etcd?.stop(); });

let n = 0;
// Each test gets its own namespace in the shared etcd, so tests never see each other's keys.
runContractSuite('etcd', async () => {
  if (etcd === undefined) throw new Error('etcd did not start');
  return new EtcdStore({ hosts: [etcd.endpoint], prefix: `/contract-${n++}` });
});

test('etcd URLs name every endpoint and an optional key prefix', () => {
  assert.deepEqual(etcdOptionsFromUrl(new URL(normalizeEtcdUrl('etcd://127.0.0.1:2379,127.0.0.2:2379?prefix=/coxswain'))),
    { hosts: ['http://127.0.0.1:2379', 'http://127.0.0.2:2379'], prefix: '/coxswain' });
  assert.deepEqual(etcdOptionsFromUrl(new URL('etcd://localhost:2379')), { hosts: ['http://localhost:2379'], prefix: '' });
});

test('a store without a key prefix reports the current revision', async () => {
  if (etcd === undefined) throw new Error('etcd did not start');
  const store = new EtcdStore({ hosts: [etcd.endpoint], prefix: '' });
  try {
    const kv = await store.create(`/no-prefix-${Date.now()}`, 'v');
    assert.ok(await store.currentRevision() >= kv.modRevision);
  } finally {
    await store.close();
  }
});
