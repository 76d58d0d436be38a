import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '../api/types.ts';
import { bootstrapTokenAuthenticator, bootstrapTokenSecret, generateBootstrapToken } from './bootstraptoken.ts';

const NOW = Date.parse('2026-01-01T00:00:00Z');

function authFor(secret: KubeObject | undefined, now = NOW) {
  return bootstrapTokenAuthenticator(async (ns, name) => (secret && ns === secret.metadata.namespace && name === secret.metadata.name ? secret : undefined), () => now);
}

describe('bootstrap tokens', () => {
  it('generates tokens of the form [a-z0-9]{6}.[a-z0-9]{16} and kubeadm-style secrets', () => {
    const token = generateBootstrapToken();
    assert.match(token, /^[a-z0-9]{6}\.[a-z0-9]{16}$/);
    const s = bootstrapTokenSecret({ token: 'abcdef.0123456789abcdef', usages: ['authentication', 'signing'], ttlSeconds: 3600, extraGroups: ['system:bootstrappers:worker'], now: NOW });
    assert.equal(s.metadata.name, 'bootstrap-token-abcdef');
    assert.equal(s.metadata.namespace, 'kube-system');
    assert.equal(s.type, 'bootstrap.kubernetes.io/token');
    const data = s.data as Record<string, string>;
    const dec = (k: string) => Buffer.from(data[k] ?? '', 'base64').toString();
    assert.equal(dec('token-id'), 'abcdef');
    assert.equal(dec('token-secret'), '0123456789abcdef');
    assert.equal(dec('expiration'), '2026-01-01T01:00:00Z');
    assert.equal(dec('usage-bootstrap-authentication'), 'true');
    assert.equal(dec('usage-bootstrap-signing'), 'true');
    assert.equal(dec('auth-extra-groups'), 'system:bootstrappers:worker');
    assert.throws(() => bootstrapTokenSecret({ token: 'bad', usages: [] }), /was not of the form/);
    assert.throws(() => bootstrapTokenSecret({ token: 'abcdef.0123456789abcdef', usages: [], extraGroups: ['admins'] }), /bootstrap group "admins" is invalid/);
  });

  it('authenticates as system:bootstrap:<id> in system:bootstrappers plus extra groups', async () => {
    const s = bootstrapTokenSecret({ token: 'abcdef.0123456789abcdef', usages: ['authentication'], ttlSeconds: 3600, extraGroups: ['system:bootstrappers:worker'], now: NOW });
    assert.deepEqual(await authFor(s)('abcdef.0123456789abcdef', []), {
      user: { name: 'system:bootstrap:abcdef', groups: ['system:bootstrappers', 'system:bootstrappers:worker'] }, audiences: [],
    });
  });

  it('rejects wrong secrets, expired tokens, tokens without the authentication usage and other secret types', async () => {
    const token = 'abcdef.0123456789abcdef';
    const good = bootstrapTokenSecret({ token, usages: ['authentication'], ttlSeconds: 60, now: NOW });
    assert.equal(await authFor(good)('abcdef.0123456789abcdeX', []), undefined);
    assert.equal(await authFor(good)('abcdef.ffffffffffffffff', []), undefined);
    assert.equal(await authFor(good, NOW + 61_000)(token, []), undefined, 'expired');
    assert.ok(await authFor(good, NOW + 59_000)(token, []));
    assert.equal(await authFor(bootstrapTokenSecret({ token, usages: ['signing'], now: NOW }))(token, []), undefined);
    assert.equal(await authFor({ ...good, type: 'Opaque' })(token, []), undefined);
    assert.equal(await authFor({ ...good, metadata: { ...good.metadata, deletionTimestamp: '2026-01-01T00:00:00Z' } })(token, []), undefined);
    assert.equal(await authFor(undefined)(token, []), undefined);
    const badExpiry = { ...good, data: { ...(good.data as Record<string, string>), expiration: Buffer.from('tomorrow').toString('base64') } };
    assert.equal(await authFor(badExpiry)(token, []), undefined, 'an unparseable expiration counts as expired');
  });
});
