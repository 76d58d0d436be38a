import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Namespace, Secret, ServiceAccount } from 'kubernetes-types/core/v1.js';
import { clientFor, isNotFound, resources } from '../../client/index.ts';
import { LEGACY_ISSUER, publicKeyEntry, verifiedClaims } from '../../auth/serviceaccount/index.ts';
import { startTestCluster } from '../../client/testing/server.ts';
import { startControllerManager } from '../manager/manager.ts';
import { waitFor } from '../testing/cluster.ts';
import { SecretTypeServiceAccountToken, ServiceAccountNameKey, ServiceAccountUIDKey } from './controller.ts';

const unb64 = (s: string | undefined): string => Buffer.from(s ?? '', 'base64').toString('utf8');

test('token Secrets get a working legacy token, the CA and the namespace; they go with their ServiceAccount', async (t) => {
  const c = await startTestCluster(t);
  const manager = await startControllerManager(c.config, {
    controllers: ['serviceaccount-token'], leaderElect: false, securePort: -1, log: () => {},
    serviceAccountPrivateKeyPem: c.server.pki.serviceAccountPrivateKeyPem,
  });
  c.defer(() => manager.stop());
  await manager.started;
  await clientFor(c.client).resource<Namespace>(resources.namespaces).create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'tok' } });
  const sas = clientFor(c.client).resource<ServiceAccount>(resources.serviceaccounts).namespace('tok');
  const secrets = clientFor(c.client).resource<Secret>(resources.secrets).namespace('tok');
  const sa = await sas.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'robot' } });
  await secrets.create({ apiVersion: 'v1', kind: 'Secret', type: SecretTypeServiceAccountToken, metadata: { name: 'robot-token', annotations: { [ServiceAccountNameKey]: 'robot' } } });
  const filled = await waitFor('token filled in', async () => { const s = await secrets.get('robot-token'); return s.data?.token ? s : undefined; });
  assert.equal(unb64(filled.data?.['ca.crt']), c.server.pki.caCertPem);
  assert.equal(unb64(filled.data?.namespace), 'tok');
  assert.equal(filled.metadata?.annotations?.[ServiceAccountUIDKey], sa.metadata?.uid);

  // The token is a legacy service account JWT signed with the cluster's service account key.
  const claims = await verifiedClaims(unb64(filled.data?.token), [publicKeyEntry(c.server.pki.serviceAccountPublicKeyPem)]);
  assert.equal(claims?.iss, LEGACY_ISSUER);
  assert.equal(claims?.sub, 'system:serviceaccount:tok:robot');
  assert.equal(claims?.['kubernetes.io/serviceaccount/secret.name'], 'robot-token');
  assert.equal(claims?.['kubernetes.io/serviceaccount/service-account.uid'], sa.metadata?.uid);

  // A Secret naming a ServiceAccount that does not exist is deleted.
  await secrets.create({ apiVersion: 'v1', kind: 'Secret', type: SecretTypeServiceAccountToken, metadata: { name: 'ghost-token', annotations: { [ServiceAccountNameKey]: 'ghost' } } });
  await waitFor('orphan token Secret deleted', async () => { try { await secrets.get('ghost-token'); return false; } catch (err) { return isNotFound(err); } });

  // Deleting the ServiceAccount deletes its tokens; other Secrets stay.
  await secrets.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'plain' }, stringData: { a: 'b' } });
  await sas.delete('robot');
  await waitFor('token Secret deleted with its account', async () => { try { await secrets.get('robot-token'); return false; } catch (err) { return isNotFound(err); } });
  assert.ok(await secrets.get('plain'));
});
