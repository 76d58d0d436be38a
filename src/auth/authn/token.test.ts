import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AuthRequest } from '../types.ts';
import type { TokenAuthenticator } from './token.ts';
import { audienceAgnostic, authenticateBearerToken, bearerToken, bearerTokenAuthenticator, unionTokenAuthenticators } from './token.ts';

const alice: TokenAuthenticator = async (t) => (t === 'alice-token' ? { user: { name: 'alice', groups: [] }, audiences: [] } : undefined);
const failing: TokenAuthenticator = async (t) => { if (t.startsWith('jwt')) throw new Error('service account token has expired'); return undefined; };

function req(authorization: string): AuthRequest {
  return { header: (n) => (n === 'authorization' ? authorization : ''), peerCertificate: () => undefined };
}

describe('bearer tokens', () => {
  it('reads the token from "Authorization: Bearer <token>" as upstream splits it', () => {
    assert.equal(bearerToken('Bearer abc'), 'abc');
    assert.equal(bearerToken('  bearer abc  '), 'abc');
    assert.equal(bearerToken('Bearer abc extra'), 'abc');
    assert.equal(bearerToken('Basic abc'), undefined);
    assert.equal(bearerToken('Bearer'), undefined);
    assert.equal(bearerToken('Bearer  abc'), undefined);
    assert.equal(bearerToken(''), undefined);
  });

  it('is not consulted without a bearer token, and answers 401 "Unauthorized" for tokens nobody accepts', async () => {
    const failures: string[] = [];
    const a = bearerTokenAuthenticator(unionTokenAuthenticators([failing, alice]), ['api'], (e) => failures.push(e.message));
    assert.equal(await a(req('')), undefined);
    assert.deepEqual(await a(req('Bearer alice-token')), { name: 'alice', groups: [] });
    await assert.rejects(a(req('Bearer nope')), { code: 401, reason: 'Unauthorized', message: 'Unauthorized' });
    await assert.rejects(a(req('Bearer jwt.x.y')), { code: 401 });
    assert.deepEqual(failures, ['invalid bearer token', '[invalid bearer token, service account token has expired]']);
  });

  it('collects the errors of all authenticators when none accepts', async () => {
    const other: TokenAuthenticator = async () => { throw new Error('token issuer "x" is invalid'); };
    await assert.rejects(authenticateBearerToken(unionTokenAuthenticators([failing, other]), 'jwt', []),
      { message: '[invalid bearer token, service account token has expired, token issuer "x" is invalid]' });
    assert.equal((await authenticateBearerToken(unionTokenAuthenticators([failing, alice]), 'alice-token', [])).user.name, 'alice');
  });

  it('accepts audience-unaware tokens only for the apiserver audiences', async () => {
    const a = audienceAgnostic(['https://kubernetes.default.svc.cluster.local'], alice);
    assert.deepEqual((await a('alice-token', ['https://kubernetes.default.svc.cluster.local', 'x']))?.audiences, ['https://kubernetes.default.svc.cluster.local']);
    assert.equal(await a('alice-token', ['vault']), undefined);
  });
});
