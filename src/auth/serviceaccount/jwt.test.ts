import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import type { KubeObject } from '../../api/types.ts';
import { unionTokenAuthenticators } from '../authn/token.ts';
import { serviceAccountTokenAuthenticators } from './authenticator.ts';
import { DEFAULT_ISSUER, boundClaims, legacyClaims } from './claims.ts';
import { TokenGenerator } from './jwt.ts';
import { keyIDFromPublicKey, publicKeyEntry, signingKeyFromPem } from './keys.ts';
import type { ObjectGetter } from './validator.ts';

function pemPair(): { priv: string; pub: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { priv: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), pub: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

const keyA = pemPair();
const keyB = pemPair();

function obj(kind: string, namespace: string, name: string, uid: string, extra: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'v1', kind, metadata: { namespace, name, uid }, ...extra };
}

class Objects implements ObjectGetter {
  readonly items = new Map<string, KubeObject>();
  put(resource: string, o: KubeObject): void { this.items.set(`${resource}/${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`, o); }
  remove(resource: string, ns: string, name: string): void { this.items.delete(`${resource}/${ns}/${name}`); }
  async serviceAccount(ns: string, name: string) { return this.items.get(`serviceaccounts/${ns}/${name}`); }
  async secret(ns: string, name: string) { return this.items.get(`secrets/${ns}/${name}`); }
  async pod(ns: string, name: string) { return this.items.get(`pods/${ns}/${name}`); }
  async node(name: string) { return this.items.get(`nodes//${name}`); }
}

function setup(nowSeconds = 1_800_000_000) {
  const objects = new Objects();
  objects.put('serviceaccounts', obj('ServiceAccount', 'team', 'robot', 'sa-uid'));
  let now = nowSeconds * 1000;
  const auth = unionTokenAuthenticators(serviceAccountTokenAuthenticators({
    issuers: [DEFAULT_ISSUER], keys: () => [publicKeyEntry(keyA.pub)], apiAudiences: [DEFAULT_ISSUER], getter: objects, now: () => now,
  }));
  const gen = new TokenGenerator(DEFAULT_ISSUER, signingKeyFromPem(keyA.priv));
  return { objects, auth, gen, nowSeconds, advance: (s: number) => { now += s * 1000; } };
}

const sa = { namespace: 'team', name: 'robot', uid: 'sa-uid' };

describe('service account JWTs', () => {
  it('key IDs are base64url(sha256(DER public key)), the same for the private and public halves', () => {
    const entry = publicKeyEntry(keyA.pub);
    const der = entry.key.export({ type: 'spki', format: 'der' });
    assert.equal(entry.kid, createHash('sha256').update(der).digest('base64url'));
    assert.equal(signingKeyFromPem(keyA.priv).kid, entry.kid);
    assert.equal(keyIDFromPublicKey(entry.key).includes('='), false);
    assert.equal(entry.alg, 'RS256');
  });

  it('issues upstream claims: header alg/kid, iss, sub, aud, exp/iat/nbf, jti and the kubernetes.io claim', async () => {
    const { gen, nowSeconds } = setup();
    const token = await gen.generateToken(boundClaims({
      serviceAccount: sa, pod: { name: 'p', uid: 'pod-uid' }, node: { name: 'n1', uid: 'node-uid' },
      audiences: ['api'], expirationSeconds: 600, now: nowSeconds,
    }));
    const [h, p] = token.split('.');
    const header = JSON.parse(Buffer.from(h ?? '', 'base64url').toString()) as Record<string, unknown>;
    assert.deepEqual(header, { alg: 'RS256', kid: signingKeyFromPem(keyA.priv).kid });
    const payloadText = Buffer.from(p ?? '', 'base64url').toString();
    const payload = JSON.parse(payloadText) as Record<string, unknown>;
    assert.deepEqual(Object.keys(payload), ['aud', 'exp', 'iat', 'iss', 'jti', 'kubernetes.io', 'nbf', 'sub']);
    assert.equal(payload.iss, DEFAULT_ISSUER);
    assert.equal(payload.sub, 'system:serviceaccount:team:robot');
    assert.equal(payload.aud, 'api', 'a single audience is a string, as go-jose writes it');
    assert.equal(payload.exp, nowSeconds + 600);
    assert.equal(payload.iat, nowSeconds);
    assert.equal(payload.nbf, nowSeconds);
    assert.match(String(payload.jti), /^[0-9a-f-]{36}$/);
    assert.deepEqual(payload['kubernetes.io'], {
      namespace: 'team', node: { name: 'n1', uid: 'node-uid' }, pod: { name: 'p', uid: 'pod-uid' }, serviceaccount: { name: 'robot', uid: 'sa-uid' },
    });
  });

  it('authenticates a valid bound token as the service account with upstream groups and extra', async () => {
    const { objects, auth, gen, nowSeconds } = setup();
    objects.put('pods', obj('Pod', 'team', 'p', 'pod-uid'));
    const token = await gen.generateToken(boundClaims({
      serviceAccount: sa, pod: { name: 'p', uid: 'pod-uid' }, node: { name: 'n1', uid: 'node-uid' },
      audiences: [DEFAULT_ISSUER, 'other'], expirationSeconds: 600, now: nowSeconds, jti: 'the-jti',
    }));
    const r = await auth(token, [DEFAULT_ISSUER]);
    assert.deepEqual(r, {
      audiences: [DEFAULT_ISSUER],
      user: {
        name: 'system:serviceaccount:team:robot', uid: 'sa-uid', groups: ['system:serviceaccounts', 'system:serviceaccounts:team'],
        extra: {
          'authentication.kubernetes.io/pod-name': ['p'], 'authentication.kubernetes.io/pod-uid': ['pod-uid'],
          'authentication.kubernetes.io/credential-id': ['JTI=the-jti'],
          'authentication.kubernetes.io/node-name': ['n1'], 'authentication.kubernetes.io/node-uid': ['node-uid'],
        },
      },
    });
  });

  it('refuses an expired token once the one-minute leeway has passed', async () => {
    const { auth, gen, nowSeconds, advance } = setup();
    const token = await gen.generateToken(boundClaims({ serviceAccount: sa, audiences: [DEFAULT_ISSUER], expirationSeconds: 600, now: nowSeconds }));
    advance(600 + 59);
    assert.ok(await auth(token, [DEFAULT_ISSUER]));
    advance(2);
    await assert.rejects(auth(token, [DEFAULT_ISSUER]), { message: 'service account token has expired' });
  });

  it('refuses a token not valid yet', async () => {
    const { auth, gen, nowSeconds } = setup();
    const token = await gen.generateToken(boundClaims({ serviceAccount: sa, audiences: [DEFAULT_ISSUER], expirationSeconds: 600, now: nowSeconds + 120 }));
    await assert.rejects(auth(token, [DEFAULT_ISSUER]), { message: 'service account token is not valid yet' });
  });

  it('refuses a token for another audience with upstream message', async () => {
    const { auth, gen, nowSeconds } = setup();
    const token = await gen.generateToken(boundClaims({ serviceAccount: sa, audiences: ['vault'], expirationSeconds: 600, now: nowSeconds }));
    await assert.rejects(auth(token, [DEFAULT_ISSUER]),
      { message: `token audiences ["vault"] is invalid for the target audiences ["${DEFAULT_ISSUER}"]` });
    assert.deepEqual((await auth(token, ['vault']))?.audiences, ['vault']);
  });

  it('refuses a token signed with another key, and one whose kid matches no key', async () => {
    const { auth, nowSeconds } = setup();
    const claims = boundClaims({ serviceAccount: sa, audiences: [DEFAULT_ISSUER], expirationSeconds: 600, now: nowSeconds });
    const other = await new TokenGenerator(DEFAULT_ISSUER, signingKeyFromPem(keyB.priv)).generateToken(claims);
    await assert.rejects(auth(other, [DEFAULT_ISSUER]), { message: 'invalid signature, no keys found' });
    // Same kid as the real key, wrong signature.
    const forged = { ...signingKeyFromPem(keyB.priv), kid: signingKeyFromPem(keyA.priv).kid };
    const forgedToken = await new TokenGenerator(DEFAULT_ISSUER, forged).generateToken(claims);
    await assert.rejects(auth(forgedToken, [DEFAULT_ISSUER]), { message: 'go-jose/go-jose: error in cryptographic primitive' });
  });

  it('ignores tokens of other issuers and non-JWTs (left to other authenticators)', async () => {
    const { auth, nowSeconds } = setup();
    const claims = boundClaims({ serviceAccount: sa, audiences: [DEFAULT_ISSUER], expirationSeconds: 600, now: nowSeconds });
    const foreign = await new TokenGenerator('https://elsewhere', signingKeyFromPem(keyA.priv)).generateToken(claims);
    assert.equal(await auth(foreign, [DEFAULT_ISSUER]), undefined);
    assert.equal(await auth('abcdef.0123456789abcdef', [DEFAULT_ISSUER]), undefined);
    assert.equal(await auth('a.b.c', [DEFAULT_ISSUER]), undefined);
  });

  it('invalidates a pod-bound token when the pod is deleted or replaced', async () => {
    const { objects, auth, gen, nowSeconds } = setup();
    objects.put('pods', obj('Pod', 'team', 'p', 'pod-uid'));
    const token = await gen.generateToken(boundClaims({ serviceAccount: sa, pod: { name: 'p', uid: 'pod-uid' }, audiences: [DEFAULT_ISSUER], expirationSeconds: 600, now: nowSeconds }));
    assert.ok(await auth(token, []));
    objects.put('pods', obj('Pod', 'team', 'p', 'new-uid'));
    await assert.rejects(auth(token, []), { message: 'pod UID (new-uid) does not match service account pod ref claim (pod-uid)' });
    objects.remove('pods', 'team', 'p');
    await assert.rejects(auth(token, []), { message: 'service account token has been invalidated' });
  });

  it('keeps a token of a pod being deleted until its deletion timestamp plus the leeway', async () => {
    const { objects, auth, gen, nowSeconds } = setup();
    const token = await gen.generateToken(boundClaims({ serviceAccount: sa, pod: { name: 'p', uid: 'pod-uid' }, audiences: [DEFAULT_ISSUER], expirationSeconds: 600, now: nowSeconds }));
    const at = (s: number) => new Date((nowSeconds + s) * 1000).toISOString();
    objects.put('pods', { ...obj('Pod', 'team', 'p', 'pod-uid'), metadata: { namespace: 'team', name: 'p', uid: 'pod-uid', deletionTimestamp: at(-30) } });
    assert.ok(await auth(token, []));
    objects.put('pods', { ...obj('Pod', 'team', 'p', 'pod-uid'), metadata: { namespace: 'team', name: 'p', uid: 'pod-uid', deletionTimestamp: at(-61) } });
    await assert.rejects(auth(token, []), { message: 'service account token has been invalidated' });
  });

  it('invalidates tokens when the service account is gone or recreated, and secret/node-bound tokens with their object', async () => {
    const { objects, auth, gen, nowSeconds } = setup();
    objects.put('secrets', obj('Secret', 'team', 's', 'secret-uid'));
    objects.put('nodes', obj('Node', '', 'n1', 'node-uid'));
    const mk = (extra: object) => gen.generateToken(boundClaims({ serviceAccount: sa, audiences: [DEFAULT_ISSUER], expirationSeconds: 600, now: nowSeconds, ...extra }));
    const secretBound = await mk({ secret: { name: 's', uid: 'secret-uid' } });
    const nodeBound = await mk({ node: { name: 'n1', uid: 'node-uid' } });
    assert.deepEqual((await auth(nodeBound, []))?.user.extra?.['authentication.kubernetes.io/node-name'], ['n1']);
    assert.ok(await auth(secretBound, []));
    objects.remove('secrets', 'team', 's');
    objects.remove('nodes', '', 'n1');
    await assert.rejects(auth(secretBound, []), { message: 'service account token has been invalidated' });
    await assert.rejects(auth(nodeBound, []), { message: 'service account token has been invalidated' });
    const plain = await mk({});
    objects.put('serviceaccounts', obj('ServiceAccount', 'team', 'robot', 'other-uid'));
    await assert.rejects(auth(plain, []), { message: 'service account UID (other-uid) does not match claim (sa-uid)' });
    objects.remove('serviceaccounts', 'team', 'robot');
    await assert.rejects(auth(plain, []), { message: 'serviceaccounts "robot" not found' });
  });

  it('validates legacy secret-based tokens against the secret holding them', async () => {
    const { objects, auth } = setup();
    const legacyGen = new TokenGenerator('kubernetes/serviceaccount', signingKeyFromPem(keyA.priv));
    const token = await legacyGen.generateToken(legacyClaims(sa, 'robot-token'));
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;
    assert.equal(payload.iss, 'kubernetes/serviceaccount');
    assert.equal(payload['kubernetes.io/serviceaccount/secret.name'], 'robot-token');
    assert.equal(payload.exp, undefined);
    objects.put('secrets', obj('Secret', 'team', 'robot-token', 'sec-uid', { type: 'kubernetes.io/service-account-token', data: { token: Buffer.from(token).toString('base64') } }));
    const r = await auth(token, []);
    assert.equal(r?.user.name, 'system:serviceaccount:team:robot');
    assert.deepEqual(r?.audiences, [DEFAULT_ISSUER]);
    assert.equal(r?.user.extra, undefined);
    objects.put('secrets', obj('Secret', 'team', 'robot-token', 'sec-uid', { data: { token: Buffer.from('other').toString('base64') } }));
    await assert.rejects(auth(token, []), { message: "token does not match server's copy" });
    objects.remove('secrets', 'team', 'robot-token');
    await assert.rejects(auth(token, []), { message: 'token has been invalidated' });
  });
});
