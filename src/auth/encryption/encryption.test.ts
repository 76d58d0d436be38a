// Encryption at rest: values in the store are sealed, read back through the resource storage,
// and survive key rotation.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { builtinRegistry } from '../../api/kinds/index.ts';
import { ResourceStorage } from '../../apiserver/storage/resource.ts';
import { MemoryStore } from '../../storage/index.ts';
import { loadEncryptionConfig, parseEncryptionConfig } from './index.ts';

const key = (): string => randomBytes(32).toString('base64');

function config(providers: unknown[], resources = ['secrets']): string {
  return JSON.stringify({ apiVersion: 'apiserver.config.k8s.io/v1', kind: 'EncryptionConfiguration', resources: [{ resources, providers }] });
}

const secretType = (): NonNullable<ReturnType<ReturnType<typeof builtinRegistry>['lookup']>> => {
  const t = builtinRegistry().lookup('', 'v1', 'secrets');
  assert.ok(t);
  return t;
};

const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'default' }, data: { password: Buffer.from('hunter2').toString('base64') } };

describe('encryption at rest', () => {
  for (const provider of ['aescbc', 'aesgcm', 'secretbox']) {
    it(`seals secrets with ${provider} under upstream's prefix and reads them back`, async () => {
      const transformerFor = parseEncryptionConfig(config([{ [provider]: { keys: [{ name: 'k1', secret: key() }] } }, { identity: {} }]));
      assert.equal(transformerFor('', 'configmaps'), undefined);
      const store = new MemoryStore();
      const rs = new ResourceStorage(store, secretType(), {}, transformerFor('', 'secrets'));
      await rs.create(structuredClone(secret));
      const raw = await store.get('/registry/core/secrets/default/s');
      assert.ok(raw && raw.value.startsWith(`k8s:enc:${provider}:v1:k1:`), raw?.value);
      assert.ok(!raw.value.includes('hunter2') && !raw.value.includes(secret.data.password));
      assert.deepEqual((await rs.get('default', 's')).data, secret.data);
      await store.close();
    });
  }

  it('binds aesgcm values to their key: a value copied to another key does not decrypt', async () => {
    const t = parseEncryptionConfig(config([{ aesgcm: { keys: [{ name: 'k1', secret: key() }] } }]))('', 'secrets');
    assert.ok(t);
    const sealed = t.toStorage('/registry/core/secrets/a/x', '{"a":1}');
    assert.equal(t.fromStorage('/registry/core/secrets/a/x', sealed), '{"a":1}');
    assert.throws(() => t.fromStorage('/registry/core/secrets/a/y', sealed));
  });

  it('rotates keys: new first key encrypts, old key still decrypts until removed after a rewrite', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cox-enc-'));
    try {
      const oldKey = { name: 'old', secret: key() };
      const newKey = { name: 'new', secret: key() };
      const file = path.join(dir, 'enc.yaml');
      const store = new MemoryStore();
      const storageWith = (keys: unknown[]): ResourceStorage => {
        writeFileSync(file, config([{ aescbc: { keys } }]));
        return new ResourceStorage(store, secretType(), {}, loadEncryptionConfig(file)('', 'secrets'));
      };
      await storageWith([oldKey]).create(structuredClone(secret));
      const both = storageWith([newKey, oldKey]);
      assert.deepEqual((await both.get('default', 's')).data, secret.data);
      await both.guaranteedUpdate('default', 's', (cur) => ({ ...cur, metadata: { ...cur.metadata, labels: { rotated: 'yes' } } }));
      assert.ok((await store.get('/registry/core/secrets/default/s'))?.value.startsWith('k8s:enc:aescbc:v1:new:'));
      const onlyNew = storageWith([newKey]);
      assert.deepEqual((await onlyNew.get('default', 's')).metadata.labels, { rotated: 'yes' });
      const onlyOld = storageWith([oldKey]);
      await assert.rejects(onlyOld.get('default', 's'));
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads plain values only when identity is configured, and refuses bad configurations', () => {
    const withIdentity = parseEncryptionConfig(config([{ secretbox: { keys: [{ name: 'k', secret: key() }] } }, { identity: {} }], ['*.*']))('apps', 'deployments');
    assert.equal(withIdentity?.fromStorage('/k', '{"plain":true}'), '{"plain":true}');
    const without = parseEncryptionConfig(config([{ secretbox: { keys: [{ name: 'k', secret: key() }] } }]))('', 'secrets');
    assert.throws(() => without?.fromStorage('/k', '{"plain":true}'), /no matching prefix/);
    assert.throws(() => parseEncryptionConfig(config([{ aescbc: { keys: [{ name: 'k', secret: Buffer.alloc(7).toString('base64') } ] } }])), /16, 24 or 32 bytes/);
    assert.throws(() => parseEncryptionConfig(config([{ kms: {} }])), /unsupported provider kms/);
    assert.throws(() => parseEncryptionConfig('kind: Other'), /EncryptionConfiguration/);
  });
});
