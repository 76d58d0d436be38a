import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { startTestServer } from '../../apiserver/testing.ts';
import type { Response, TestServer } from '../../apiserver/testing.ts';
import { bootstrapTokenSecret } from '../bootstraptoken.ts';
import { installAuthentication } from './index.ts';

const ISSUER = 'https://kubernetes.default.svc.cluster.local';

describe('authentication installed in the apiserver', () => {
  let s: TestServer;
  let dir: string;
  let clock = Date.now();

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'cox-authn-'));
    const tokenFile = path.join(dir, 'tokens.csv');
    writeFileSync(tokenFile, 'static-secret,alice,1001,"devs,ops"\n');
    s = await startTestServer({}, (server) => { installAuthentication(server, { tokenAuthFile: tokenFile, now: () => clock }); });
    const ns = await s.request('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
    assert.equal(ns.status, 201, ns.text);
    const sa = await s.request('POST', '/api/v1/namespaces/team/serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'robot' } });
    assert.equal(sa.status, 201, sa.text);
  });

  after(async () => {
    await s?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const withToken = (token: string, method: string, p: string, body?: unknown): Promise<Response> =>
    s.anonymous(method, p, body, { authorization: `Bearer ${token}` });

  const whoami = async (token: string): Promise<Response> =>
    withToken(token, 'POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' });

  async function requestToken(sa: string, spec: Record<string, unknown> = {}): Promise<Response> {
    return s.request('POST', `/api/v1/namespaces/team/serviceaccounts/${sa}/token`, { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec });
  }

  it('issues a token with TokenRequest that then authenticates as the service account', async () => {
    const saUID = (await s.request('GET', '/api/v1/namespaces/team/serviceaccounts/robot')).json.metadata as { uid: string };
    const r = await requestToken('robot');
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.kind, 'TokenRequest');
    assert.equal(r.json.apiVersion, 'authentication.k8s.io/v1');
    const meta = r.json.metadata as Record<string, string>;
    assert.equal(meta.name, 'robot');
    assert.equal(meta.namespace, 'team');
    assert.equal(meta.uid, saUID.uid);
    assert.deepEqual(r.json.spec, { audiences: [ISSUER], expirationSeconds: 3600 });
    const status = r.json.status as { token: string; expirationTimestamp: string };
    assert.equal(status.expirationTimestamp, new Date(Math.floor(clock / 1000) * 1000 + 3600_000).toISOString().replace('.000Z', 'Z'));
    const who = await whoami(status.token);
    assert.equal(who.status, 201, who.text);
    const userInfo = (who.json.status as { userInfo: Record<string, unknown> }).userInfo;
    assert.equal(userInfo.username, 'system:serviceaccount:team:robot');
    assert.equal(userInfo.uid, saUID.uid);
    assert.deepEqual(userInfo.groups, ['system:serviceaccounts', 'system:serviceaccounts:team', 'system:authenticated']);
    const extra = userInfo.extra as Record<string, string[]>;
    assert.match(extra['authentication.kubernetes.io/credential-id']?.[0] ?? '', /^JTI=[0-9a-f-]{36}$/);
  });

  it('refuses durations under ten minutes and unknown service accounts as upstream', async () => {
    const short = await requestToken('robot', { expirationSeconds: 60 });
    assert.equal(short.status, 422);
    assert.equal(short.json.message, 'TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes');
    const missing = await requestToken('ghost');
    assert.equal(missing.status, 404);
    assert.equal(missing.json.message, 'serviceaccounts "ghost" not found');
    const get = await s.request('GET', '/api/v1/namespaces/team/serviceaccounts/robot/token');
    assert.equal(get.status, 405);
  });

  it('lets a token expire: accepted until exp plus one minute of leeway, then 401', async () => {
    const r = await requestToken('robot', { expirationSeconds: 600 });
    const token = (r.json.status as { token: string }).token;
    const saved = clock;
    try {
      clock += 600_000 + 59_000;
      assert.equal((await whoami(token)).status, 201);
      clock += 2_000;
      const denied = await whoami(token);
      assert.equal(denied.status, 401);
      assert.equal(denied.json.message, 'Unauthorized');
      assert.equal(denied.json.reason, 'Unauthorized');
    } finally {
      clock = saved;
    }
  });

  it('stops accepting a pod-bound token once the pod is deleted', async () => {
    const pod = await s.request('POST', '/api/v1/namespaces/team/pods', {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'worker' },
      spec: { serviceAccountName: 'robot', containers: [{ name: 'c', image: 'busybox' }] },
    });
    assert.equal(pod.status, 201, pod.text);
    const podUID = (pod.json.metadata as { uid: string }).uid;
    const r = await requestToken('robot', { boundObjectRef: { apiVersion: 'v1', kind: 'Pod', name: 'worker', uid: podUID } });
    assert.equal(r.status, 201, r.text);
    const token = (r.json.status as { token: string }).token;
    const who = await whoami(token);
    const extra = ((who.json.status as { userInfo: { extra: Record<string, string[]> } }).userInfo).extra;
    assert.deepEqual(extra['authentication.kubernetes.io/pod-name'], ['worker']);
    assert.deepEqual(extra['authentication.kubernetes.io/pod-uid'], [podUID]);
    const wrongSA = await s.request('POST', '/api/v1/namespaces/team/serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'other' } });
    assert.equal(wrongSA.status, 201);
    const mismatch = await requestToken('other', { boundObjectRef: { apiVersion: 'v1', kind: 'Pod', name: 'worker' } });
    assert.equal(mismatch.status, 400);
    assert.equal(mismatch.json.message, 'cannot bind token for serviceaccount "other" to pod running with different serviceaccount name.');
    const staleUID = await requestToken('robot', { boundObjectRef: { apiVersion: 'v1', kind: 'Pod', name: 'worker', uid: 'not-it' } });
    assert.equal(staleUID.status, 409);
    const del = await s.request('DELETE', '/api/v1/namespaces/team/pods/worker?gracePeriodSeconds=0');
    assert.equal(del.status, 200, del.text);
    assert.equal((await whoami(token)).status, 401);
    const review = await s.request('POST', '/apis/authentication.k8s.io/v1/tokenreviews', { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token } });
    assert.equal(review.status, 201, review.text);
    assert.deepEqual(review.json.status, { user: {}, error: '[invalid bearer token, service account token has been invalidated]' });
  });

  it('authenticates static token file users', async () => {
    const who = await whoami('static-secret');
    assert.deepEqual((who.json.status as { userInfo: unknown }).userInfo, { username: 'alice', uid: '1001', groups: ['devs', 'ops', 'system:authenticated'] });
    assert.equal((await whoami('static-wrong')).status, 401);
  });

  it('authenticates bootstrap tokens from kube-system secrets until they expire', async () => {
    const secret = bootstrapTokenSecret({ token: 'abcdef.0123456789abcdef', usages: ['authentication', 'signing'], ttlSeconds: 3600, extraGroups: ['system:bootstrappers:cox:worker'], now: clock });
    const created = await s.request('POST', '/api/v1/namespaces/kube-system/secrets', secret);
    assert.equal(created.status, 201, created.text);
    const who = await whoami('abcdef.0123456789abcdef');
    assert.deepEqual((who.json.status as { userInfo: unknown }).userInfo, {
      username: 'system:bootstrap:abcdef', groups: ['system:bootstrappers', 'system:bootstrappers:cox:worker', 'system:authenticated'],
    });
    assert.equal((await whoami('abcdef.0123456789abcdeX')).status, 401);
    const saved = clock;
    try {
      clock += 3601_000;
      assert.equal((await whoami('abcdef.0123456789abcdef')).status, 401);
    } finally {
      clock = saved;
    }
  });

  it('reviews tokens with TokenReview for the requested audiences', async () => {
    const vault = await requestToken('robot', { audiences: ['vault'] });
    const token = (vault.json.status as { token: string }).token;
    const review = async (spec: Record<string, unknown>) => s.request('POST', '/apis/authentication.k8s.io/v1/tokenreviews', { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec });
    const ok = await review({ token, audiences: ['vault'] });
    assert.equal(ok.status, 201, ok.text);
    const st = ok.json.status as Record<string, unknown>;
    assert.equal(st.authenticated, true);
    assert.deepEqual(st.audiences, ['vault']);
    assert.equal((st.user as { username: string }).username, 'system:serviceaccount:team:robot');
    const wrong = await review({ token });
    assert.deepEqual(wrong.json.status, { user: {}, error: `[invalid bearer token, token audiences ["vault"] is invalid for the target audiences ["${ISSUER}"]]` });
    // A token for the vault audience does not open the apiserver.
    assert.equal((await whoami(token)).status, 401);
    const staticUser = await review({ token: 'static-secret' });
    assert.deepEqual((staticUser.json.status as Record<string, unknown>).audiences, [ISSUER]);
    const staticForVault = await review({ token: 'static-secret', audiences: ['vault'] });
    assert.deepEqual(staticForVault.json.status, { user: {}, error: 'invalid bearer token' });
    const empty = await review({});
    assert.equal(empty.status, 400);
    assert.equal(empty.json.message, 'token is required for TokenReview in authentication');
  });

  it('answers SelfSubjectReview for certificate users, in v1 and v1beta1', async () => {
    for (const v of ['v1', 'v1beta1']) {
      const r = await s.request('POST', `/apis/authentication.k8s.io/${v}/selfsubjectreviews`, { apiVersion: `authentication.k8s.io/${v}`, kind: 'SelfSubjectReview' });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.json.apiVersion, `authentication.k8s.io/${v}`);
      assert.deepEqual((r.json.status as { userInfo: unknown }).userInfo, { username: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] });
    }
  });

  it('serves the OIDC discovery documents, and the JWKS verifies issued tokens', async () => {
    const cfg = await s.request('GET', '/.well-known/openid-configuration');
    assert.equal(cfg.status, 200, cfg.text);
    assert.equal(cfg.headers['cache-control'], 'public, max-age=3600');
    assert.deepEqual(cfg.json, {
      issuer: ISSUER, jwks_uri: `${s.server.url}/openid/v1/jwks`,
      response_types_supported: ['id_token'], subject_types_supported: ['public'], id_token_signing_alg_values_supported: ['RS256'],
    });
    const jwks = await s.request('GET', '/openid/v1/jwks');
    assert.equal(jwks.status, 200);
    assert.equal(jwks.headers['content-type'], 'application/jwk-set+json');
    const keys = (jwks.json as { keys: Record<string, string>[] }).keys;
    assert.equal(keys.length, 1);
    assert.deepEqual(Object.keys(keys[0] ?? {}), ['use', 'kty', 'kid', 'alg', 'n', 'e']);
    const token = ((await requestToken('robot', { audiences: ['https://relying.party'] })).json.status as { token: string }).token;
    const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet(jwks.json as { keys: [] }), { issuer: ISSUER, audience: 'https://relying.party' });
    assert.equal(payload.sub, 'system:serviceaccount:team:robot');
    assert.equal(protectedHeader.kid, keys[0]?.kid);
    assert.equal((await s.request('POST', '/openid/v1/jwks', {})).status, 405);
    assert.equal((await s.request('GET', '/openid/v1/jwks/extra')).status, 404);
  });

  it('answers 401 Unauthorized for garbage bearer tokens even on public paths', async () => {
    const r = await withToken('garbage', 'GET', '/version');
    assert.equal(r.status, 401);
    assert.deepEqual(r.json, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 });
  });
});
